"""Outbox relay: tail the store's global log from a checkpoint and publish every event.

Pipelined: under a backlog it reads and sends batch N+1 while batch N's acknowledgements are
outstanding, so the producer never drains and the store read overlaps the network. The
checkpoint moves to the end of N only once N and everything before it are acknowledged, so a
crash re-sends (at least once, in order) and never skips. On any failure it forgets every
unacknowledged batch, restarts the publisher (which sent nothing after the failed event: see
`Publisher`) and reads again from the checkpoint. Consumers drop duplicates by global position.

When idle it sleeps until the store announces a commit (a store with `wait_for_appends`, e.g.
PostgreSQL's LISTEN/NOTIFY), else it polls: an event leaves within a few ms of its commit.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Protocol

from prometheus_client import Counter

from kit import metrics
from kit.checkpoints import Checkpoints
from kit.collections_paced import fewer_collections
from kit.envelope import Envelope
from kit.store import EventStore

log = logging.getLogger(__name__)

RELAY_PUBLISHED = Counter("partyorg_relay_published_total", "Events published", ["relay", "topic"])
RELAY_FAILURES = Counter("partyorg_relay_failures_total", "Publish batches that failed", ["relay"])


class Delivery(Protocol):
    def wait(self) -> None:
        """Return once every event of the send is acknowledged, else raise."""


class Publisher(Protocol):
    def send(self, events: Sequence[Envelope]) -> Delivery:
        """Start publishing `events` in order, after everything sent before; do not wait.

        Fail-stop: once any event fails (or a wait gives up), nothing sent after it may reach
        the broker, and every later send and delivery fails, until `restart`."""

    def restart(self) -> None:
        """Drop everything unacknowledged and accept sends again."""


class OutboxRelay:
    def __init__(self, store: EventStore, checkpoints: Checkpoints, publisher: Publisher,
                 name: str = "relay", batch_size: int = 2000) -> None:
        """`batch_size`: events per store read and per checkpoint; a crash re-sends at most two
        batches (the one being acknowledged and the one behind it), which consumers drop."""
        self.store = store
        self.checkpoints = checkpoints
        self.publisher = publisher
        self.name = name
        self.batch_size = batch_size
        self._position: int | None = None  # the saved checkpoint; this relay is its only writer
        self._sent = 0  # the last position handed to the publisher
        self._unacknowledged: deque[tuple[int, Delivery]] = deque()  # (last position, delivery)
        RELAY_FAILURES.labels(name)  # exported at 0 from the start: rate() sees the first one

    def watch_lag(self) -> Callable[[], None]:
        """Export this relay's lag, read on each scrape apart from its loop: the store head minus
        the checkpoint as saved, so a relay stuck anywhere shows a lag that grows. Returns a
        function that stops exporting it."""
        head = metrics.Latest(lambda: {self.name: self.store.head_position()},
                              f"the store head of relay {self.name}")
        saved = metrics.Latest(lambda: {(self.name,): self.checkpoints.get(self.name)},
                               f"the checkpoint of relay {self.name}")
        return metrics.LAG.watch(f"relay {self.name}", metrics.Lag(metrics.RELAY_LAG, head, saved))

    def run_once(self) -> int:
        """Read one batch beyond what was sent and send it; under a backlog, the batch before it
        stays in flight, else everything is acknowledged and checkpointed before returning.
        Returns how many events were read: 0 means caught up, nothing in flight."""
        if self._position is None:
            self._position = self._sent = self.checkpoints.get(self.name)
        try:
            with fewer_collections():  # two batches of envelopes and futures are kept alive
                batch = self.store.read_all(self._sent, self.batch_size)
                if batch:
                    self._send(batch)
                self._acknowledge(keep=1 if len(batch) >= self.batch_size else 0)
        except Exception:
            self._forget_unacknowledged()
            raise
        return len(batch)

    def finish(self) -> None:
        """Wait for what is in flight and checkpoint it (on stop: no needless re-sends)."""
        if self._position is None:
            return
        try:
            self._acknowledge(keep=0)
        except Exception:
            self._forget_unacknowledged()
            raise

    def _send(self, batch: list[Envelope]) -> None:
        try:
            delivery = self.publisher.send(batch)
        except Exception:
            RELAY_FAILURES.labels(self.name).inc()
            raise
        self._sent = batch[-1].global_position
        self._unacknowledged.append((self._sent, delivery))

    def _acknowledge(self, keep: int) -> None:
        """Wait for the oldest deliveries until `keep` remain; checkpoint the last one waited."""
        acknowledged = None
        while len(self._unacknowledged) > keep:
            position, delivery = self._unacknowledged[0]
            try:
                delivery.wait()
            except Exception:
                RELAY_FAILURES.labels(self.name).inc()
                raise
            self._unacknowledged.popleft()
            acknowledged = position
        if acknowledged is not None:
            self.checkpoints.save(self.name, acknowledged)
            self._position = acknowledged

    def _forget_unacknowledged(self) -> None:
        """After a failure: resume from the checkpoint with a publisher that sent nothing after
        the failed event, so no event beyond it can reach a consumer before it does."""
        self._unacknowledged.clear()
        self._sent = self._position if self._position is not None else 0
        try:
            self.publisher.restart()
        except Exception as exc:  # the next send fails again and retries
            log.warning("relay publisher restart failed", extra={"error": str(exc)})

    def run(self, stop: threading.Event, idle_seconds: float = 0.05,
            on_error: Callable[[Exception], None] | None = None,
            notified_idle_seconds: float = 0.5) -> None:
        """Until stop, then waits for what is in flight. Idle, it waits for the store's commit
        announcement (at most `notified_idle_seconds`, the fallback poll), else polls every
        `idle_seconds`."""
        wait_for_appends = getattr(self.store, "wait_for_appends", None)
        backoff = idle_seconds
        while not stop.is_set():
            try:
                published = self.run_once()
                backoff = idle_seconds
                if not published and wait_for_appends is not None:
                    wait_for_appends(notified_idle_seconds)
                    continue
            except Exception as exc:  # broker down: keep the checkpoint, retry with backoff
                log.warning("relay publish failed; will retry", extra={"error": str(exc)})
                if on_error:
                    on_error(exc)
                backoff = min(backoff * 2 or 0.1, 5.0)
                published = 0
            if not published:
                stop.wait(backoff)
            else:
                time.sleep(0)
        try:
            self.finish()
        except Exception as exc:  # re-sent from the checkpoint next time
            log.warning("relay stopped with a batch unacknowledged", extra={"error": str(exc)})
