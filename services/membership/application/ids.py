"""Ids of new aggregates."""

from __future__ import annotations

import uuid

ID_NAMESPACE = uuid.UUID("6f1c8a56-3b0e-4d55-9a55-0d6e7c1b9a21")


def new_id(command_id: str, kind: str) -> str:
    """Ids of new aggregates derive from the command id, so a retry names the same aggregate."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{kind}:{command_id}"))
