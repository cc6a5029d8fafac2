"""The relay's publisher on Kafka (kafka-python): durable, batched and fail-stop (kit.relay)."""

from __future__ import annotations

import collections
import contextlib
import time
from collections.abc import Callable, Sequence

from kafka import KafkaProducer
from kafka.errors import KafkaTimeoutError
from kafka.partitioner.default import DefaultPartitioner

from kit.envelope import Envelope
from kit.relay import RELAY_PUBLISHED


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
                               "the relay's fail-stop needs it (see kit/kafka/publisher.py)")
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
