"""Read connections to one SQLite file, one per thread.

In WAL mode readers wait neither for the writer nor for each other, and SQLite lets go of the GIL
while it works, so threads read in parallel. A reader in autocommit takes a fresh snapshot with
each statement: it sees every transaction committed before it.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from typing import Any


class _Reader(sqlite3.Connection):
    """A read connection (a subclass only so that it can be held weakly)."""


class ThreadReaders:
    def __init__(self, path: str, row_factory: Any = None) -> None:
        self.path = path
        self.row_factory = row_factory
        self._local = threading.local()
        self._all: weakref.WeakSet[_Reader] = weakref.WeakSet()  # a dead thread's goes too
        self._lock = threading.Lock()
        self._closed = False

    def get(self) -> sqlite3.Connection:
        """This thread's read connection, opened on first use (query_only)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            with self._lock:
                if self._closed:
                    raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
                conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                       timeout=30.0, factory=_Reader)
                if self.row_factory is not None:
                    conn.row_factory = self.row_factory
                conn.execute("PRAGMA query_only=ON")
                self._all.add(conn)
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close every thread's reader; a later `get` raises."""
        with self._lock:
            self._closed = True
            readers = list(self._all)
            self._all.clear()
        for conn in readers:
            conn.close()
