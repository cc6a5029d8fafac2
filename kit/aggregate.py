"""Aggregate base: decide by recording events, evolve by applying them."""

from __future__ import annotations

from typing import Any


class Aggregate:
    """Subclasses implement `apply(event)` and call `record(event)` from their decision methods.

    `version` is the stream version the aggregate was loaded at; `pending` holds what a decision
    recorded and the handler has not saved yet.
    """

    stream_prefix = ""

    def __init__(self, id: str) -> None:
        self.id = id
        self.version = 0
        self.pending: list[Any] = []

    @classmethod
    def stream_id_for(cls, id: str) -> str:
        return f"{cls.stream_prefix}-{id}"

    @property
    def stream_id(self) -> str:
        return self.stream_id_for(self.id)

    @property
    def exists(self) -> bool:
        return self.version > 0 or bool(self.pending)

    def apply(self, event: Any) -> None:  # pragma: no cover - overridden
        raise NotImplementedError("abstract: each aggregate applies its own events")

    def record(self, event: Any) -> None:
        self.apply(event)
        self.pending.append(event)

    def replay(self, events: list[Any], version: int) -> None:
        for event in events:
            self.apply(event)
        self.version = version
