"""Kafka adapters (kafka-python): the relay's publisher and the projection workers' source.

Each service's topic has ONE partition: the province's event rate is small, and one partition
keeps the store's global order on the wire, so a consumer's checkpoint is a single position.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from kafka import ConsumerRebalanceListener, KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.errors import KafkaTimeoutError, TopicAlreadyExistsError
from kafka.partitioner.default import DefaultPartitioner

from kit.envelope import Envelope
from kit.json_text import loads
from kit.relay import RELAY_PUBLISHED

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
        for found in admin.describe_topics(list(topics)):
            if len(found["partitions"]) != 1:
                raise ValueError(f"topic {found['name']} has {len(found['partitions'])} "
                                 "partitions; partyorg's topics need exactly one")
    finally:
        admin.close()


def headers_of(event: Envelope) -> list[tuple[str, bytes]]:
    return [("event_id", event.event_id.encode()), ("type", event.type.encode()),
            ("schema_version", str(event.schema_version).encode()),
            ("correlation_id", event.correlation_id.encode())]


class KeyHashPartitioner(DefaultPartitioner):
    """kafka-python's partitioner (murmur2 of the key), skipping the pure-Python hash when the
    topic has one partition, as every service topic does (it was ~10 % of the relay's time)."""

    def partition(self, topic, key, serialized_key, value, serialized_value, cluster):
        partitions = cluster.partitions_for_topic(topic)
        if partitions is not None and len(partitions) == 1:
            return next(iter(partitions))
        return super().partition(topic, key, serialized_key, value, serialized_value, cluster)


# The relay's producer: durable (every in-sync replica acknowledges; retried without duplicates
# or reordering) and batched for throughput. gzip shrinks the bytes kafka-python checksums in pure
# Python and sends (the bench's envelopes to ~1/10), and 256 KiB batches carry ~300 events per
# request: ~2.5x the events/s of 16 KiB uncompressed batches, raw producer, same broker. Consumers
# decompress (any Kafka client reads gzip).
PRODUCER_SETTINGS: dict = {
    "acks": "all", "enable_idempotence": True, "max_in_flight_requests_per_connection": 5,
    "retries": 2_147_483_647, "linger_ms": 5, "batch_size": 256 * 1024, "compression_type": "gzip",
    "partitioner": KeyHashPartitioner(),
}


class PublishHalted(Exception):
    """An earlier event failed: nothing more is sent until the publisher restarts."""


class KafkaPublisher:
    """The relay's publisher (kit.relay.Publisher): key = stream id so a stream's events stay in
    order; fail-stop, see _FailStopProducer."""

    def __init__(self, bootstrap: str, topic_for: Callable[[Envelope], str],
                 relay_name: str = "relay", timeout_s: float = 30.0) -> None:
        self.bootstrap = bootstrap
        self.topic_for = topic_for
        self.relay_name = relay_name
        self.timeout_s = timeout_s
        self._producer: _FailStopProducer | None = self._new_producer()

    def _new_producer(self) -> _FailStopProducer:
        return _FailStopProducer(KafkaProducer(
            bootstrap_servers=self.bootstrap, bootstrap_timeout_ms=10000,
            request_timeout_ms=15000, client_id=f"partyorg-{self.relay_name}",
            **PRODUCER_SETTINGS))

    def send(self, events: Sequence[Envelope]) -> KafkaDelivery:
        if self._producer is None:
            self._producer = self._new_producer()
        return self._producer.send(events, self)

    def restart(self) -> None:
        """Stops the producer (what it has not delivered is dropped); the next send starts a
        new one."""
        producer, self._producer = self._producer, None
        if producer is not None:
            producer.halt(PublishHalted("the relay restarted its publisher"))
            producer.close_halted()

    def close(self) -> None:
        if self._producer is not None:
            self._producer.close()


class KafkaDelivery:
    """The acknowledgements of one send."""

    def __init__(self, producer: _FailStopProducer, publisher: KafkaPublisher,
                 futures: list, topics: list[str]) -> None:
        self._producer = producer
        self._publisher = publisher
        self._futures = futures
        self._topics = topics

    def wait(self) -> None:
        deadline = time.monotonic() + self._publisher.timeout_s
        try:
            # the last first: one wake-up for the whole send rather than one for each of the
            # producer's batches, each of which waits for the I/O thread to yield the
            # interpreter (up to its 5 ms switch interval); then each is checked in order
            for future in (self._futures[-1:] + self._futures):
                if not future.is_done:  # raises if the broker did not acknowledge in time
                    future.get(timeout=max(0.0, deadline - time.monotonic()))
                elif future.exception is not None:
                    raise future.exception
        except Exception as exc:  # giving up on an event is a failure too: stop what follows it
            self._producer.halt(exc)
            raise
        relay = self._publisher.relay_name
        for topic, count in collections.Counter(self._topics).items():
            RELAY_PUBLISHED.labels(relay, topic).inc(count)


class _FailStopProducer:
    """A KafkaProducer that sends nothing more after its first failure.

    kafka-python's idempotent producer goes on after a failed batch: it bumps its epoch (or, for
    an expired batch, just drops it) and sends the batches queued behind it. Those later events
    would reach consumers before the failed one is re-sent, and consumers drop what is behind
    the position they have passed: a gap. So the first failed event stops the producer from its
    own I/O thread (the future's errback runs there, before the sender drains another batch);
    the requests already on the wire carry the sequence numbers after the failed batch's, which
    the broker refuses when it did not write that batch."""

    def __init__(self, producer: KafkaProducer) -> None:
        if not callable(getattr(getattr(producer, "_sender", None), "force_close", None)):
            producer.close(timeout=0)
            raise RuntimeError("kafka-python without KafkaProducer._sender.force_close: "
                               "the relay's fail-stop needs it (see kit/kafka.py)")
        self.producer = producer
        self.failure: BaseException | None = None

    def send(self, events: Sequence[Envelope], publisher: KafkaPublisher) -> KafkaDelivery:
        if self.failure is not None:
            raise PublishHalted(f"an earlier event failed: {self.failure!r}") from self.failure
        send, halt, topic_for = self.producer.send, self.halt, publisher.topic_for
        futures, topics = [], []
        try:
            for event in events:
                topic = topic_for(event)
                future = send(topic, key=event.stream_id.encode(), value=event.to_json(),
                              headers=headers_of(event))
                future.add_errback(halt)
                futures.append(future)
                topics.append(topic)
        except Exception as exc:
            self.halt(exc)
            raise
        return KafkaDelivery(self, publisher, futures, topics)

    def halt(self, error: BaseException) -> None:
        """From any thread. Always closes (no early return): an errback must not go back to a
        sender that another thread is only about to stop."""
        if self.failure is None:
            self.failure = error
        # what close(timeout=0) does, without the flush it starts with, which raises when
        # called from the I/O thread with batches pending; the sender aborts all it holds
        self.producer._sender.force_close()

    def close_halted(self, timeout_s: float = 5.0) -> None:
        """After halt: wait for the I/O thread to abort what it holds and close its connections
        (what it had on the wire lands, if at all, in order behind what it delivered before)."""
        self.producer._sender.join(timeout_s)
        with contextlib.suppress(Exception):
            self.producer.close(timeout=0)

    def close(self, timeout_s: float = 5.0) -> None:
        try:
            self.producer.close(timeout=timeout_s)
        except KafkaTimeoutError:  # undelivered: those events are re-sent from the checkpoint
            self.halt(PublishHalted("closed with events undelivered"))
            self.close_halted(timeout_s)


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
