"""What the projection runner (runner.py) works with: the read-model database it writes to, the
statements of its own tables in that database's dialect, and the projections it applies events to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from kit.envelope import Envelope


class ReadModelRenewed(RuntimeError):
    """A read model's version in the database is not the running code's: a newer release
    renewed it (or an older one is still running). This process must not apply events to it."""

    def __init__(self, projection: str, stored: int | None, code: int) -> None:
        super().__init__(f"read model {projection} is at version {stored} in the database and "
                         f"at {code} in this code: a release renewed it; this process stops "
                         "applying events to it")
        self.projection = projection


@dataclass(frozen=True)
class RunnerSql:
    """The runner's statements in one SQL dialect; each read-model database adapter writes
    them out in its own (kit.sqlite.readmodel, kit.postgres.readmodel)."""

    tables: str  # DDL: checkpoints per (projection, source), versions, dead letters
    version_of: str  # (projection) -> version
    has_checkpoint: str  # (projection) -> 1
    forget_checkpoints: str  # (projection)
    forget_dead_letters: str  # (projection)
    forget_announcements: str  # (projection)
    set_version: str  # (projection, version)
    checkpoints_of: str  # (source) -> projection, position
    applied_of: str  # (source) -> projection, version, position (NULL: none applied from it)
    save_checkpoint: str  # (projection, source, position)
    park: str  # (projection, source, position, event_id, type, reason, envelope)
    dead_letters: str  # () -> projection, source, global_position, event_id, type, reason
    parked: str  # () -> projection, source, global_position, envelope
    unpark: str  # (projection, source, global_position)
    # dead letters parked while someone listens (on_park), announced once their batch committed
    announce_later: str  # (projection, source, global_position)
    to_announce: str  # () -> projection, source, global_position, reason, envelope
    announced: str  # (projection, source, global_position): announced, or unparked


class ReadModelDb(Protocol):
    """A read-model database (kit.sqlite.readmodel, kit.postgres.readmodel): one write
    transaction at a time, and queries outside it, in the SQL dialect it names; it keeps the
    runner's own tables, whose statements it gives in `runner_sql`."""

    dialect: str  # "sqlite" | "postgres": which written-out statements a service hands it
    runner_sql: RunnerSql

    def transaction(self) -> AbstractContextManager[Any]: ...

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]: ...

    def is_outage(self, exc: BaseException) -> bool:
        """Whether `exc` is the database failing (full, gone, timed out), not the statement."""


class Projection(Protocol):
    """What a runner applies events to. A rebuild also uses, where a projection has them,
    `create_tables` (the tables alone, loaded before `create` adds the rest) and
    `create_lookup_indexes` (the indexes its handlers find rows by while it loads: one with
    `create_tables` and lookups by an index left for after the load scans a table per event)."""

    name: str

    def create(self, db: sqlite3.Connection) -> None:
        """Create the read-model tables if missing."""

    def drop(self, db: sqlite3.Connection) -> None:
        """Drop the read-model tables."""

    def handle(self, event: Envelope, db: sqlite3.Connection) -> None:
        """Apply one event. Raise to dead-letter it."""


STORE = "store"  # the source name for events read straight from the service's own store
