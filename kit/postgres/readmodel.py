"""Read-model database on PostgreSQL with the same interface as ReadModelDb (SQLite).

Statements arrive written out in PostgreSQL's dialect (`%s` / `%(name)s` placeholders): each
service keeps its read-model SQL once per backend in its adapters, and hands this database its
PostgreSQL set (`dialect`); the runner's own are `kit.postgres.runner_sql`.

Writes go through one connection, one transaction at a time; queries outside that transaction go
to a few read connections of their own, so a query waits neither for a write nor for another
query (a service's concurrent requests queued on one connection otherwise).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus
from psycopg.rows import dict_row

from kit.postgres.failures import server_failing
from kit.postgres.readers import ReadConnections
from kit.postgres.runner_sql import RUNNER_SQL
from kit.postgres.sessions import OPTIONS, create_if_missing
from kit.store import TransactionLost


@functools.lru_cache(maxsize=1024)
def changes_tables(sql: str) -> bool:
    return re.match(r"\s*(CREATE|DROP|ALTER)\b", sql, re.IGNORECASE) is not None


class _Conn:
    """The slice of sqlite3.Connection the projections and runner use, and the tables' shapes
    kit.sql.rows.Rows keeps (forgotten when a statement may change a table)."""

    placeholder = "%s"  # for the statements kit.sql.rows.Rows writes

    def __init__(self, conn: psycopg.Connection, table_shapes: dict[Any, Any]) -> None:
        self._conn = conn
        self.table_shapes = table_shapes
        self.changed_tables = False

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> psycopg.Cursor:
        if changes_tables(sql):
            self.table_shapes.clear()
            self.changed_tables = True
        return self._conn.execute(sql, params or None)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(sql, rows)


class PgReadModelDb:
    dialect = "postgres"  # services hand it their statements written out for PostgreSQL
    runner_sql = RUNNER_SQL

    def is_outage(self, exc: BaseException) -> bool:
        """The server failing, not the statement (kit.postgres.failures: by SQLSTATE class);
        a transaction an earlier caught error aborted is lost with them."""
        return isinstance(exc, TransactionLost) or server_failing(exc, self._conn.closed)

    def __init__(self, dsn: str, schema: str = "readmodels", *, readers: int = 4) -> None:
        """`readers`: how many queries may run at once outside the write transaction."""
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
            raise ValueError(f"not a plain schema name: {schema!r}")
        self.schema = schema
        self._lock = threading.RLock()
        self._writing: int | None = None  # the thread inside transaction(), if any
        self._table_shapes: dict[Any, Any] = {}  # kit.sql.rows.Rows' (see _Conn)
        options = f"-c search_path={schema} {OPTIONS}"
        self._connect = functools.partial(psycopg.connect, dsn, autocommit=True, options=options)
        self._conn = self._connect()
        self._closed = False
        self._readers = ReadConnections(self._connect, readers)
        create_if_missing(self._conn, f"CREATE SCHEMA IF NOT EXISTS {schema}")
        with self.transaction() as conn:
            for statement in RUNNER_SQL.tables.split(";"):
                if statement.strip():
                    conn.execute(statement)

    @contextmanager
    def transaction(self) -> Iterator[_Conn]:
        """One writer at a time per read-model schema: two runners on the same database must not
        both read a checkpoint and apply the same batch (SQLite gets this from BEGIN IMMEDIATE)."""
        with self._lock, self._written_by_me() as conn, self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.schema,))
            yield conn
            if self._conn.info.transaction_status == TransactionStatus.INERROR:
                # an error caught without a savepoint: COMMIT would silently roll back
                raise TransactionLost("an error inside the transaction (caught by its caller) "
                                      "aborted it: nothing written in it is kept")

    @contextmanager
    def in_one_go(self) -> Iterator[_Conn]:
        """`transaction()` in pipeline mode, for a batch the projection runner tries without
        savepoints first: statements are sent without waiting for their answers, which come
        back together when one is read (a fetch) or at the commit. An error therefore surfaces
        there, not at the statement that caused it, and the whole transaction rolls back: no
        savepoint can catch it.

        BEGIN and COMMIT are sent as statements of the pipeline: psycopg's transaction() in
        pipeline mode waits for the server at its start and end (5 round trips instead of 2
        for a batch that reads once)."""
        with self._lock, self._written_by_me() as conn:
            try:
                with self._conn.pipeline():
                    self._conn.execute("BEGIN")
                    self._conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))",
                                       (self.schema,))
                    yield conn
                    self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.info.transaction_status in (TransactionStatus.INTRANS,
                                                          TransactionStatus.INERROR):
                    self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _written_by_me(self) -> Iterator[_Conn]:
        """This thread's writes, on the write connection: opened again first, outside any
        transaction, if the server dropped it (restarted, the backend terminated), else every
        later transaction would fail on it."""
        if self._writing is None and self._conn.broken and not self._closed:
            self._conn.close()
            self._conn = self._connect()
            self._table_shapes.clear()
        outer, self._writing = self._writing, threading.get_ident()
        conn = _Conn(self._conn, self._table_shapes)
        try:
            yield conn
        finally:
            self._writing = outer
            if conn.changed_tables:  # a shape read since may be rolled back with the change
                self._table_shapes.clear()

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Inside this thread's transaction, on its connection (it sees its own writes);
        otherwise on a read connection."""
        if self._writing == threading.get_ident():
            with self._lock:
                return _fetch_all(self._conn, sql, params)
        with self._readers.borrow() as conn:
            return _fetch_all(conn, sql, params)

    def close(self) -> None:
        self._readers.close()
        with self._lock:
            self._closed = True
            self._conn.close()


def _fetch_all(conn: psycopg.Connection, sql: str,
               params: Sequence[Any] | dict[str, Any]) -> list[dict[str, Any]]:
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(sql, params or None)
        return cur.fetchall()
