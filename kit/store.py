"""The event-store port. Every adapter passes kit/testing/store_contract.py unchanged."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from kit.envelope import CommandContext, Envelope, NewEvent

NO_STREAM = 0  # expected_version for a stream that must not exist yet


@dataclass(frozen=True)
class StreamAppend:
    """Events for one stream, appended only if the stream is still at expected_version.

    An empty `events` list is a pure version check: it makes a decision that read another
    stream fail if that stream moved (used, e.g., to check a sponsor's status atomically).
    """

    stream_id: str
    expected_version: int
    events: Sequence[NewEvent]


@dataclass(frozen=True)
class AppendResult:
    command_id: str
    # global positions of the appended events, in order (empty for a pure no-op)
    positions: tuple[int, ...]
    # stream_id -> version after the append
    stream_versions: dict[str, int]
    # True when the command id had been seen: nothing was appended this time
    duplicate: bool = False
    payload_hash: str = ""


class TransactionLost(RuntimeError):
    """The database rolled back a batch's (or a group's) whole transaction after an error inside
    it (SQLite: a full disk, an I/O error; PostgreSQL: any error a caller caught without a
    savepoint): nothing appended in it is stored, though appends before the error returned."""


class EventStore(Protocol):
    def append(
        self, appends: Sequence[StreamAppend], context: CommandContext, payload_hash: str = ""
    ) -> AppendResult:
        """Append atomically to one or more streams.

        Raises ConcurrencyConflict if any stream is not at its expected version, and
        CommandIdReused if the command id was used before with another payload hash. A command id
        seen before with the same payload returns the first result with duplicate=True.
        """
        ...

    def batch(self) -> AbstractContextManager[None]:
        """Group commit: appends inside share one durable transaction, each still atomic alone."""
        ...

    def find_command(self, command_id: str) -> AppendResult | None: ...

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[Envelope]: ...

    def stream_version(self, stream_id: str) -> int: ...

    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[Envelope]:
        """Events with global_position > after_position, in order, at most `limit`.

        A reader that resumes from the last position it saw never skips an event committed later
        with a lower position: adapters either serialise writers or hold back uncommitted gaps.
        """
        ...

    def head_position(self) -> int: ...

    def close(self) -> None: ...
