"""The runner's dead letters: an event a projection could not apply is parked with the reason, in
the batch's transaction; announced (`on_park`: a Kafka worker publishes it to the dead-letter
topic) once that batch has committed; replayed after a fix."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from kit import metrics
from kit.envelope import Envelope
from kit.json_text import loads
from kit.projections.ports import Projection, ReadModelDb

log = logging.getLogger("kit.projections.runner")  # the runner's log, as before the split


class DeadLetters:
    """Part of kit.projections.runner.ProjectionRunner, which sets these attributes."""

    db: ReadModelDb
    projections: list[Projection]
    on_park: Callable[[str, str, Envelope, str], None] | None
    _announcements_due: bool
    _lock: threading.RLock
    _apply: Callable[[Projection, Envelope, Any, str], None]

    def _park(self, conn: Any, projection: str, source: str, event: Envelope,
              reason: str) -> None:
        log.error("projection %s dead-lettered event %s at %s: %s", projection, event.event_id,
                  event.global_position, reason)
        key = (projection, source, event.global_position)
        conn.execute(self.db.runner_sql.park,
                     (*key, event.event_id, event.type, reason, event.to_json().decode()))
        metrics.DEAD_LETTERS.labels(projection=projection).inc()
        if self.on_park is not None:  # told once the batch commits: announce_parked
            self._announcements_due = True
            conn.execute(self.db.runner_sql.announce_later, key)

    def announce_parked(self) -> int:
        """Hand `on_park` the dead letters parked by committed batches and not yet handed on,
        each then crossed off: a letter parked in a batch that rolled back (an outage later in
        it) is never announced, and one whose announcement failed is announced again with the
        next batch. Returns how many were announced."""
        if self.on_park is None or not self._announcements_due:
            return 0
        sql, announced = self.db.runner_sql, 0
        for row in self.db.query(sql.to_announce):
            key = (row["projection"], row["source"], row["global_position"])
            self.on_park(row["projection"], row["source"],
                         Envelope.from_wire(loads(row["envelope"])), row["reason"])
            with self.db.transaction() as conn:
                conn.execute(sql.announced, key)
            announced += 1
        self._announcements_due = False  # until this process parks another
        return announced

    def dead_letters(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.query(self.db.runner_sql.dead_letters)]

    def replay_dead_letters(self) -> int:
        """Re-apply parked events (after a fix); those that still fail stay parked."""
        replayed = 0
        with self._lock:
            by_name = {p.name: p for p in self.projections}
            rows = self.db.query(self.db.runner_sql.parked)
            for row in rows:
                p = by_name.get(row["projection"])
                if p is None:
                    continue
                event = Envelope.from_wire(loads(row["envelope"]))
                with self.db.transaction() as conn:
                    key = (p.name, row["source"], row["global_position"])
                    gone = conn.execute(self.db.runner_sql.unpark, key)
                    if gone.rowcount != 1:  # replayed (or cleared) meanwhile by another runner
                        continue
                    conn.execute(self.db.runner_sql.announced, key)  # parked again if it fails
                    self._apply(p, event, conn, row["source"])
                self.announce_parked()
                replayed += 1
        return replayed
