"""Rows a projection folds in memory and writes back in bulk (`Rows`), and SQLite's settings for a
rebuild from zero: a large page cache, temp tables in memory and rarer WAL checkpoints
(kit.projections.rebuilding holds what a rebuild does on any database).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

REBUILD_WAL_PAGES = 131_072  # checkpoint every 512 MiB of WAL, not every 4 MiB: each checkpoint
# syncs the database file, and a page rewritten by several batches is copied once (200k
# events: 1.3x faster rebuild)
REBUILD_CACHE_MIB = 64  # SQLite's page cache for the rebuild, given back afterwards (at 1M
# events 256 MiB was within noise of 64 MiB for 160 MiB more peak RSS)


@contextmanager
def bulk_settings(db: Any, cache_mib: int = REBUILD_CACHE_MIB,
                  wal_pages: int = REBUILD_WAL_PAGES) -> Iterator[None]:
    """A large page cache, temp storage on disk and rarer WAL checkpoints on a SQLite
    read-model database for the duration, then the previous ones (and the WAL truncated).
    Temp storage is a file because the deferred index builds sort every key once: at 7M events
    member history's keys outgrow the cache, and a spill kept in memory raised the peak RSS
    (3M events: 537 -> 362 MiB on a file, same rebuild time). Durability settings (journal mode,
    synchronous) are left as they are; another backend is left alone."""
    if not isinstance(getattr(db, "conn", None), sqlite3.Connection):
        yield
        return
    with db.transaction() as conn:  # its lock: the writer connection is shared
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        temp = conn.execute("PRAGMA temp_store").fetchone()[0]
        checkpoint = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = {-cache_mib * 1024}")
        conn.execute("PRAGMA temp_store = FILE")
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(wal_pages)}")
    try:
        yield
    finally:
        with db.transaction() as conn:
            conn.execute(f"PRAGMA cache_size = {int(cache)}")
            conn.execute(f"PRAGMA temp_store = {int(temp)}")
            conn.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint)}")
        db.truncate_wal()  # it grew to up to `wal_pages`: give the disk back


class _Shape:
    """A table's columns, each one's default, the NOT NULL ones, and the statements Rows writes."""

    def __init__(self, db: Any, table: str, key: str) -> None:
        self.columns, self.defaults, self.not_null, self.constant = _column_rules(db, table)
        self.placeholder = mark = placeholder(db)
        cols = ", ".join(self.columns)
        self.select = f"SELECT {cols} FROM {table} WHERE {key} IN "
        self.insert = (f"INSERT INTO {table} ({cols}) "
                       f"VALUES ({', '.join(mark for _ in self.columns)})")
        self.others = [c for c in self.columns if c != key]
        self.update = (f"UPDATE {table} SET {', '.join(f'{c} = {mark}' for c in self.others)} "
                       f"WHERE {key} = {mark}")


def placeholder(conn: Any) -> str:
    """The connection's parameter mark: sqlite3's `?`, or the one its adapter names."""
    return "?" if isinstance(conn, sqlite3.Connection) else conn.placeholder


class Rows:
    """One table's rows by key, read once for a batch, changed in memory and written back in a
    few `executemany` statements: the rows per-event INSERTs and UPDATEs would leave.

    What those statements would refuse is refused here at the same event (a duplicate key, NULL
    in a NOT NULL column), so a batch that folds equals the batch applied one event at a time.
    A projection calls `flush` before any statement of its own that reads or writes the table.

    The table's shape is read from the database on first use (a batch that never touches the
    table asks nothing), and kept by a connection that offers `table_shapes` (PostgreSQL's,
    where asking the catalog costs round trips and a heavy query) unless a default may change
    from one evaluation to the next.
    """

    CHUNK = 500  # keys per `IN (...)`

    def __init__(self, db: Any, table: str, key: str) -> None:
        self.db, self.table, self.key = db, table, key
        self._shape: _Shape | None = None
        self._rows: dict[Any, dict[str, Any] | None] = {}  # None: known not to exist
        self._new: dict[Any, dict[str, Any]] = {}
        self._changed: dict[Any, dict[str, Any]] = {}
        # what a projection looked up elsewhere for this batch (e.g. an organisation's merge
        # survivor): kept until `forget`, which runs before any statement of its own
        self.lookups: dict[Any, Any] = {}

    @property
    def shape(self) -> _Shape:
        if self._shape is None:
            kept = getattr(self.db, "table_shapes", None)
            shape = None if kept is None else kept.get((self.table, self.key))
            if shape is None:
                shape = _Shape(self.db, self.table, self.key)
                if kept is not None and shape.constant:  # e.g. now(): evaluated per batch
                    kept[self.table, self.key] = shape
            self._shape = shape
        return self._shape

    def load(self, keys: Iterable[Any]) -> None:
        todo = [k for k in dict.fromkeys(keys) if k not in self._rows]
        if not todo:
            return
        shape = self.shape
        for i in range(0, len(todo), self.CHUNK):
            chunk = todo[i:i + self.CHUNK]
            for k in chunk:
                self._rows[k] = None
            found = self.db.execute(
                f"{shape.select}({', '.join(shape.placeholder for _ in chunk)})",
                chunk).fetchall()
            for row in found:
                values = dict(zip(shape.columns, row, strict=True))
                self._rows[values[self.key]] = values

    def get(self, key: Any) -> dict[str, Any] | None:
        if key not in self._rows:
            self.load((key,))
        return self._rows[key]

    def insert(self, **values: Any) -> None:
        key = values[self.key]
        if self.get(key) is not None:
            raise sqlite3.IntegrityError(f"UNIQUE constraint failed: {self.table}.{self.key}")
        row = {**self.shape.defaults, **values}
        self._check(row)
        self._rows[key] = self._new[key] = row

    def update(self, key: Any, **changes: Any) -> dict[str, Any] | None:
        """UPDATE ... WHERE key = ?: nothing when there is no such row. Returns the row."""
        row = self.get(key)
        if row is None:
            return None
        self._check(changes)
        row.update(changes)
        if key not in self._new:
            self._changed[key] = row
        return row

    def _check(self, values: dict[str, Any]) -> None:
        if None not in values.values():
            return
        for column, value in values.items():
            if value is None and column in self.shape.not_null:
                raise sqlite3.IntegrityError(
                    f"NOT NULL constraint failed: {self.table}.{column}")

    def flush(self) -> None:
        """Write what changed (new rows in the order they were inserted), keep the rows read."""
        if self._new:
            columns = self.shape.columns
            self.db.executemany(self.shape.insert, [tuple(r[c] for c in columns)
                                                    for r in self._new.values()])
            self._new.clear()
        if self._changed:
            others = self.shape.others
            self.db.executemany(self.shape.update, [(*(r[c] for c in others), k)
                                                    for k, r in self._changed.items()])
            self._changed.clear()

    def forget(self) -> None:
        """Flush, and read again next time (before a statement that changes rows in bulk)."""
        self.flush()
        self._rows.clear()
        self.lookups.clear()


# a default that evaluates to the same value every time: a quoted or plain literal, maybe cast
_CONSTANT = re.compile(r"\s*('(?:[^']|'')*'|[-+]?\d+(?:\.\d+)?|true|false|null)"
                       r"(?:\s*::\s*[\w ]+)*\s*", re.IGNORECASE)


def _column_rules(db: Any, table: str
                  ) -> tuple[tuple[str, ...], dict[str, Any], frozenset[str], bool]:
    """(the columns, each one's default value, the NOT NULL ones, whether every default is a
    constant), from the database's schema."""
    if isinstance(db, sqlite3.Connection):
        info = [(name, bool(notnull), default) for _, name, _, notnull, default, _ in
                db.execute(f"PRAGMA table_info({table})").fetchall()]
    else:  # PostgreSQL
        info = [(name, nullable == "NO", default) for name, nullable, default in db.execute(
            "SELECT column_name, is_nullable, column_default FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s", (table,)).fetchall()]
    if not info:
        raise ValueError(f"no table {table}")
    defaults = {name: None if default is None else db.execute(f"SELECT {default}").fetchone()[0]
                for name, _, default in info}
    constant = all(default is None or _CONSTANT.fullmatch(default) for _, _, default in info)
    return (tuple(name for name, _, _ in info), defaults,
            frozenset(name for name, notnull, _ in info if notnull), constant)
