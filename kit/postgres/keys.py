"""Data keys (kit/shredding.py) in a table of the event store's PostgreSQL schema.

A destroyed key is set to NULL and the table rewritten (VACUUM FULL: a small table, one row per
person), so no dead row version keeps it. The server's write-ahead log and backups still hold
the wrapped key until they age out: wrapped with the deployment's key-encryption key, it is
useless without that key (rotate it to make old copies useless for good).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection
from datetime import datetime
from typing import Any

from kit.postgres.sessions import OPTIONS, create_if_missing
from kit.shredding import Shredding


class PgKeyStore:
    def __init__(self, dsn: str, schema: str) -> None:
        import psycopg

        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
            raise ValueError(f"not a plain schema name: {schema!r}")
        self.schema = schema
        self._lock = threading.Lock()
        self._conn = psycopg.connect(dsn, autocommit=True, options=OPTIONS)
        create_if_missing(self._conn, f"CREATE SCHEMA IF NOT EXISTS {schema}")
        create_if_missing(
            self._conn, f"CREATE TABLE IF NOT EXISTS {schema}.personal_keys (subject TEXT "
            "PRIMARY KEY, wrapped BYTEA, created_at TIMESTAMPTZ NOT NULL, shredded_at "
            "TIMESTAMPTZ, shredded_by TEXT, reason TEXT)")

    @classmethod
    def beside(cls, store: Any) -> PgKeyStore:
        """In the schema of a PostgresEventStore, on a connection of its own to its server."""
        return cls(store.dsn, store.schema)

    def wrapped(self, subjects: Collection[str]) -> dict[str, bytes | None]:
        with self._lock:
            rows = self._conn.execute(f"SELECT subject, wrapped FROM {self.schema}.personal_keys "
                                      "WHERE subject = ANY(%s)", (list(subjects),)).fetchall()
        return {s: (None if w is None else bytes(w)) for s, w in rows}

    def add(self, subject: str, wrapped: bytes, at: datetime) -> bytes | None:
        with self._lock:
            self._conn.execute(f"INSERT INTO {self.schema}.personal_keys (subject, wrapped, "
                               "created_at) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                               (subject, wrapped, at))
            (stands,) = self._conn.execute(f"SELECT wrapped FROM {self.schema}.personal_keys "
                                           "WHERE subject = %s", (subject,)).fetchone()
        return None if stands is None else bytes(stands)

    def destroy(self, subject: str, at: datetime, by: str, reason: str) -> bool:
        with self._lock:
            done = self._conn.execute(
                f"INSERT INTO {self.schema}.personal_keys AS k (subject, wrapped, created_at, "
                "shredded_at, shredded_by, reason) VALUES (%s, NULL, %s, %s, %s, %s) "
                "ON CONFLICT (subject) DO UPDATE SET wrapped = NULL, "
                "shredded_at = excluded.shredded_at, shredded_by = excluded.shredded_by, "
                "reason = excluded.reason WHERE k.shredded_at IS NULL RETURNING 1",
                (subject, at, at, by, reason)).fetchone()
            if done:
                self._conn.execute(f"VACUUM FULL {self.schema}.personal_keys")
        return done is not None

    def shredding(self, subject: str) -> Shredding | None:
        with self._lock:
            row = self._conn.execute(f"SELECT shredded_at, shredded_by, reason FROM "
                                     f"{self.schema}.personal_keys WHERE subject = %s AND "
                                     "shredded_at IS NOT NULL", (subject,)).fetchone()
        return None if row is None else Shredding(subject, *row)

    def close(self) -> None:
        self._conn.close()
