"""Kafka adapters (kafka-python): topics, the projection workers' source and dead letters (the
relay's publisher: publisher.py).

Each service's topic has ONE partition: the province's event rate is small, and one partition
keeps the store's global order on the wire, so a consumer's checkpoint is a single position.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from kafka import ConsumerRebalanceListener, KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.errors import (
    KafkaTimeoutError,
    LeaderNotAvailableError,
    TopicAlreadyExistsError,
    UnknownTopicOrPartitionError,
    for_code,
)

from kit.envelope import Envelope
from kit.json_text import loads

log = logging.getLogger(__name__)


def ensure_topics(bootstrap: str, topics: Sequence[str], replication_factor: int = -1) -> None:
    """Each topic exists with one partition. A topic found with more is refused: the relay's
    order is the log's only within one partition, and a worker keeps one position a topic (an
    event on another partition below a position already applied would be taken for a copy).

    `replication_factor`: copies of each new topic; -1 (the default) takes the cluster's own
    `default.replication.factor`, which a production cluster sets to 3 (with
    min.insync.replicas=2, so the relay's acks=all survives losing a broker)."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="partyorg-admin",
                             request_timeout_ms=15000)
    try:
        existing = set(admin.list_topics())
        missing = {t: {"num_partitions": 1, "replication_factor": replication_factor}
                   for t in topics if t not in existing}
        if missing:
            with contextlib.suppress(TopicAlreadyExistsError):  # a racing creator won
                admin.create_topics(missing)
        one_partition_each(lambda: admin.describe_topics(list(topics)), topics)
    finally:
        admin.close()


# what a broker answers for a topic whose metadata has not reached it yet
_NOT_YET = (UnknownTopicOrPartitionError.errno, LeaderNotAvailableError.errno)


def one_partition_each(describe: Callable[[], list[dict[str, Any]]], topics: Sequence[str],
                       timeout_s: float = 15.0, sleep: Callable[[float], None] = time.sleep
                       ) -> None:
    """Refuse a topic with more than one partition. A topic just created may be described as
    unknown, or without a leader, or left out, until its metadata has reached the broker that
    answers: asked again until every topic has its partition, for at most `timeout_s`. Any
    other error is raised at once."""
    deadline = time.monotonic() + timeout_s
    while True:
        answered = describe()
        pending = sorted(set(topics) - {found["name"] for found in answered})
        for found in answered:
            count, code = len(found["partitions"]), found.get("error_code") or 0
            if count > 1:
                raise ValueError(f"topic {found['name']} has {count} partitions; "
                                 "partyorg's topics need exactly one")
            if code and code not in _NOT_YET:
                raise for_code(code)(f"describing topic {found['name']}")
            if count == 0 or code:
                pending.append(found["name"])
        if not pending:
            return
        if time.monotonic() >= deadline:
            raise KafkaTimeoutError(f"topics {', '.join(sorted(pending))} still have no "
                                    f"partition {timeout_s:g} s after they were made")
        sleep(0.1)


class _FromTheStart(ConsumerRebalanceListener):
    """Seeks the named topics' partitions to their start each time they are assigned, until a
    commit of this consumer's covers them: till then the group's committed offset is the old one,
    past the events the renewed read models still need (a rebalance would resume there)."""

    def __init__(self, consumer: KafkaConsumer, topics: Sequence[str]) -> None:
        self.consumer, self.pending = consumer, set(topics)

    def on_partitions_revoked(self, revoked: Any) -> None:
        pass

    def on_partitions_assigned(self, assigned: Any) -> None:
        again = [tp for tp in assigned if tp.topic in self.pending]
        if again:
            self.consumer.seek_to_beginning(*again)

    def committed(self, offsets: Any, response: object) -> None:
        """commit_async's callback: a commit that went through covers its topics."""
        if isinstance(response, Exception):
            _log_failed_commit(offsets, response)
        else:
            self.pending -= {tp.topic for tp in offsets}


class KafkaEventSource:
    """Consumes envelopes in a consumer group; offsets are committed only after they applied.
    `from_start`: topics read again from their first offset, whatever the group committed (a
    read model renewed or added: ProjectionRunner.behind)."""

    def __init__(self, bootstrap: str, topics: Sequence[str], group_id: str,
                 from_start: Sequence[str] = ()) -> None:
        self.consumer = KafkaConsumer(
            bootstrap_servers=bootstrap, group_id=group_id,
            enable_auto_commit=False, auto_offset_reset="earliest",
            client_id=f"partyorg-{group_id}", bootstrap_timeout_ms=10000,
            max_poll_records=1000,
            # a killed worker's partitions go to its replacement after 6 s, not the default 45
            session_timeout_ms=6000, heartbeat_interval_ms=2000,
        )
        self._from_start = _FromTheStart(self.consumer, from_start)
        self.consumer.subscribe(topics=list(topics), listener=self._from_start)
        # by partition, the first offset polled since the last commit: where a rewind goes
        self._unapplied: dict[Any, int] = {}

    def poll(self, timeout_ms: int = 500) -> list[tuple[Envelope | None, bytes, str]]:
        """(envelope or None if undecodable, raw value, topic), in partition order."""
        out = []
        for tp, records in self.consumer.poll(timeout_ms=timeout_ms).items():
            if records:
                self._unapplied.setdefault(tp, records[0].offset)
            for record in records:
                try:
                    env = Envelope.from_wire(loads(record.value))
                except Exception:  # any value that is not an envelope is parked, not fatal
                    env = None
                out.append((env, record.value, tp.topic))
        return out

    def commit(self) -> None:
        """Commit the positions of everything polled so far, asynchronously: the next poll need
        not wait for the coordinator. The positions are taken now, after what they cover was
        applied; a commit that fails only means more redelivery, which the checkpoints drop."""
        self._unapplied.clear()
        self.consumer.commit_async(callback=self._from_start.committed)

    def rewind(self) -> None:
        """Back to the first offset polled since the last commit: a batch that failed to apply
        is polled again. (Not the group's committed offset: reading a topic again from its
        start, that is still the old one, past what the renewed read models need.)"""
        for tp, offset in self._unapplied.items():
            if tp in self.consumer.assignment():
                self.consumer.seek(tp, offset)
        self._unapplied.clear()

    def lag(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for tp in self.consumer.assignment():
            end = self.consumer.highwater(tp)
            if end is not None:
                out[tp.topic] = out.get(tp.topic, 0) + max(0, end - self.consumer.position(tp))
        return out

    def close(self) -> None:
        self.consumer.close()


def _log_failed_commit(offsets: object, response: object) -> None:
    if isinstance(response, Exception):
        log.warning("offset commit failed; those events will be redelivered",
                    extra={"error": str(response)})


class KafkaDeadLetters:
    """Publishes parked events to a dead-letter topic with the reason in a header."""

    def __init__(self, bootstrap: str) -> None:
        self.producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all",
                                      enable_idempotence=True, bootstrap_timeout_ms=10000,
                                      client_id="partyorg-dead-letters")

    def send(self, topic: str, raw: bytes, reason: str, projection: str) -> None:
        self.producer.send(topic, value=raw, headers=[
            ("reason", reason.encode()), ("projection", projection.encode())]).get(timeout=30)

    def close(self) -> None:
        self.producer.close(timeout=5)
