"""Event store on PostgreSQL (psycopg 3).

Writers take one transaction-scoped advisory lock, so global positions are assigned and committed
in order with no gaps: a reader resuming after the last position it saw never skips an event.
This caps write concurrency at one transaction at a time, so concurrent appenders on one store
share a transaction and its commit (group commit, see group_commit.py), and reads use their own
connection so they go on while a group commits.

Every writing transaction also NOTIFYs the schema's channel (delivered at commit, dropped on
rollback): a tailing reader such as the relay waits for it instead of polling.
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
from .pg_notify import Notifications, channel
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
        self._channel = channel(schema, "appended")
        self._appends = Notifications(dsn, self._channel)  # LISTENs only once waited on
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
                self._lock_and_announce()
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
            with self._lock:
                return self._append_at(self._head(), appends, context, payload_hash)[0]
        return self._group.submit(appends, context, payload_hash)

    def _lock_and_announce(self) -> None:
        """Take the writers' lock; the notification goes out only if this transaction commits."""
        self._conn.execute("SELECT pg_advisory_xact_lock(%s), pg_notify(%s, '')",
                           (_WRITER_LOCK, self._channel))

    def wait_for_appends(self, timeout: float) -> bool:
        """Up to `timeout` s for a commit since the last call (the first call only starts
        listening); True if one came. The caller reads the log after each return."""
        return self._appends.wait(timeout)

    def _head(self) -> int:
        return self._conn.execute(
            f"SELECT COALESCE(MAX(global_position), 0) FROM {self.schema}.events").fetchone()[0]

    def _commit_group(self, group: list[Pending]) -> None:
        """Decide every append of the group from one read, write them all with one statement per
        table; should a write fail, redo them one savepoint each so only the failing one fails."""
        with self._lock, self._conn.transaction():
            self._lock_and_announce()
            head = self._head()  # once per group: the lock keeps every other writer out
            if len(group) == 1:
                self._one(group[0], head)
                return
            events, streams, commands = self._plan_group(group, head)
            try:
                with self._conn.transaction(), self._conn.cursor() as cur:
                    self._write(cur, events, streams, commands)
            except Exception:  # decide again from the database, one append at a time
                for p in group:
                    p.result, p.error = None, None
                    head = self._one(p, head)

    def _one(self, p: Pending, head: int) -> int:
        try:
            p.result, head = self._append_at(head, *p.args)
        except Exception as exc:  # this append only: the others go on
            p.error = exc
        return head

    def _plan_group(self, group: list[Pending], head: int) -> tuple[list, list, list]:
        s = self.schema
        command_ids = [p.args[1].command_id for p in group]
        stream_ids = list({a.stream_id for p in group for a in p.args[0]})
        found = self._conn.execute(
            f"SELECT 0, command_id, payload_hash, positions, stream_versions FROM {s}.commands"
            " WHERE command_id = ANY(%s) UNION ALL SELECT 1, stream_id, NULL, to_jsonb(version),"
            f" NULL FROM {s}.streams WHERE stream_id = ANY(%s)", (command_ids, stream_ids)
        ).fetchall()
        seen = {r[1]: (r[2], r[3], r[4]) for r in found if r[0] == 0}
        current = {r[1]: r[3] for r in found if r[0] == 1}
        events: list[tuple] = []
        streams: dict[str, int] = {}
        commands: list[tuple] = []
        for p in group:
            appends, context, payload_hash = p.args
            try:
                result, rows, versions = self._decide(appends, context, payload_hash, seen,
                                                      current, head)
            except Exception as exc:
                p.error = exc
                continue
            p.result = result
            if rows:
                head = rows[-1][0]
                events += rows
                current.update(versions)
                streams.update({sid: v for sid, v in versions.items()
                                if any(r[2] == sid for r in rows)})
                commands.append((context.command_id, payload_hash,
                                 json.dumps(list(result.positions)), json.dumps(versions)))
                seen[context.command_id] = (payload_hash, list(result.positions), versions)
        return events, list(streams.items()), commands

    def _decide(self, appends: Sequence[StreamAppend], context: CommandContext,
                payload_hash: str, seen: dict, current: dict, head: int
                ) -> tuple[AppendResult, list[tuple], dict[str, int]]:
        """The result, event rows and stream versions of one append, or its error: no writes."""
        if context.command_id in seen:
            first_hash, positions, versions = seen[context.command_id]
            if first_hash != payload_hash:
                raise CommandIdReused(context.command_id)
            return AppendResult(context.command_id, tuple(positions), versions, duplicate=True,
                                payload_hash=first_hash), [], {}
        recorded_at = self._clock.now()
        position, rows, versions, mine = head, [], {}, dict(current)
        for item in appends:
            actual = mine.get(item.stream_id, 0)
            if actual != item.expected_version:
                raise ConcurrencyConflict(item.stream_id, item.expected_version, actual)
            version = actual
            for event in item.events:
                version += 1
                position += 1
                rows.append((
                    position, event.event_id, item.stream_id, version, event.type,
                    event.schema_version, event.occurred_at, recorded_at, context.province,
                    context.actor.user_id, context.actor.role, context.correlation_id,
                    context.causation_id, context.command_id, Jsonb(event.data),
                ))
            mine[item.stream_id] = versions[item.stream_id] = version
        positions = tuple(r[0] for r in rows)
        return AppendResult(context.command_id, positions, versions,
                            payload_hash=payload_hash), rows, versions

    def _write(self, cur: psycopg.Cursor, events: list, streams: list, commands: list) -> None:
        s = self.schema
        if events:
            cur.executemany(
                f"INSERT INTO {s}.events ({_COLUMNS}) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", events)
        if streams:
            cur.executemany(
                f"INSERT INTO {s}.streams (stream_id, version) VALUES (%s, %s) "
                "ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version", streams)
        if commands:
            cur.executemany(f"INSERT INTO {s}.commands VALUES (%s, %s, %s, %s)", commands)

    def _append_at(self, head: int, appends: Sequence[StreamAppend], context: CommandContext,
                   payload_hash: str) -> tuple[AppendResult, int]:
        """Append one command after global position `head`, in a savepoint; returns the result
        and the new head."""
        s, db = self.schema, self._conn
        found = db.execute(
            f"SELECT 0, command_id, payload_hash, positions, stream_versions FROM {s}.commands"
            " WHERE command_id = %s UNION ALL SELECT 1, stream_id, NULL, to_jsonb(version), NULL"
            f" FROM {s}.streams WHERE stream_id = ANY(%s)",
            (context.command_id, [a.stream_id for a in appends])).fetchall()
        seen = {r[1]: (r[2], r[3], r[4]) for r in found if r[0] == 0}
        current = {r[1]: r[3] for r in found if r[0] == 1}
        result, rows, versions = self._decide(appends, context, payload_hash, seen, current,
                                              head)
        if not rows:
            return result, head
        with db.transaction(), db.cursor() as cur:  # a savepoint
            written = {r[2] for r in rows}
            self._write(cur, rows, [(k, v) for k, v in versions.items() if k in written],
                        [(context.command_id, payload_hash, json.dumps(list(result.positions)),
                          json.dumps(versions))])
        return result, rows[-1][0]

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
        self._appends.close()
