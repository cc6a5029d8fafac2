"""Kafka adapters (kafka-python): the relay's publisher and the projection workers' source.

Each service's topic has ONE partition: the province's event rate is small, and one partition
keeps the store's global order on the wire, so a consumer's checkpoint is a single position.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Sequence

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from .envelope import Envelope
from .relay import RELAY_PUBLISHED

log = logging.getLogger(__name__)


def ensure_topics(bootstrap: str, topics: Sequence[str], partitions: int = 1) -> None:
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="partyorg-admin",
                             request_timeout_ms=15000)
    try:
        existing = set(admin.list_topics())
        missing = [NewTopic(t, num_partitions=partitions, replication_factor=1)
                   for t in topics if t not in existing]
        if missing:
            with contextlib.suppress(TopicAlreadyExistsError):  # a racing creator won
                admin.create_topics(missing)
    finally:
        admin.close()


def headers_of(event: Envelope) -> list[tuple[str, bytes]]:
    return [("event_id", event.event_id.encode()), ("type", event.type.encode()),
            ("schema_version", str(event.schema_version).encode()),
            ("correlation_id", event.correlation_id.encode())]


class KafkaPublisher:
    """Idempotent producer, acks=all; key = stream id so a stream's events stay in order."""

    def __init__(self, bootstrap: str, topic_for: Callable[[Envelope], str],
                 relay_name: str = "relay", timeout_s: float = 30.0) -> None:
        self.topic_for = topic_for
        self.relay_name = relay_name
        self.timeout_s = timeout_s
        self.producer = KafkaProducer(
            bootstrap_servers=bootstrap, acks="all", enable_idempotence=True,
            linger_ms=5, bootstrap_timeout_ms=10000, request_timeout_ms=15000,
            max_in_flight_requests_per_connection=5, retries=2_147_483_647,
            client_id=f"partyorg-{relay_name}",
        )

    def publish(self, events: Sequence[Envelope]) -> None:
        futures = []
        for event in events:
            topic = self.topic_for(event)
            futures.append((topic, self.producer.send(
                topic, key=event.stream_id.encode(), value=event.to_json(),
                headers=headers_of(event))))
        self.producer.flush(timeout=self.timeout_s)
        for topic, future in futures:
            future.get(timeout=self.timeout_s)  # raises if the broker did not acknowledge
            RELAY_PUBLISHED.labels(self.relay_name, topic).inc()

    def close(self) -> None:
        self.producer.close(timeout=5)


class KafkaEventSource:
    """Consumes envelopes in a consumer group; offsets are committed only after they applied."""

    def __init__(self, bootstrap: str, topics: Sequence[str], group_id: str) -> None:
        self.consumer = KafkaConsumer(
            *topics, bootstrap_servers=bootstrap, group_id=group_id,
            enable_auto_commit=False, auto_offset_reset="earliest",
            client_id=f"partyorg-{group_id}", bootstrap_timeout_ms=10000,
            max_poll_records=1000,
            # a killed worker's partitions go to its replacement after 6 s, not the default 45
            session_timeout_ms=6000, heartbeat_interval_ms=2000,
        )

    def poll(self, timeout_ms: int = 500) -> list[tuple[Envelope | None, bytes, str]]:
        """(envelope or None if undecodable, raw value, topic), in partition order."""
        out = []
        for tp, records in self.consumer.poll(timeout_ms=timeout_ms).items():
            for record in records:
                try:
                    env = Envelope.from_wire(json.loads(record.value))
                except (ValueError, KeyError, TypeError):
                    env = None
                out.append((env, record.value, tp.topic))
        return out

    def commit(self) -> None:
        """Commit the positions of everything polled so far, asynchronously: the next poll need
        not wait for the coordinator. The positions are taken now, after what they cover was
        applied; a commit that fails only means more redelivery, which the checkpoints drop."""
        self.consumer.commit_async(callback=_log_failed_commit)

    def rewind(self) -> None:
        """Back to the last committed offsets: a batch that failed to apply is polled again."""
        for tp in self.consumer.assignment():
            committed = self.consumer.committed(tp)
            if committed is None:
                self.consumer.seek_to_beginning(tp)
            else:
                self.consumer.seek(tp, committed)

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
