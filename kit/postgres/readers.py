"""Read connections shared by a process's threads: autocommit (each statement sees every
committed write), opened when needed, at most `size` in use at once, kept for the next read.

The read models' queries and the event store's reads both use them: with one connection behind
a lock, a read held up (a lock, a slow plan) held up every other, and a connection the server
ended (a restart) failed every read after it until the process restarted."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
from psycopg.pq import TransactionStatus


class ReadConnections:
    """A read that failed in a way that may have broken its connection closes it: it is not
    kept."""

    def __init__(self, connect: Callable[[], psycopg.Connection], size: int) -> None:
        self._connect = connect
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._idle: list[psycopg.Connection] = []
        self._closed = False

    @contextmanager
    def borrow(self) -> Iterator[psycopg.Connection]:
        with self._slots:
            with self._lock:
                if self._closed:
                    raise psycopg.InterfaceError("the database's connections are closed")
                conn = self._idle.pop() if self._idle else None
            if conn is None:
                conn = self._connect()
            try:
                yield conn
            except BaseException:
                if conn.closed or conn.info.transaction_status != TransactionStatus.IDLE:
                    conn.close()
                    raise
                self._give_back(conn)
                raise
            self._give_back(conn)

    def _give_back(self, conn: psycopg.Connection) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(conn)
                return
        conn.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
