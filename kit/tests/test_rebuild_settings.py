"""A rebuild runs under the read-model database's own bulk settings, asked of the database (the
runner knows no backend), and gives the previous ones back afterwards."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime

from kit.envelope import CommandContext, Envelope, NewEvent
from kit.projections.runner import ProjectionRunner
from kit.sql.rows import REBUILD_CACHE_MIB
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.store import SqliteEventStore
from kit.store import StreamAppend

AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


class CacheWatcher:
    """Notes SQLite's page-cache size each time it applies an event."""

    name = "watcher"

    def __init__(self) -> None:
        self.seen: list[int] = []

    def create(self, db: sqlite3.Connection) -> None: ...

    def drop(self, db: sqlite3.Connection) -> None: ...

    def handle(self, event: Envelope, db: sqlite3.Connection) -> None:
        self.seen.append(db.execute("PRAGMA cache_size").fetchone()[0])


def test_a_rebuild_on_sqlite_runs_with_a_large_page_cache_then_restores_it(tmp_path):
    store = SqliteEventStore(tmp_path / "events.db")
    db = ReadModelDb(tmp_path / "read.db")
    try:
        store.append([StreamAppend(f"thing-{uuid.uuid4()}", 0,
                                   [NewEvent("test.Counted", 1, {"n": 1}, occurred_at=AT)])],
                     CommandContext(str(uuid.uuid4()), "NB"))
        watcher = CacheWatcher()
        runner = ProjectionRunner(store, db, [watcher])
        before = db.conn.execute("PRAGMA cache_size").fetchone()[0]

        runner.catch_up()
        runner.rebuild()

        assert watcher.seen == [before, -REBUILD_CACHE_MIB * 1024]  # catch-up, then rebuild
        assert db.conn.execute("PRAGMA cache_size").fetchone()[0] == before
    finally:
        db.close()
        store.close()
