"""Data keys (kit/shredding.py) in a table of the event store's own SQLite file, written on its
connection: a key made inside the store's batch commits with the batch's events.

A destroyed key is overwritten in place (secure_delete) and the write-ahead log is checkpointed
and truncated, so no byte of it stays in the file or beside it.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from datetime import datetime

from kit.shredding import Shredding
from kit.sqlite.store import SqliteEventStore

SCHEMA = """
CREATE TABLE IF NOT EXISTS personal_keys (
    subject TEXT PRIMARY KEY,
    wrapped BLOB,               -- NULL once shredded
    created_at TEXT NOT NULL,
    shredded_at TEXT,
    shredded_by TEXT,
    reason TEXT
)"""


class SqliteKeyStore:
    def __init__(self, store: SqliteEventStore) -> None:
        self._store = store
        with store._lock:
            store._db.execute(SCHEMA)

    def wrapped(self, subjects: Collection[str]) -> dict[str, bytes | None]:
        subjects = list(subjects)
        found: dict[str, bytes | None] = {}
        with self._store._reading() as db:
            for i in range(0, len(subjects), 500):
                chunk = subjects[i:i + 500]
                marks = ",".join("?" * len(chunk))
                found.update(db.execute(f"SELECT subject, wrapped FROM personal_keys "
                                        f"WHERE subject IN ({marks})", chunk).fetchall())
        return found

    def add(self, subject: str, wrapped: bytes, at: datetime) -> bytes | None:
        with self._store._lock:
            db = self._store._db
            db.execute("INSERT OR IGNORE INTO personal_keys (subject, wrapped, created_at) "
                       "VALUES (?, ?, ?)", (subject, wrapped, at.isoformat()))
            return db.execute("SELECT wrapped FROM personal_keys WHERE subject = ?",
                              (subject,)).fetchone()[0]

    def destroy(self, subject: str, at: datetime, by: str, reason: str) -> bool:
        with self._store._lock:
            db = self._store._db
            db.execute("PRAGMA secure_delete=ON")  # freed bytes are zeroed, not left behind
            if db.execute("SELECT 1 FROM personal_keys WHERE subject = ? AND shredded_at "
                          "IS NOT NULL", (subject,)).fetchone():
                return False
            db.execute("INSERT INTO personal_keys (subject, wrapped, created_at, shredded_at, "
                       "shredded_by, reason) VALUES (?, NULL, ?, ?, ?, ?) ON CONFLICT (subject) "
                       "DO UPDATE SET wrapped = NULL, shredded_at = excluded.shredded_at, "
                       "shredded_by = excluded.shredded_by, reason = excluded.reason",
                       (subject, at.isoformat(), at.isoformat(), by, reason))
            if not db.in_transaction:  # inside a batch, the next checkpoint does it
                self._checkpoint(db)
        return True

    @staticmethod
    def _checkpoint(db) -> None:
        """Copy the zeroed page over the old one and empty the log (readers may hold it back
        for a moment: retried)."""
        for _ in range(100):
            busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return
            time.sleep(0.05)

    def shredding(self, subject: str) -> Shredding | None:
        with self._store._reading() as db:
            row = db.execute("SELECT shredded_at, shredded_by, reason FROM personal_keys "
                             "WHERE subject = ? AND shredded_at IS NOT NULL",
                             (subject,)).fetchone()
        if row is None:
            return None
        return Shredding(subject, datetime.fromisoformat(row[0]), row[1], row[2])

    def close(self) -> None:
        pass  # the store's connection: closed with the store
