"""Tests that need a real server: fail under CI=true when it is unreachable, skip otherwise."""

from __future__ import annotations

import os

import pytest


def require_env(name: str, how: str) -> str:
    value = os.environ.get(name, "")
    if value:
        return value
    reason = f"{name} is not set: start the server with {how}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: a test that needs a real service must not skip)")
    pytest.skip(reason)
