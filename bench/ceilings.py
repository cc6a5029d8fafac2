"""The physical limits beside the store shapes: what the database and the JSON codec cost alone.

Append: the same event JSON inserted with raw `sqlite3` / `psycopg` at the same durability
(SQLite WAL with synchronous=FULL; PostgreSQL's default synchronous_commit), into the least a
log needs (a position, the stream and its version unique, the data) — no envelope, no
idempotency record, no version check beyond the unique key. One client's transactions are
committed one by one; n clients' by one writer, n transactions a commit: the best any group
commit can do when each client waits for its own commit before it sends the next. Beside it, the
same into the least our store's contract needs (SQLite, `sqlite_contract_appender`): unique event
ids and a record of each command, so that a retry gets its first result. Read: our own events
table fetched raw, page by page, with each event's data decoded by the same codec (orjson), but no
envelope built. A ratio to the peer above these is more than the database allows on this machine.
"""

from __future__ import annotations

import functools
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from kit.collections_paced import fewer_collections
from kit.json_text import dumps, loads

_TABLE = ("CREATE TABLE IF NOT EXISTS raw_events (position {key}, stream_id TEXT NOT NULL, "
          "stream_version INTEGER NOT NULL, data {data} NOT NULL, "
          "UNIQUE (stream_id, stream_version))")


def _rows(events: list[tuple[str, dict]]) -> list[tuple[str, int, str]]:
    stream = str(uuid.uuid4())
    return [(stream, i + 1, dumps(data)) for i, (_, data) in enumerate(events)]


_CONTRACT_TABLES = """
CREATE TABLE IF NOT EXISTS contract_events (
    position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
    stream_version INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL,
    occurred_at TEXT NOT NULL, command_id TEXT NOT NULL, data TEXT NOT NULL,
    UNIQUE (stream_id, stream_version));
CREATE TABLE IF NOT EXISTS contract_commands (
    command_id TEXT PRIMARY KEY, positions TEXT NOT NULL, recorded_at TEXT NOT NULL,
    province TEXT NOT NULL, actor_user_id TEXT NOT NULL, actor_role TEXT NOT NULL,
    correlation_id TEXT NOT NULL, causation_id TEXT NOT NULL) WITHOUT ROWID;
"""

Rows = Callable[[list], tuple[list[tuple], tuple | None]]


@functools.lru_cache(maxsize=64)
def _insert(events: str, rows: int, width: int) -> str:
    """One statement inserting `rows` rows into `events` ("table (columns)"), made once per
    size as our store's `_insert_events` is."""
    marks = "(" + ",".join("?" * width) + ")"
    return f"INSERT INTO {events} VALUES " + ",".join([marks] * rows)


def _new_command() -> tuple[str, str, str]:
    """A transaction's new stream id, its command id and the time it is recorded at."""
    return f"member-{uuid.uuid4()}", str(uuid.uuid4()), datetime.now(UTC).isoformat()


@contextmanager
def _sqlite_writer(path: Path, ddl: str, events: str, rows_of: Rows,
                   commands: str | None = None) -> Iterator[Callable[[int, list], int]]:
    """`append(client, transactions)`: each transaction's event rows (`rows_of(op)`) inserted
    with raw sqlite3 in one statement, as our store writes a stream's events, then its command
    record (`commands`, its INSERT, given the positions the events got) when it has one, all the
    transactions in one commit at the same durability (WAL, synchronous=FULL), into the tables
    `ddl` makes: `events` is "table (columns)"."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.executescript(ddl)

    def append(_: int, transactions: list[list[tuple[str, dict]]]) -> int:
        count = 0
        db.execute("BEGIN IMMEDIATE")
        for op in transactions:
            rows, command = rows_of(op)
            last = db.execute(_insert(events, len(rows), len(rows[0])),
                              [value for row in rows for value in row]).lastrowid
            if commands is not None and command is not None:
                db.execute(commands, (dumps([last - len(rows) + 1, last]), *command))
            count += len(rows)
        db.execute("COMMIT")
        return count

    try:
        yield append
    finally:
        db.close()


def sqlite_appender(path: Path) -> AbstractContextManager[Callable[[int, list], int]]:
    """`append(client, transactions)` through raw sqlite3 into the least a log needs."""
    return _sqlite_writer(
        path, _TABLE.format(key="INTEGER PRIMARY KEY", data="TEXT"),
        "raw_events (stream_id, stream_version, data)", lambda op: (_rows(op), None))


def sqlite_contract_appender(path: Path) -> AbstractContextManager[Callable[[int, list], int]]:
    """`append(client, transactions)` through raw sqlite3 into the least our store's contract
    needs, at the same durability: each event's id (unique), stream and version (unique: a
    conflict is the key's), type, schema version, time and data; and a record of each
    transaction's command (its id, keyed, so that a retry gets its first result: the positions
    and the metadata every envelope of it carries, stored once rather than on each event).
    No version read, no envelope, no payload hash. A limit for any store that keeps the
    contract ours is tested against, however its tables are laid out."""
    from kit.ids import new_event_id

    def rows_of(op: list[tuple[str, dict]]) -> tuple[list[tuple], tuple]:
        stream, command, now = _new_command()
        return ([(new_event_id(), stream, i + 1, f"membership.{name}", 1, now, command,
                  dumps(data)) for i, (name, data) in enumerate(op)],
                (command, now, "NB", "bench", "system", command, command))

    return _sqlite_writer(
        path, _CONTRACT_TABLES,
        "contract_events (event_id, stream_id, stream_version, type, schema_version, "
        "occurred_at, command_id, data)",
        rows_of, "INSERT INTO contract_commands (positions, command_id, recorded_at, province, "
        "actor_user_id, actor_role, correlation_id, causation_id) VALUES (?,?,?,?,?,?,?,?)")


def sqlite_our_table_appender(path: Path) -> AbstractContextManager[Callable[[int, list], int]]:
    """`append(client, transactions)` through raw sqlite3 into our own events table
    (kit.sqlite.event_tables: its fourteen values an event and its keys), at the same durability: no
    command record, no version check, no envelope. Not a limit (another table could be narrower):
    it splits ours from the bare driver's into what the stored rows cost and what our append
    adds around them."""
    from kit.ids import new_event_id
    from kit.sqlite.event_tables import SCHEMA

    def rows_of(op: list[tuple[str, dict]]) -> tuple[list[tuple], None]:
        stream, command, now = _new_command()
        return ([(new_event_id(), stream, i + 1, f"membership.{name}", 1, now, now, "NB",
                  "bench", "system", command, command, command, dumps(data))
                 for i, (name, data) in enumerate(op)], None)

    return _sqlite_writer(
        path, SCHEMA,
        "events (event_id, stream_id, stream_version, type, schema_version, occurred_at, "
        "recorded_at, province, actor_user_id, actor_role, correlation_id, causation_id, "
        "command_id, data)", rows_of)


@contextmanager
def postgres_appender(dsn: str, schema: str) -> Iterator[Callable[[int, list], int]]:
    """`append(client, transactions)` through raw psycopg, all in one commit."""
    import psycopg

    with psycopg.connect(dsn) as conn:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        conn.execute(_TABLE.replace("raw_events", f"{schema}.raw_events").format(
            key="BIGSERIAL PRIMARY KEY", data="JSONB"))
        conn.commit()

        def append(_: int, transactions: list[list[tuple[str, dict]]]) -> int:
            rows = [row for op in transactions for row in _rows(op)]
            with conn.cursor() as cur:
                cur.executemany(f"INSERT INTO {schema}.raw_events (stream_id, stream_version, data)"
                                " VALUES (%s, %s, %s::jsonb)", rows)
            conn.commit()
            return len(rows)

        yield append


@contextmanager
def sqlite_reader(path: Path, columns: str) -> Iterator[Callable[[], int]]:
    """`read()`: our events table fetched page by page, each event's data decoded and a page's
    decoded data kept until the next, the collector paced as the store's reader paces it (a
    reader hands its caller a page, and the PostgreSQL reader's rows hold theirs too: each one
    dropped at once cost ~15 % less, 4.93 against 5.81 us an event, memory being reused);
    returns how many events."""
    db = sqlite3.connect(path)
    try:
        def read() -> int:
            after, count = 0, 0
            with fewer_collections():
                while rows := db.execute(f"SELECT {columns} FROM events WHERE global_position"
                                         " > ? ORDER BY global_position LIMIT 2000",
                                         (after,)).fetchall():
                    page = [loads(row[14]) for row in rows]  # noqa: F841 - kept, as a page is
                    after, count = rows[-1][0], count + len(rows)
            return count
        yield read
    finally:
        db.close()


@contextmanager
def postgres_reader(dsn: str, schema: str, columns: str) -> Iterator[Callable[[], int]]:
    """The same over PostgreSQL: the data decoded by the same codec as psycopg loads it."""
    import psycopg
    from psycopg.types.json import set_json_loads

    with psycopg.connect(dsn, autocommit=True) as conn:
        set_json_loads(loads, conn)

        def read() -> int:
            after, count = 0, 0
            while rows := conn.execute(f"SELECT {columns} FROM {schema}.events WHERE "
                                       "global_position > %s ORDER BY global_position LIMIT 2000",
                                       (after,), binary=True).fetchall():
                after, count = rows[-1][0], count + len(rows)
            return count
        yield read


def append_sqlite_curve(path: Path, events: int, per_transaction: int,
                        cache_mib: int) -> dict[str, Any]:
    """The scale curve's append limit: the generated province's events (the same generator,
    timed with it as ours is) inserted with raw `sqlite3` into the least a log needs, in
    transactions as large as ours, at the same durability and page cache. What this costs more
    per event at 7M than at 10k is the database's own growth: the stream-version key takes
    random stream ids, so each insert lands on a page of its own once the key is large."""
    from .dataset import Province

    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute(f"PRAGMA cache_size={-cache_mib * 1024}")
        db.execute(_TABLE.format(key="INTEGER PRIMARY KEY", data="TEXT"))
        versions: dict[str, int] = {}
        source = Province(events).events()
        written, start = 0, time.perf_counter()
        while batch := list(islice(source, per_transaction)):
            rows = []
            for stream, _, data in batch:
                versions[stream] = version = versions.get(stream, 0) + 1
                rows.append((stream, version, dumps(data)))
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT INTO raw_events (stream_id, stream_version, data) "
                           "VALUES (?,?,?)", rows)
            db.execute("COMMIT")
            written += len(rows)
        seconds = time.perf_counter() - start
    finally:
        db.close()
    return {"events": written, "seconds": round(seconds, 2),
            "us_per_event": round(seconds / written * 1e6, 2)}
