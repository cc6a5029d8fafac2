"""Read-model database on PostgreSQL with the same interface as ReadModelDb (SQLite).

Projections write portable SQL with `?` / `:name` placeholders; this adapter rewrites them to
psycopg's `%s` / `%(name)s`, so one projection class serves both backends.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row

from .readmodel import RUNNER_SCHEMA

_TOKEN = re.compile(r"'(?:[^']|'')*'|::|\?|:([A-Za-z_]\w*)|%")


@functools.lru_cache(maxsize=1024)  # projections send the same few statements again and again
def to_psycopg(sql: str) -> str:
    """`?`/`:name` to psycopg placeholders; SQLite's BINARY collation is PostgreSQL's "C"."""
    sql = sql.replace("COLLATE BINARY", 'COLLATE "C"')

    def swap(m: re.Match[str]) -> str:
        text = m.group(0)
        if text.startswith("'") or text == "::":
            return text
        if text == "?":
            return "%s"
        if text == "%":
            return "%%"
        return f"%({m.group(1)})s"

    return _TOKEN.sub(swap, sql)


class _Conn:
    """The slice of sqlite3.Connection the projections and runner use."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> psycopg.Cursor:
        return self._conn.execute(to_psycopg(sql), params or None)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(to_psycopg(sql), rows)


class PgReadModelDb:
    def __init__(self, dsn: str, schema: str = "readmodels") -> None:
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
            raise ValueError(f"not a plain schema name: {schema!r}")
        self.schema = schema
        self._lock = threading.RLock()
        self._conn = psycopg.connect(dsn, autocommit=True,
                                     options=f"-c search_path={schema} -c timezone=UTC")
        self._conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        with self.transaction() as conn:
            for statement in RUNNER_SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)

    @contextmanager
    def transaction(self) -> Iterator[_Conn]:
        """One writer at a time per read-model schema: two runners on the same database must not
        both read a checkpoint and apply the same batch (SQLite gets this from BEGIN IMMEDIATE)."""
        with self._lock, self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.schema,))
            yield _Conn(self._conn)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        with self._lock, self._conn.cursor(row_factory=dict_row) as cur:
            cur.execute(to_psycopg(sql), params or None)
            return cur.fetchall()

    def close(self) -> None:
        with self._lock:
            self._conn.close()
