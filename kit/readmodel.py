"""Read-model database (SQLite in the embedded default) and the checkpointed projection runner.

Each projection's read-model change and its checkpoint commit in one transaction, and events at or
below the checkpoint are skipped: every event applies exactly once in effect, through crashes and
redelivery. An event a projection cannot handle is parked in `dead_letters` with the reason.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from . import metrics
from .envelope import Envelope
from .store import EventStore

log = logging.getLogger(__name__)

RUNNER_SCHEMA = """
CREATE TABLE IF NOT EXISTS projection_checkpoints (
    projection TEXT PRIMARY KEY,
    position   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dead_letters (
    projection      TEXT NOT NULL,
    global_position INTEGER NOT NULL,
    event_id        TEXT NOT NULL,
    type            TEXT NOT NULL,
    reason          TEXT NOT NULL,
    PRIMARY KEY (projection, global_position)
);
"""


class ReadModelDb:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self.conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(RUNNER_SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cur = self.conn.cursor()
            cur.row_factory = sqlite3.Row
            return cur.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock:
            self.conn.close()


class Projection(Protocol):
    name: str

    def create(self, db: sqlite3.Connection) -> None:
        """Create the read-model tables if missing."""

    def drop(self, db: sqlite3.Connection) -> None:
        """Drop the read-model tables."""

    def handle(self, event: Envelope, db: sqlite3.Connection) -> None:
        """Apply one event. Raise to dead-letter it."""


class ProjectionRunner:
    def __init__(
        self,
        store: EventStore,
        db: ReadModelDb,
        projections: Sequence[Projection],
        batch_size: int = 2000,
    ) -> None:
        self.store = store
        self.db = db
        self.projections = list(projections)
        self.batch_size = batch_size
        self._lock = threading.Lock()
        with db.transaction() as conn:
            for p in self.projections:
                p.create(conn)
                conn.execute(
                    "INSERT OR IGNORE INTO projection_checkpoints VALUES (?, 0)", (p.name,)
                )

    def checkpoints(self) -> dict[str, int]:
        rows = self.db.query("SELECT projection, position FROM projection_checkpoints")
        return {r["projection"]: r["position"] for r in rows}

    def catch_up(self) -> int:
        """Apply everything the store has beyond each checkpoint. Returns events applied."""
        applied = 0
        with self._lock:
            while True:
                checkpoints = self.checkpoints()
                start = min(checkpoints.get(p.name, 0) for p in self.projections)
                batch = self.store.read_all(start, self.batch_size)
                if not batch:
                    break
                with self.db.transaction() as conn:
                    for p in self.projections:
                        done = checkpoints.get(p.name, 0)
                        for event in batch:
                            if event.global_position > done:
                                self._apply(p, event, conn)
                                applied += 1
                        conn.execute(
                            "UPDATE projection_checkpoints SET position = ? WHERE projection = ?",
                            (batch[-1].global_position, p.name),
                        )
            self._observe()
        return applied

    def _apply(self, p: Projection, event: Envelope, conn: sqlite3.Connection) -> None:
        conn.execute("SAVEPOINT event")
        try:
            p.handle(event, conn)
            conn.execute("RELEASE event")
        except Exception as exc:  # park it and keep going; an operator replays after a fix
            conn.execute("ROLLBACK TO event")
            conn.execute("RELEASE event")
            reason = f"{type(exc).__name__}: {exc}"
            log.error(
                "projection %s dead-lettered event %s at %s: %s",
                p.name, event.event_id, event.global_position, reason,
                extra={"trace": traceback.format_exc(limit=5)},
            )
            conn.execute(
                "INSERT OR REPLACE INTO dead_letters VALUES (?, ?, ?, ?, ?)",
                (p.name, event.global_position, event.event_id, event.type, reason),
            )
            metrics.DEAD_LETTERS.labels(projection=p.name).inc()

    def dead_letters(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.query("SELECT * FROM dead_letters ORDER BY global_position")]

    def replay_dead_letters(self) -> int:
        """Re-apply parked events (after a fix); those that still fail stay parked."""
        replayed = 0
        with self._lock:
            by_name = {p.name: p for p in self.projections}
            for row in self.dead_letters():
                p = by_name.get(row["projection"])
                events = self.store.read_all(row["global_position"] - 1, 1)
                if p is None or not events:
                    continue
                with self.db.transaction() as conn:
                    conn.execute(
                        "DELETE FROM dead_letters WHERE projection = ? AND global_position = ?",
                        (p.name, row["global_position"]),
                    )
                    self._apply(p, events[0], conn)
                replayed += 1
        return replayed

    def rebuild(self, names: Sequence[str] | None = None) -> int:
        """Drop the named read models (all by default) and rebuild them from the store."""
        with self._lock, self.db.transaction() as conn:
            for p in self.projections:
                if names is None or p.name in names:
                    p.drop(conn)
                    p.create(conn)
                    conn.execute(
                        "UPDATE projection_checkpoints SET position = 0 WHERE projection = ?",
                        (p.name,),
                    )
                    conn.execute("DELETE FROM dead_letters WHERE projection = ?", (p.name,))
        return self.catch_up()

    def _observe(self) -> None:
        head = self.store.head_position()
        for name, position in self.checkpoints().items():
            metrics.PROJECTION_CHECKPOINT.labels(projection=name).set(position)
            metrics.PROJECTION_LAG.labels(projection=name).set(max(0, head - position))
