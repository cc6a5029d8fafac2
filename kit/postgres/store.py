"""Event store on PostgreSQL (psycopg 3).

Writers of one schema take one transaction-scoped advisory lock, so global positions are assigned
and committed in order with no gaps: a reader resuming after the last position it saw never skips
an event. This caps a store's writes at one transaction at a time, so concurrent appenders on it
share a transaction and its commit (group commit, see group_commit.py; each append is decided and
written by the database's `append_command`, see appends.py), and reads use connections of their
own (a few, shared by the process's threads), so they go on while a group commits and beside each
other.

Every writing transaction also NOTIFYs the schema's channel (delivered at commit, dropped on
rollback): a tailing reader such as the relay waits for it instead of polling. The price, left as
it is: PostgreSQL commits the transactions that notified one at a time across the whole server
(its notification queue's lock is held through the commit's WAL flush), so stores in different
schemas still take turns at that point; a NOTIFY sent after the commit would cost each append a
round trip more.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import psycopg
from psycopg.pq import TransactionStatus
from psycopg.types.json import set_json_loads

from kit.clock import Clock, SystemClock
from kit.collections_paced import fewer_collections
from kit.envelope import CommandContext, Envelope
from kit.json_text import loads
from kit.postgres.appends import Call, append, append_all
from kit.postgres.event_tables import COLUMNS, envelope_of, schema_sql
from kit.postgres.notify import Notifications, channel
from kit.postgres.readers import ReadConnections
from kit.postgres.sessions import OPTIONS
from kit.sql.group_commit import GroupCommit, Pending
from kit.store import AppendResult, StreamAppend, TransactionLost

# The writers' advisory lock: its two-key form, this class of lock and the schema's hash, so the
# stores of several services in one database (each in its own schema) do not take turns. Two
# schemas whose names hash alike would only share turns. (One bigint key named no schema: every
# store in the database took turns.) Read models lock with the one-key form, a separate key space.
_WRITERS = 7_402_113


def _reader(dsn: str) -> psycopg.Connection:
    conn = psycopg.connect(dsn, autocommit=True, options=OPTIONS)
    set_json_loads(loads, conn)
    return conn


class PostgresEventStore:
    def __init__(self, dsn: str, schema: str = "eventstore", clock: Clock | None = None, *,
                 readers: int = 4) -> None:
        """`readers`: how many reads may run at once outside a batch."""
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
            raise ValueError(f"not a plain schema name: {schema!r}")
        self.dsn = dsn
        self.schema = schema
        self._channel = channel(schema, "appended")
        self._appends = Notifications(dsn, self._channel)  # LISTENs only once waited on
        self._clock = clock or SystemClock()
        self._lock = threading.RLock()
        self._conn = psycopg.connect(dsn, autocommit=True, options=OPTIONS)
        self._tx_depth = 0
        self._batch_owner: int | None = None
        lock = f"pg_advisory_xact_lock({_WRITERS}, hashtext('{schema}'))"
        with self._conn.transaction():
            self._conn.execute(f"SELECT {lock}")
            self._conn.execute(schema_sql(schema, lock, self._channel))
        # the writers' lock with the commit's notification
        self._take_lock = (f"SELECT {lock}, pg_notify(%s, '')", (self._channel,))
        set_json_loads(loads, self._conn)  # every event's data is read back through orjson
        self._readers = ReadConnections(functools.partial(_reader, dsn), readers)
        self._group = GroupCommit(self._commit_group)

    def _in_my_batch(self) -> bool:
        return self._batch_owner == threading.get_ident()

    @contextmanager
    def _reading(self) -> Iterator[psycopg.Connection]:
        """Inside this thread's batch, read its uncommitted writes; else a read connection."""
        if self._in_my_batch():
            with self._lock:
                yield self._conn
        else:
            with self._readers.borrow() as conn:
                yield conn

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
                if outer and self._conn.info.transaction_status == TransactionStatus.INERROR:
                    # psycopg would send COMMIT, which PostgreSQL answers by rolling back
                    raise TransactionLost("an error inside the batch (caught by its caller) "
                                          "aborted its transaction: nothing of it is stored")
            finally:
                self._tx_depth -= 1
                if outer:
                    self._batch_owner = None

    def append(
        self, appends: Sequence[StreamAppend], context: CommandContext, payload_hash: str = ""
    ) -> AppendResult:
        if self._in_my_batch():
            with self._lock:
                return append(self._conn, self.schema,
                              Call(self._clock, appends, context, payload_hash))
        return self._group.submit(appends, context, payload_hash)

    def _lock_and_announce(self) -> None:
        """Take the writers' lock; the notification goes out only if this transaction commits."""
        self._conn.execute(*self._take_lock)

    def wait_for_appends(self, timeout: float) -> bool:
        """Up to `timeout` s for a commit since the last call (the first call only starts
        listening); True if one came. The caller reads the log after each return."""
        return self._appends.wait(timeout)

    def _commit_group(self, group: list[Pending]) -> None:
        """A single append is one statement in autocommit; a group, one pipelined transaction
        (appends.py). Each append gets its result or its own error: the others go on."""
        with self._lock:
            calls: list[tuple[Pending, Call]] = []
            for p in group:
                try:
                    calls.append((p, Call(self._clock, *p.args)))
                except Exception as exc:  # this append only
                    p.error = exc
            outcomes = append_all(self._conn, self.schema, [c for _, c in calls]) if calls else []
            for (p, _), outcome in zip(calls, outcomes, strict=True):
                if isinstance(outcome, Exception):  # rolled back: nothing of it is kept
                    p.error = outcome
                else:
                    p.result = outcome

    def find_command(self, command_id: str) -> AppendResult | None:
        with self._reading() as db:
            row = db.execute(
                f"SELECT positions, stream_versions, payload_hash FROM {self.schema}.commands "
                "WHERE command_id = %s", (command_id,)).fetchone()
        if row is None:
            return None
        return AppendResult(command_id, tuple(row[0]), row[1], duplicate=True, payload_hash=row[2])

    # Events are fetched in PostgreSQL's binary format: the same values, ~17 % less of the
    # client's CPU an event than parsing the text format (integers and timestamps as they are
    # stored; the data's jsonb still goes through orjson)

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[Envelope]:
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {COLUMNS} FROM {self.schema}.events WHERE stream_id = %s "
                "AND stream_version >= %s ORDER BY stream_version", (stream_id, from_version),
                binary=True).fetchall()
        return [envelope_of(r) for r in rows]

    def stream_version(self, stream_id: str) -> int:
        with self._reading() as db:
            row = db.execute(
                f"SELECT version FROM {self.schema}.streams WHERE stream_id = %s", (stream_id,)
            ).fetchone()
        return row[0] if row else 0

    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[Envelope]:
        # a page's rows and envelopes stay alive until it is returned (kit.sqlite.store's read_all)
        with fewer_collections():
            with self._reading() as db:
                rows = db.execute(
                    f"SELECT {COLUMNS} FROM {self.schema}.events WHERE global_position > %s "
                    "ORDER BY global_position LIMIT %s", (after_position, limit),
                    binary=True).fetchall()
            return [envelope_of(r) for r in rows]

    def head_position(self) -> int:
        with self._reading() as db:
            row = db.execute(
                f"SELECT COALESCE(MAX(global_position), 0) FROM {self.schema}.events").fetchone()
        return row[0]

    def close(self) -> None:
        self._readers.close()
        with self._lock:
            self._conn.close()
        self._appends.close()
