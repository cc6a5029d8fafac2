"""Event store on PostgreSQL (psycopg 3).

Writers take one transaction-scoped advisory lock, so global positions are assigned and committed
in order with no gaps: a reader resuming after the last position it saw never skips an event.
This caps write concurrency at one transaction at a time, so concurrent appenders on one store
share a transaction and its commit (group commit, see group_commit.py), and reads use their own
connection so they go on while a group commits.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from .clock import Clock, SystemClock
from .envelope import Actor, CommandContext, Envelope
from .errors import CommandIdReused, ConcurrencyConflict
from .group_commit import GroupCommit, Pending
from .store import AppendResult, StreamAppend

_WRITER_LOCK = 7_402_113  # advisory lock key shared by every writer of one schema


def _schema_sql(schema: str) -> str:
    return f"""
CREATE SCHEMA IF NOT EXISTS {schema};
CREATE TABLE IF NOT EXISTS {schema}.events (
    global_position BIGINT PRIMARY KEY,
    event_id        TEXT NOT NULL UNIQUE,
    stream_id       TEXT NOT NULL,
    stream_version  INTEGER NOT NULL,
    type            TEXT NOT NULL,
    schema_version  INTEGER NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    province        TEXT NOT NULL,
    actor_user_id   TEXT NOT NULL,
    actor_role      TEXT NOT NULL,
    correlation_id  TEXT NOT NULL,
    causation_id    TEXT NOT NULL,
    command_id      TEXT NOT NULL,
    data            JSONB NOT NULL,
    UNIQUE (stream_id, stream_version)
);
CREATE TABLE IF NOT EXISTS {schema}.streams (
    stream_id TEXT PRIMARY KEY,
    version   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS {schema}.commands (
    command_id      TEXT PRIMARY KEY,
    payload_hash    TEXT NOT NULL,
    positions       JSONB NOT NULL,
    stream_versions JSONB NOT NULL
);
"""


_COLUMNS = (
    "global_position, event_id, stream_id, stream_version, type, schema_version, occurred_at, "
    "recorded_at, province, actor_user_id, actor_role, correlation_id, causation_id, command_id, data"
)


def _envelope(row: Sequence[Any]) -> Envelope:
    return Envelope(
        global_position=row[0], event_id=row[1], stream_id=row[2], stream_version=row[3],
        type=row[4], schema_version=row[5], occurred_at=row[6], recorded_at=row[7],
        province=row[8], actor=Actor(row[9], row[10]), correlation_id=row[11],
        causation_id=row[12], command_id=row[13], data=row[14],
    )


class PostgresEventStore:
    def __init__(self, dsn: str, schema: str = "eventstore", clock: Clock | None = None) -> None:
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
            raise ValueError(f"not a plain schema name: {schema!r}")
        self.schema = schema
        self._clock = clock or SystemClock()
        self._lock = threading.RLock()
        self._conn = psycopg.connect(dsn, autocommit=True, options="-c timezone=UTC")
        self._tx_depth = 0
        self._batch_owner: int | None = None
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))
            self._conn.execute(_schema_sql(schema))
        self._read_lock = threading.RLock()
        self._reader = psycopg.connect(dsn, autocommit=True, options="-c timezone=UTC")
        self._group = GroupCommit(self._commit_group)

    def _in_my_batch(self) -> bool:
        return self._batch_owner == threading.get_ident()

    @contextmanager
    def _reading(self) -> Iterator[psycopg.Connection]:
        """Inside this thread's batch, read its uncommitted writes; else the read connection."""
        if self._in_my_batch():
            with self._lock:
                yield self._conn
        else:
            with self._read_lock:
                yield self._reader

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group commit by the caller: appends inside share one transaction (a savepoint each)."""
        with self._lock, self._conn.transaction():
            outer = self._tx_depth == 0
            if outer:
                self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))
                self._batch_owner = threading.get_ident()
            self._tx_depth += 1
            try:
                yield
            finally:
                self._tx_depth -= 1
                if outer:
                    self._batch_owner = None

    def append(
        self, appends: Sequence[StreamAppend], context: CommandContext, payload_hash: str = ""
    ) -> AppendResult:
        if self._in_my_batch():
            with self._lock, self._conn.transaction():  # a savepoint inside the batch
                return self._append(appends, context, payload_hash)
        return self._group.submit(appends, context, payload_hash)

    def _commit_group(self, group: list[Pending]) -> None:
        with self._lock, self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))
            for p in group:
                try:
                    with self._conn.transaction():  # a savepoint: a failure undoes this one only
                        p.result = self._append(*p.args)
                except Exception as exc:
                    p.error = exc

    def _append(self, appends: Sequence[StreamAppend], context: CommandContext,
                payload_hash: str) -> AppendResult:
        s, db = self.schema, self._conn
        seen = db.execute(
            f"SELECT payload_hash, positions, stream_versions FROM {s}.commands"
            " WHERE command_id = %s", (context.command_id,)).fetchone()
        if seen is not None:
            if seen[0] != payload_hash:
                raise CommandIdReused(context.command_id)
            return AppendResult(context.command_id, tuple(seen[1]), seen[2], duplicate=True,
                                payload_hash=seen[0])
        recorded_at = self._clock.now()
        position = db.execute(f"SELECT COALESCE(MAX(global_position), 0) FROM {s}.events"
                              ).fetchone()[0]
        positions: list[int] = []
        versions: dict[str, int] = {}
        rows = []
        for item in appends:
            row = db.execute(f"SELECT version FROM {s}.streams WHERE stream_id = %s",
                             (item.stream_id,)).fetchone()
            actual = row[0] if row else 0
            if actual != item.expected_version:
                raise ConcurrencyConflict(item.stream_id, item.expected_version, actual)
            version = actual
            for event in item.events:
                version += 1
                position += 1
                positions.append(position)
                rows.append((
                    position, event.event_id, item.stream_id, version, event.type,
                    event.schema_version, event.occurred_at, recorded_at, context.province,
                    context.actor.user_id, context.actor.role, context.correlation_id,
                    context.causation_id, context.command_id, Jsonb(event.data),
                ))
            if item.events:
                db.execute(
                    f"INSERT INTO {s}.streams (stream_id, version) VALUES (%s, %s) "
                    "ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version",
                    (item.stream_id, version))
            versions[item.stream_id] = version
        if rows:
            with db.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO {s}.events ({_COLUMNS}) VALUES "
                    "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", rows)
            db.execute(
                f"INSERT INTO {s}.commands VALUES (%s, %s, %s, %s)",
                (context.command_id, payload_hash, json.dumps(positions), json.dumps(versions)))
        return AppendResult(context.command_id, tuple(positions), versions,
                            payload_hash=payload_hash)

    def find_command(self, command_id: str) -> AppendResult | None:
        with self._reading() as db:
            row = db.execute(
                f"SELECT positions, stream_versions, payload_hash FROM {self.schema}.commands "
                "WHERE command_id = %s", (command_id,)).fetchone()
        if row is None:
            return None
        return AppendResult(command_id, tuple(row[0]), row[1], duplicate=True, payload_hash=row[2])

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[Envelope]:
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM {self.schema}.events WHERE stream_id = %s "
                "AND stream_version >= %s ORDER BY stream_version", (stream_id, from_version)
            ).fetchall()
        return [_envelope(r) for r in rows]

    def stream_version(self, stream_id: str) -> int:
        with self._reading() as db:
            row = db.execute(
                f"SELECT version FROM {self.schema}.streams WHERE stream_id = %s", (stream_id,)
            ).fetchone()
        return row[0] if row else 0

    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[Envelope]:
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM {self.schema}.events WHERE global_position > %s "
                "ORDER BY global_position LIMIT %s", (after_position, limit)).fetchall()
        return [_envelope(r) for r in rows]

    def head_position(self) -> int:
        with self._reading() as db:
            row = db.execute(
                f"SELECT COALESCE(MAX(global_position), 0) FROM {self.schema}.events").fetchone()
        return row[0]

    def close(self) -> None:
        with self._lock, self._read_lock:
            self._reader.close()
            self._conn.close()
