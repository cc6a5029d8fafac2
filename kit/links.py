"""A link: another deployment's published events applied to this one, at least once, in the
order published. The link polls the peer's events after its checkpoint, hands each to `apply`
(which issues this deployment's commands, each idempotent by an id derived from the event), and
only then moves the checkpoint: a crash, a restart or this deployment being down redelivers,
and the command ids make the effect happen once.

Two feeds: the peer's log read directly (StoreFeed: the embedded mode; the checkpoint kept in
this deployment's read-model database beside the projections') and the peer's Kafka topic
(kit.kafka.feed.TopicFeed: the distributed mode; the checkpoint is the consumer group's
committed offset).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from kit.envelope import Envelope
from kit.store import EventStore

log = logging.getLogger(__name__)


class PeerFeed(Protocol):
    def poll(self) -> list[Envelope]:
        """The next events after those committed."""

    def commit(self) -> None:
        """What the last poll returned was applied."""

    def rewind(self) -> None:
        """What the last poll returned was not applied: poll it again."""

    def close(self) -> None: ...


class StoreFeed:
    """The peer's event log, read directly; the checkpoint in `read_db` (the runner's table,
    under projection `name` and source `source`)."""

    def __init__(self, store: EventStore, read_db: Any, name: str, source: str,
                 batch: int = 500) -> None:
        self.store, self.db, self.name, self.source, self.batch = store, read_db, name, source, batch
        self._polled: list[Envelope] = []

    def position(self) -> int:
        rows = self.db.query(self.db.runner_sql.checkpoints_of, (self.source,))
        return next((r["position"] for r in rows if r["projection"] == self.name), 0)

    def poll(self) -> list[Envelope]:
        self._polled = self.store.read_all(self.position(), self.batch)
        return self._polled

    def commit(self) -> None:
        if self._polled:
            with self.db.transaction() as tx:
                tx.execute(self.db.runner_sql.save_checkpoint,
                           (self.name, self.source, self._polled[-1].global_position))
        self._polled = []

    def rewind(self) -> None:
        self._polled = []

    def close(self) -> None:
        pass


class PeerLink:
    """Applies one peer's events: `apply(peer, envelope)` for each, then commits. An error out
    of `apply` (this deployment's store unreachable) rewinds the feed and propagates: nothing
    after the failing event is taken as applied."""

    def __init__(self, peer: str, feed: PeerFeed,
                 apply: Callable[[str, Envelope], None]) -> None:
        self.peer, self.feed, self.apply = peer, feed, apply

    def run_once(self) -> int:
        events = self.feed.poll()
        try:
            for envelope in events:
                self.apply(self.peer, envelope)
        except BaseException:
            self.feed.rewind()
            raise
        self.feed.commit()
        return len(events)

    def close(self) -> None:
        self.feed.close()
