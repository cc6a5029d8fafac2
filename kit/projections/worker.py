"""A projection worker: consume events from Kafka, apply them exactly once in effect, commit.

Offsets are committed only after the read-model transaction (with its checkpoint) committed, so a
crash re-delivers and the checkpoint drops what was already applied. An event the projections
cannot handle is parked (dead_letters table, for replay) and published to the dead-letter topic
with the reason; the worker keeps going.

Its lag is read when scraped, from the topics and the read-model database, never from the loop:
a worker blocked in a transaction still shows how far behind it falls.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

from prometheus_client import Gauge

from kit import metrics
from kit.envelope import Envelope
from kit.projections.lag import projection_lag
from kit.projections.runner import ProjectionRunner

log = logging.getLogger(__name__)

DEAD_LETTERS_PRESENT = Gauge("partyorg_dead_letters_present",
                             "Parked events waiting for a replay", ["projection"])


class EventSource(Protocol):
    def poll(self, timeout_ms: int = 500) -> list[tuple[Envelope | None, bytes, str]]: ...

    def commit(self) -> None: ...

    def rewind(self) -> None:
        """Poll again from the last committed offsets (after a batch failed to apply)."""
        ...


class TopicHeads(Protocol):
    """The worker's topics as they stand, read with clients of their own (never the worker's
    consumer, which a stalled worker holds)."""

    def heads(self) -> dict[str, tuple[int, int]]:
        """By topic: (its end offset, the global position of its last event; 0 when empty)."""
        ...

    def committed(self) -> dict[str, int]:
        """By topic: the offset the worker's group last committed (0 before its first)."""
        ...

    def close(self) -> None: ...


class DeadLetterSink(Protocol):
    def send(self, topic: str, raw: bytes, reason: str, projection: str) -> None: ...


class ProjectionWorker:
    def __init__(self, source: EventSource, runner: ProjectionRunner, group: str,
                 dead_letters: DeadLetterSink | None = None,
                 dlq_topic: Callable[[str], str] = lambda topic: f"{topic}.dlq",
                 gauges_every_s: float = 1.0, topics: TopicHeads | None = None) -> None:
        """`topics`: where its lag is read from (see `watch_lag`)."""
        self.source = source
        self.runner = runner
        self.group = group
        self.dead_letters = dead_letters
        self.dlq_topic = dlq_topic
        self.gauges_every_s = gauges_every_s
        self._gauges_due = 0.0
        self.topics = topics
        runner.on_park = self._publish_parked

    def watch_lag(self) -> Callable[[], None]:
        """Export each projection's lag (the last position on the topic minus its checkpoint)
        and the group's (the topic's end minus the committed offset), read on each scrape.
        Returns a function that stops exporting them."""
        assert self.topics is not None, "watch_lag reads the topics the worker was given"
        topics = metrics.Latest(self.topics.heads, f"the topics of {self.group}")
        committed = metrics.Latest(self.topics.committed, f"the offsets of {self.group}")

        def heads(part: int) -> Callable[[], dict[str, int] | None]:
            def read() -> dict[str, int] | None:
                found = topics()
                return None if found is None else {t: both[part] for t, both in found.items()}
            return read

        def offsets() -> dict[tuple[str, ...], int] | None:
            found = committed()
            return None if found is None else {(self.group, t): o for t, o in found.items()}

        return metrics.LAG.watch(f"projection worker {self.group}",
                                 projection_lag(self.runner, heads(1)),
                                 metrics.Lag(metrics.CONSUMER_LAG, heads(0), offsets))

    def _publish_parked(self, projection: str, source: str, event: Envelope, reason: str) -> None:
        self._gauges_due = 0.0  # count the parked event at the end of this batch
        if self.dead_letters is not None:
            self.dead_letters.send(self.dlq_topic(source), event.to_json(), reason, projection)

    def run_once(self, timeout_ms: int = 500) -> int:
        records = self.source.poll(timeout_ms)
        applied = 0
        by_topic: dict[str, list[Envelope]] = {}
        try:
            for envelope, raw, topic in records:
                if envelope is None:  # not even an envelope: nothing to apply, park the bytes
                    log.error("undecodable message on %s", topic)
                    if self.dead_letters is not None:
                        self.dead_letters.send(self.dlq_topic(topic), raw,
                                               "undecodable envelope", "*")
                    continue
                by_topic.setdefault(topic, []).append(envelope)
            for topic, batch in by_topic.items():
                applied += self.runner.apply(batch, source=topic)
        except Exception:
            # the consumer's position is past this batch already: without a rewind the next
            # poll (and commit) would go on after it and its events would never apply (a
            # dead letter that could not be published fails the batch the same way)
            self.source.rewind()
            raise
        if records:
            self.source.commit()
        if time.monotonic() >= self._gauges_due:  # queries: not on every batch
            self._gauges_due = time.monotonic() + self.gauges_every_s
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
