"""Embedded event store on SQLite (WAL, synchronous=FULL).

Writers are serialised by BEGIN IMMEDIATE, so global positions commit in order and a reader that
resumes after the last position it saw never skips an event. Concurrent appenders share one
transaction and one fsync (group commit, see group_commit.py); reads use a connection per thread,
so they go on while a group commits and beside each other (SQLite lets go of the GIL).
"""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kit.clock import Clock, SystemClock
from kit.collections_paced import fewer_collections
from kit.envelope import CommandContext, Envelope
from kit.errors import CommandIdReused, ConcurrencyConflict
from kit.json_text import dumps
from kit.sql.group_commit import GroupCommit, Pending
from kit.sqlite.event_tables import COLUMNS, SCHEMA, envelope_of
from kit.sqlite.readers import ThreadReaders
from kit.store import AppendResult, StreamAppend, TransactionLost

# The writer's page cache (SQLite's default is 2 MiB). Appends insert into B-trees keyed by
# stream and command id, spread across the file; past ~1M events their pages no longer fit and
# each insert reads some back. Filled only as pages are touched. Append 1M events (bench
# dataset): 2 MiB ~113 us/event, 64 MiB 103, 128 MiB 95, 256 MiB 90; 30k events unchanged.
WRITER_CACHE_MIB = 256


# a stream's version is its last event's: one seek at the end of the (stream_id,
# stream_version) index, which every append writes anyway (a table of versions beside it cost
# each append two more B-tree pages in the commit's fsync)
_VERSION = "SELECT COALESCE(MAX(stream_version), 0) FROM events WHERE stream_id = ?"

_ROWS_PER_INSERT = 500  # 14 values a row: well inside SQLite's 32,766 variables


@functools.lru_cache(maxsize=64)
def _insert_events(rows: int) -> str:
    return ("INSERT INTO events (event_id, stream_id, stream_version, type, schema_version,"
            " occurred_at, recorded_at, province, actor_user_id, actor_role, correlation_id,"
            " causation_id, command_id, data) VALUES "
            + ", ".join(["(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"] * rows))


class SqliteEventStore:
    def __init__(self, path: str | Path, clock: Clock | None = None) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock or SystemClock()
        self._lock = threading.RLock()
        self._db = self._connect()
        self._db.executescript(SCHEMA)
        # a file database is read on a connection per thread (WAL: readers never wait for the
        # writer or each other); an in-memory one has a single connection
        self._shared = self.path == ":memory:"
        self._readers = ThreadReaders(self.path)
        self._batch_depth = 0
        self._batch_owner: int | None = None
        self._group = GroupCommit(self._commit_group)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                             timeout=30.0)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA busy_timeout=30000")
        db.execute(f"PRAGMA cache_size={-WRITER_CACHE_MIB * 1024}")
        return db

    def _in_my_batch(self) -> bool:
        return self._batch_owner == threading.get_ident()

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """Inside this thread's batch, read its uncommitted writes; else this thread's reader
        (autocommit: each statement sees every transaction committed before it)."""
        if self._shared or self._in_my_batch():
            with self._lock:
                yield self._db
        else:
            yield self._readers.get()

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group commit by the caller: every append inside shares one durable transaction.

        Each append still succeeds or fails on its own (a savepoint each); the batch commits once.
        """
        with self._lock:
            outer = self._batch_depth == 0
            if outer:
                self._db.execute("BEGIN IMMEDIATE")
                self._batch_owner = threading.get_ident()
            self._batch_depth += 1
            try:
                yield
            except BaseException:
                self._batch_depth -= 1
                if outer:
                    self._batch_owner = None
                    self._roll_back()
                raise
            self._batch_depth -= 1
            if outer:
                self._batch_owner = None
                if not self._db.in_transaction:
                    raise TransactionLost("the batch's transaction was rolled back by SQLite "
                                          "after an error inside it: nothing of it is stored")
                try:
                    self._db.execute("COMMIT")
                except BaseException:
                    self._roll_back()
                    raise

    def _roll_back(self) -> None:
        """Unless SQLite already did (a full disk, an I/O error): ROLLBACK then would raise in
        place of the error that caused it."""
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def append(
        self, appends: Sequence[StreamAppend], context: CommandContext, payload_hash: str = ""
    ) -> AppendResult:
        if self._in_my_batch():
            with self._lock:
                return self._append_in_savepoint(appends, context, payload_hash)
        return self._group.submit(appends, context, payload_hash)

    def _commit_group(self, group: list[Pending]) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if len(group) == 1:  # the transaction is the append's own: no savepoint
                    p = group[0]
                    try:
                        p.result = self._append_locked(*p.args)
                    except Exception as exc:  # nothing of it is kept
                        p.error = exc
                        self._roll_back()
                        return
                else:
                    for p in group:
                        try:
                            p.result = self._append_in_savepoint(*p.args)
                        except Exception as exc:  # this append only: the others go on
                            if not self._db.in_transaction:
                                raise  # SQLite rolled the group back: each append hears why
                            p.error = exc
                self._db.execute("COMMIT")
            except BaseException:
                self._roll_back()
                raise

    def _append_in_savepoint(self, appends: Sequence[StreamAppend], context: CommandContext,
                             payload_hash: str) -> AppendResult:
        if not self._db.in_transaction:  # a SAVEPOINT would start (and RELEASE commit) its own
            raise TransactionLost("SQLite rolled back this batch's transaction after an error "
                                  "in an earlier append: nothing of it is stored")
        self._db.execute("SAVEPOINT append")
        try:
            result = self._append_locked(appends, context, payload_hash)
        except BaseException:
            if self._db.in_transaction:  # else SQLite rolled back the whole transaction
                self._db.execute("ROLLBACK TO append")
                self._db.execute("RELEASE append")
            raise
        self._db.execute("RELEASE append")
        return result

    def _append_locked(
        self, appends: Sequence[StreamAppend], context: CommandContext, payload_hash: str
    ) -> AppendResult:
        db = self._db
        seen = db.execute(
            "SELECT payload_hash, positions, stream_versions FROM commands WHERE command_id = ?",
            (context.command_id,),
        ).fetchone()
        if seen is not None:
            if seen[0] != payload_hash:
                raise CommandIdReused(context.command_id)
            return AppendResult(context.command_id, tuple(json.loads(seen[1])),
                                json.loads(seen[2]), duplicate=True, payload_hash=seen[0])
        recorded_at = self._clock.now().isoformat()
        positions: list[int] = []
        versions: dict[str, int] = {}
        for item in appends:
            actual = db.execute(_VERSION, (item.stream_id,)).fetchone()[0]
            if actual != item.expected_version:
                raise ConcurrencyConflict(item.stream_id, item.expected_version, actual)
            version = actual
            rows = [(event.event_id, item.stream_id, version + k, event.type,
                     event.schema_version, event.occurred_at.isoformat(), recorded_at,
                     context.province, context.actor.user_id, context.actor.role,
                     context.correlation_id, context.causation_id, context.command_id,
                     dumps(event.data))
                    for k, event in enumerate(item.events, start=1)]
            version += len(rows)
            for start in range(0, len(rows), _ROWS_PER_INSERT):
                chunk = rows[start:start + _ROWS_PER_INSERT]
                # one statement for many events: each statement lets go of the GIL and then
                # waits for it behind the other appenders' threads (8 clients: +18 %)
                cur = db.execute(_insert_events(len(chunk)),
                                 [value for row in chunk for value in row])
                # rowids within one statement under the write lock are consecutive
                last = cur.lastrowid
                positions.extend(range(last - len(chunk) + 1, last + 1))
            versions[item.stream_id] = version
        if positions:
            db.execute(
                "INSERT INTO commands (command_id, payload_hash, positions, stream_versions)"
                " VALUES (?, ?, ?, ?)",
                (context.command_id, payload_hash, dumps(positions), dumps(versions)),
            )
        return AppendResult(context.command_id, tuple(positions), versions,
                            payload_hash=payload_hash)

    # -- reading ---------------------------------------------------------------------------

    def find_command(self, command_id: str) -> AppendResult | None:
        with self._reading() as db:
            row = db.execute(
                "SELECT positions, stream_versions, payload_hash FROM commands"
                " WHERE command_id = ?", (command_id,)
            ).fetchone()
        if row is None:
            return None
        return AppendResult(command_id, tuple(json.loads(row[0])), json.loads(row[1]),
                            duplicate=True, payload_hash=row[2])

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[Envelope]:
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {COLUMNS} FROM events WHERE stream_id = ? AND stream_version >= ?"
                " ORDER BY stream_version",
                (stream_id, from_version),
            ).fetchall()
        return [envelope_of(r) for r in rows]

    def stream_version(self, stream_id: str) -> int:
        with self._reading() as db:
            return db.execute(_VERSION, (stream_id,)).fetchone()[0]

    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[Envelope]:
        # a page's rows and envelopes all stay alive until it is returned: collected at the
        # default threshold meanwhile, they are walked again and again (40,000 events read in
        # pages of 2,000: 185 young, 17 middle and 1-2 full collections, 34-37 ms; now 18
        # young and 2 middle, 26-28 ms: one walk of each page once it is made)
        with fewer_collections():
            with self._reading() as db:
                rows = db.execute(
                    f"SELECT {COLUMNS} FROM events WHERE global_position > ?"
                    " ORDER BY global_position LIMIT ?",
                    (after_position, limit),
                ).fetchall()
            return [envelope_of(r) for r in rows]

    def head_position(self) -> int:
        with self._reading() as db:
            row = db.execute("SELECT MAX(global_position) FROM events").fetchone()
        return row[0] or 0

    def close(self) -> None:
        self._readers.close()
        with self._lock:
            self._db.close()
