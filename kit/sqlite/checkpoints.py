"""Checkpoints in a SQLite file."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


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
