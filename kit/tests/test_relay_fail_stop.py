"""No gap on the topic, against the real Kafka and PostgreSQL: when one event fails to reach the
broker, no event after it may get there before it is sent again, or consumers (which drop what
is at or behind the last position they applied) would lose it.

The failure is injected in kafka-python where a real one happens: a queued batch expires (the
broker was unreachable for longer than the delivery timeout) while events keep being sent."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
from kafka import KafkaConsumer, TopicPartition
from kafka.producer.record_accumulator import RecordAccumulator

from kit.envelope import Actor, CommandContext, NewEvent
from kit.kafka.publisher import KafkaPublisher, PublishHalted
from kit.postgres.checkpoints import PostgresCheckpoints
from kit.postgres.store import PostgresEventStore
from kit.relay import RELAY_FAILURES, OutboxRelay
from kit.store import StreamAppend

EVENTS = 6000


@pytest.fixture
def world(relay_world):
    dsn, bootstrap, schema, topic = relay_world
    store = PostgresEventStore(dsn, schema)
    ctx = CommandContext(str(uuid.uuid4()), "NB", Actor("test", "system"))
    store.append([StreamAppend(f"s-{s}", 0, [
        NewEvent("Happened", 1, {"n": i, "note": "x" * 300}, datetime.now(UTC))
        for i in range(20)]) for s in range(EVENTS // 20)], ctx)
    assert store.head_position() == EVENTS
    yield dsn, bootstrap, schema, topic, store
    store.close()


@pytest.fixture
def one_batch_expires(monkeypatch):
    """The first queued batch seen after one was sent expires, once, as kafka-python expires a
    batch that waited longer than delivery_timeout_ms; the batches behind it stay queued."""
    real = RecordAccumulator.expired_batches
    injected: list[int] = []

    def expired_batches(self, now=None):
        expired = real(self, now=now)
        if not injected and self._transaction_manager is not None:
            for tp, queue in list(self._batches.items()):
                with self._tp_lock(tp):
                    if queue and self._transaction_manager.sequence_number(tp) > 0:
                        batch = queue.popleft()
                        batch.records.close()
                        expired.append(batch)
                        injected.append(batch.record_count)
                        break
        return expired

    monkeypatch.setattr(RecordAccumulator, "expired_batches", expired_batches)
    return injected


def positions_on(bootstrap: str, topic: str) -> list[int]:
    """Every record's global position, in topic order."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    tp = TopicPartition(topic, 0)
    try:
        consumer.assign([tp])
        consumer.seek_to_beginning(tp)
        end = consumer.end_offsets([tp])[tp]
        out: list[int] = []
        while consumer.position(tp) < end:
            for records in consumer.poll(timeout_ms=1000).values():
                out += [json.loads(r.value)["global_position"] for r in records]
        return out
    finally:
        consumer.close()


def applied_by_a_consumer(positions: list[int]) -> list[int]:
    """What a consumer applies: it skips anything at or behind the last position it applied."""
    applied: list[int] = []
    for position in positions:
        if not applied or position > applied[-1]:
            applied.append(position)
    return applied


def test_an_event_that_failed_to_send_is_never_overtaken_on_the_topic(world, one_batch_expires):
    dsn, bootstrap, schema, topic, store = world
    checkpoints = PostgresCheckpoints(dsn, schema)
    publisher = KafkaPublisher(bootstrap, lambda e: topic, relay_name="failstop")
    relay = OutboxRelay(store, checkpoints, publisher, name="failstop")
    failures_before = RELAY_FAILURES.labels("failstop")._value.get()
    failed = 0
    try:
        for _ in range(50):
            try:
                if not relay.run_once():
                    break
            except Exception:
                failed += 1
    finally:
        publisher.close()
        checkpoints.close()
    assert one_batch_expires, "no batch expired: the fault was not injected"
    assert failed >= 1
    assert RELAY_FAILURES.labels("failstop")._value.get() > failures_before
    head = store.head_position()
    assert PostgresCheckpoints(dsn, schema).get("failstop") == head
    # every event reached consumers, in order: the expired batch's were sent again before any
    # event after them
    assert applied_by_a_consumer(positions_on(bootstrap, topic)) == list(range(1, head + 1))


def test_after_a_failed_event_the_publisher_sends_nothing_more_until_restarted(
        world, one_batch_expires):
    _, bootstrap, _, topic, store = world
    events = store.read_all(0, EVENTS)
    publisher = KafkaPublisher(bootstrap, lambda e: topic, relay_name="failstop")
    try:
        with pytest.raises(Exception):  # noqa: B017 - the producer's own error
            publisher.send(events[:3000]).wait()
        assert one_batch_expires, "no batch expired: the fault was not injected"
        with pytest.raises(PublishHalted):
            publisher.send(events[3000:]).wait()
        on_topic = positions_on(bootstrap, topic)
        # only events before the expired batch got there, none after it
        assert on_topic == list(range(1, len(on_topic) + 1))
        assert len(on_topic) <= 3000 - one_batch_expires[0]
        publisher.restart()
        publisher.send(events).wait()
        assert positions_on(bootstrap, topic)[len(on_topic):] == [e.global_position for e in events]
    finally:
        publisher.close()
