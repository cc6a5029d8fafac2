"""Read-model database on SQLite (the embedded default): one writer, a reader per thread.

PostgreSQL's counterpart with the same interface is pg_readmodel.py; the runner's own tables
(checkpoints, versions, dead letters) are `readmodel.RUNNER_SCHEMA`.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .readmodel import RUNNER_SCHEMA


class _Reader(sqlite3.Connection):
    """A read connection (a subclass only so that the database can hold it weakly)."""


class ReadModelDb:
    """One writer connection behind a lock; reads on a connection per thread.

    In WAL mode readers do not block the writer or each other, and SQLite lets go of the GIL while
    it works, so the resolver threads of a server read in parallel. A reader in autocommit starts
    a fresh snapshot with each statement: it sees every transaction committed before it.
    A thread inside `transaction()` reads on the writer connection, seeing its own writes.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        # an in-memory database exists only on its one connection: no separate readers
        self._shared = self.path in (":memory:", "")
        if not self._shared:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._writing: int | None = None  # the thread inside transaction(), if any
        self._local = threading.local()
        self._readers: weakref.WeakSet[_Reader] = weakref.WeakSet()  # a dead thread's goes too
        self._readers_lock = threading.Lock()
        self._closed = False
        self.conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(RUNNER_SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            outer = self._writing
            self._writing = threading.get_ident()
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                except BaseException:
                    self.conn.execute("ROLLBACK")
                    raise
                self.conn.execute("COMMIT")
            finally:
                self._writing = outer

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        if self._shared or self._writing == threading.get_ident():
            with self._lock:
                cur = self.conn.cursor()
                cur.row_factory = sqlite3.Row
                return cur.execute(sql, params).fetchall()
        return self._reader().execute(sql, params).fetchall()

    def _reader(self) -> _Reader:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            with self._readers_lock:
                if self._closed:
                    raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
                conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                       timeout=30.0, factory=_Reader)
                conn.row_factory = sqlite3.Row
                conn.execute("PRAGMA query_only=ON")
                self._readers.add(conn)
            self._local.conn = conn
        return conn

    def close(self) -> None:
        with self._readers_lock:
            self._closed = True
            readers = list(self._readers)
            self._readers.clear()
        for conn in readers:
            conn.close()
        with self._lock:
            self.conn.close()
