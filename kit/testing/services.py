"""Tests that need a real server or tool: fail under CI=true when it is missing, skip otherwise."""

from __future__ import annotations

import os
import shutil
from typing import NoReturn

import pytest


def require_env(name: str, how: str) -> str:
    value = os.environ.get(name, "")
    if value:
        return value
    _missing(f"{name} is not set: start the server with {how}")


def require_binary(name: str, how: str) -> str:
    """The path of an executable on PATH (e.g. promtool), named with how to install it."""
    path = shutil.which(name)
    if path:
        return path
    _missing(f"{name} is not on PATH: install it with {how}")


def _missing(reason: str) -> NoReturn:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: a test that needs a real service must not skip)")
    pytest.skip(reason)
