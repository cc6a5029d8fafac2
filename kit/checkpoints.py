"""Named positions that survive restarts (the relay's 'last position the broker acknowledged')."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Protocol


class Checkpoints(Protocol):
    def get(self, name: str) -> int: ...

    def save(self, name: str, position: int) -> None: ...


class SqliteCheckpoints:
    def __init__(self, path: str | Path) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                                   timeout=30.0)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("CREATE TABLE IF NOT EXISTS checkpoints "
                         "(name TEXT PRIMARY KEY, position INTEGER NOT NULL)")

    def get(self, name: str) -> int:
        with self._lock:
            row = self._db.execute("SELECT position FROM checkpoints WHERE name = ?",
                                   (name,)).fetchone()
        return row[0] if row else 0

    def save(self, name: str, position: int) -> None:
        with self._lock:
            self._db.execute("INSERT INTO checkpoints VALUES (?, ?) ON CONFLICT (name) "
                             "DO UPDATE SET position = excluded.position", (name, position))

    def close(self) -> None:
        self._db.close()


class PostgresCheckpoints:
    def __init__(self, dsn: str, schema: str = "eventstore") -> None:
        import psycopg

        self.schema = schema
        self._lock = threading.Lock()
        self._conn = psycopg.connect(dsn, autocommit=True)
        self._conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        self._conn.execute(f"CREATE TABLE IF NOT EXISTS {schema}.checkpoints "
                           "(name TEXT PRIMARY KEY, position BIGINT NOT NULL)")

    def get(self, name: str) -> int:
        with self._lock:
            row = self._conn.execute(f"SELECT position FROM {self.schema}.checkpoints "
                                     "WHERE name = %s", (name,)).fetchone()
        return row[0] if row else 0

    def save(self, name: str, position: int) -> None:
        with self._lock:
            self._conn.execute(f"INSERT INTO {self.schema}.checkpoints VALUES (%s, %s) "
                               "ON CONFLICT (name) DO UPDATE SET position = excluded.position",
                               (name, position))

    def close(self) -> None:
        self._conn.close()
