"""A projection worker: consume events from Kafka, apply them exactly once in effect, commit.

Offsets are committed only after the read-model transaction (with its checkpoint) committed, so a
crash re-delivers and the checkpoint drops what was already applied. An event the projections
cannot handle is parked (dead_letters table, for replay) and published to the dead-letter topic
with the reason; the worker keeps going.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

from prometheus_client import Gauge

from kit.envelope import Envelope
from kit.projections.runner import ProjectionRunner

log = logging.getLogger(__name__)

CONSUMER_LAG = Gauge("partyorg_kafka_consumer_lag_messages", "Messages behind the topic's end",
                     ["group", "topic"])
DEAD_LETTERS_PRESENT = Gauge("partyorg_dead_letters_present",
                             "Parked events waiting for a replay", ["projection"])


class EventSource(Protocol):
    def poll(self, timeout_ms: int = 500) -> list[tuple[Envelope | None, bytes, str]]: ...

    def commit(self) -> None: ...

    def rewind(self) -> None:
        """Poll again from the last committed offsets (after a batch failed to apply)."""
        ...

    def lag(self) -> dict[str, int]: ...


class DeadLetterSink(Protocol):
    def send(self, topic: str, raw: bytes, reason: str, projection: str) -> None: ...


class ProjectionWorker:
    def __init__(self, source: EventSource, runner: ProjectionRunner, group: str,
                 dead_letters: DeadLetterSink | None = None,
                 dlq_topic: Callable[[str], str] = lambda topic: f"{topic}.dlq",
                 gauges_every_s: float = 1.0) -> None:
        self.source = source
        self.runner = runner
        self.group = group
        self.dead_letters = dead_letters
        self.dlq_topic = dlq_topic
        self.gauges_every_s = gauges_every_s
        self._gauges_due = 0.0
        self._last: dict[str, int] = {}  # the last position applied, by topic
        runner.on_park = self._publish_parked

    def _publish_parked(self, projection: str, source: str, event: Envelope, reason: str) -> None:
        self._gauges_due = 0.0  # count the parked event at the end of this batch
        if self.dead_letters is not None:
            self.dead_letters.send(self.dlq_topic(source), event.to_json(), reason, projection)

    def run_once(self, timeout_ms: int = 500) -> int:
        records = self.source.poll(timeout_ms)
        applied = 0
        by_topic: dict[str, list[Envelope]] = {}
        for envelope, raw, topic in records:
            if envelope is None:  # not even an envelope: nothing to apply, park the bytes
                log.error("undecodable message on %s", topic)
                if self.dead_letters is not None:
                    self.dead_letters.send(self.dlq_topic(topic), raw, "undecodable envelope",
                                           "*")
                continue
            by_topic.setdefault(topic, []).append(envelope)
        try:
            for topic, batch in by_topic.items():
                applied += self.runner.apply(batch, source=topic)
                self._last[topic] = batch[-1].global_position
        except Exception:
            # the consumer's position is past this batch already: without a rewind the next
            # poll (and commit) would go on after it and its events would never apply
            self.source.rewind()
            raise
        if records:
            self.source.commit()
        for topic, lag in self.source.lag().items():
            CONSUMER_LAG.labels(self.group, topic).set(lag)
        if time.monotonic() >= self._gauges_due:  # queries: not on every batch
            self._gauges_due = time.monotonic() + self.gauges_every_s
            for topic, position in self._last.items():
                self.runner.observe(position, source=topic)
            counts: dict[str, int] = {p.name: 0 for p in self.runner.projections}
            for row in self.runner.dead_letters():
                counts[row["projection"]] = counts.get(row["projection"], 0) + 1
            for name, n in counts.items():
                DEAD_LETTERS_PRESENT.labels(name).set(n)
        return applied

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.run_once()
            except Exception:  # a broker or database hiccup: nothing committed, poll again
                log.exception("projection worker batch failed; retrying")
                stop.wait(1.0)
