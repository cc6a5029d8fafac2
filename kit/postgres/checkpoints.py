"""Checkpoints in a PostgreSQL table."""

from __future__ import annotations

import threading


class PostgresCheckpoints:
    def __init__(self, dsn: str, schema: str = "eventstore") -> None:
        import psycopg

        from kit.postgres.sessions import create_if_missing

        self.schema = schema
        self._lock = threading.Lock()
        self._conn = psycopg.connect(dsn, autocommit=True)
        create_if_missing(self._conn, f"CREATE SCHEMA IF NOT EXISTS {schema}")
        create_if_missing(self._conn, f"CREATE TABLE IF NOT EXISTS {schema}.checkpoints "
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
