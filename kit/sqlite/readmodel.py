"""Read-model database on SQLite (the embedded default): one writer, a reader per thread.

PostgreSQL's counterpart with the same interface is pg_readmodel.py; the runner's own tables
(checkpoints, versions, dead letters) and statements are `kit.sqlite.runner_sql`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from kit.sql import rows
from kit.sqlite.readers import ThreadReaders
from kit.sqlite.runner_sql import RUNNER_SQL

# SQLite's primary result codes for the database failing, not the statement: sqlite3 raises
# OperationalError for a handler's bad SQL too, so the code decides (kit.projections.runner)
_OUTAGES = frozenset({
    sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_INTERRUPT, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PROTOCOL, sqlite3.SQLITE_NOTADB,
})


def is_outage(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error) and (
        getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _OUTAGES


class ReadModelDb:
    """One writer connection behind a lock; reads on a connection per thread.

    The resolver threads of a server read in parallel (sqlite_readers.py). A thread inside
    `transaction()` reads on the writer connection, seeing its own writes.
    """

    dialect = "sqlite"  # services hand it their statements written out for SQLite
    runner_sql = RUNNER_SQL
    is_outage = staticmethod(is_outage)

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        # an in-memory database exists only on its one connection: no separate readers
        self._shared = self.path in (":memory:", "")
        if not self._shared:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._writing: int | None = None  # the thread inside transaction(), if any
        self._readers = ThreadReaders(self.path, row_factory=sqlite3.Row)
        self.conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(RUNNER_SQL.tables)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            outer = self._writing
            self._writing = threading.get_ident()
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                    self.conn.execute("COMMIT")
                except BaseException:
                    # SQLite may have rolled it back already (a full disk), and a COMMIT that
                    # failed leaves it open: either way none of it stays, and the next BEGIN works
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            finally:
                self._writing = outer

    def in_one_go(self) -> AbstractContextManager[sqlite3.Connection]:
        """The transaction the projection runner tries a batch in first, without a savepoint
        per projection (kit.projections.runner.ProjectionRunner.apply): each statement lets go
        of the interpreter lock and then waits to get it back behind the command threads, and
        a catch-up of a few events was twenty-odd statements of savepoints and checkpoints."""
        return self.transaction()

    def bulk_settings(self) -> AbstractContextManager[None]:
        """SQLite's settings for a rebuild from zero, while it runs (kit.sql.rows.bulk_settings):
        the projection runner asks for them without knowing the backend."""
        return rows.bulk_settings(self)

    def take_in(self, path: str | Path, tables: Sequence[str], projections: Sequence[str]
                ) -> dict[str, int]:
        """Copy `tables` (here already, empty) and these projections' checkpoints and dead
        letters from another read-model file (a rebuild's helper: kit.sqlite.rebuild_apart), in
        one transaction. Returns how many dead letters each projection brought."""
        marks = ", ".join("?" for _ in projections)
        with self._lock:
            self.conn.execute("ATTACH DATABASE ? AS apart", (str(path),))
            try:
                with self.transaction() as conn:
                    parked = dict(conn.execute(
                        "SELECT projection, COUNT(*) FROM apart.dead_letters "
                        f"WHERE projection IN ({marks}) GROUP BY projection",
                        tuple(projections)).fetchall())
                    for table in tables:
                        conn.execute(f'INSERT INTO main."{table}" SELECT * FROM apart."{table}"')
                    for table in ("projection_checkpoints", "dead_letters"):
                        conn.execute(f"DELETE FROM main.{table} WHERE projection IN ({marks})",
                                     tuple(projections))
                        conn.execute(f"INSERT INTO main.{table} SELECT * FROM apart.{table} "
                                     f"WHERE projection IN ({marks})", tuple(projections))
            finally:
                self.conn.execute("DETACH DATABASE apart")
        return parked

    def truncate_wal(self) -> None:
        """Checkpoint the write-ahead log and shrink its file (after a bulk load grew it)."""
        with self._lock:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        if self._shared or self._writing == threading.get_ident():
            with self._lock:
                cur = self.conn.cursor()
                cur.row_factory = sqlite3.Row
                return cur.execute(sql, params).fetchall()
        return self._readers.get().execute(sql, params).fetchall()

    def close(self) -> None:
        self._readers.close()
        with self._lock:
            self.conn.close()


class ReadOnlyModelDb:
    """The same file read from another process (a query process beside the server): readers
    only, never a write, so the process that catches the read models up stays their one
    writer. In WAL mode each statement sees every transaction committed before it."""

    dialect = ReadModelDb.dialect

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if not Path(self.path).exists():
            raise FileNotFoundError(f"no read-model database at {self.path}")
        self._readers = ThreadReaders(self.path, row_factory=sqlite3.Row)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return self._readers.get().execute(sql, params).fetchall()

    def close(self) -> None:
        self._readers.close()
