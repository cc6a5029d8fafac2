"""Named positions that survive restarts (the relay's 'last position the broker acknowledged').

Adapters: kit.sqlite.checkpoints, kit.postgres.checkpoints."""

from __future__ import annotations

from typing import Protocol


class Checkpoints(Protocol):
    def get(self, name: str) -> int: ...

    def save(self, name: str, position: int) -> None: ...
