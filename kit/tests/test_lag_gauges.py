"""Lag gauges are read when scraped, apart from the loop that moves the checkpoint: a relay or
projection worker that is alive but stuck shows a lag that grows, and a reading that blocks
never holds up the scrape."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from datetime import UTC, datetime

import pytest

from kit import metrics
from kit.envelope import Actor, CommandContext, NewEvent
from kit.projections.runner import ProjectionRunner
from kit.projections.worker import ProjectionWorker
from kit.relay import OutboxRelay
from kit.sqlite.checkpoints import SqliteCheckpoints
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.store import SqliteEventStore
from kit.store import StreamAppend
from kit.testing.prometheus import scrape_registry, values


def append(store, n: int = 1) -> None:
    store.append([StreamAppend(f"s-{uuid.uuid4()}", 0, [
        NewEvent("Happened", 1, {}, datetime.now(UTC))]) for _ in range(n)],
        CommandContext(str(uuid.uuid4()), "NB", Actor("test", "system")))


def eventually(probe, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while not (found := probe()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
    return found


def test_a_reading_that_blocks_leaves_its_last_value_and_the_scrape_goes_on():
    gate, calls = threading.Event(), []
    gate.set()

    def read():
        calls.append(1)
        gate.wait()
        return len(calls)

    latest = metrics.Latest(read, "a test reading", wait_s=0.1)
    assert latest() == 1
    gate.clear()  # the next reading hangs, like a query on a locked table
    started = time.monotonic()
    assert latest() == 1 and latest() == 1
    assert time.monotonic() - started < 0.5
    assert len(calls) == 2  # one reading at a time: the stuck one is not piled on
    gate.set()
    assert eventually(lambda: latest() == 3)


def test_a_reading_that_fails_leaves_its_last_value():
    answers = iter([{"a": 5}, RuntimeError("gone")])

    def read():
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    latest = metrics.Latest(read, "a test reading")
    assert latest() == {"a": 5}
    assert latest() == {"a": 5}


class StalledPublisher:
    """Sends, but no acknowledgement comes until `released`: a hung broker."""

    def __init__(self) -> None:
        self.released = threading.Event()

    def send(self, events):
        released = self.released

        class Delivery:
            def wait(self) -> None:
                released.wait()

        return Delivery()

    def restart(self) -> None:
        pass


def test_a_stalled_relay_shows_its_lag_growing_and_its_failures_from_the_start(tmp_path):
    name = f"stalled-{uuid.uuid4().hex[:6]}"
    store = SqliteEventStore(tmp_path / "events.db")
    publisher = StalledPublisher()
    relay = OutboxRelay(store, SqliteCheckpoints(tmp_path / "cp.db"), publisher, name=name)
    assert values(scrape_registry(), "partyorg_relay_failures_total")[(("relay", name),)] == 0
    forget = relay.watch_lag()
    stop = threading.Event()
    loop = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    loop.start()
    try:
        for n in (3, 6, 9):
            append(store, 3)
            eventually(lambda n=n: values(scrape_registry(), "partyorg_relay_lag_events").get(
                (("relay", name),)) == n)
            assert values(scrape_registry(), "partyorg_relay_checkpoint_position")[
                (("relay", name),)] == 0
        publisher.released.set()
        eventually(lambda: values(scrape_registry(), "partyorg_relay_lag_events")[
            (("relay", name),)] == 0)
    finally:
        publisher.released.set()
        stop.set()
        loop.join(5)
        forget()
        store.close()
    assert (("relay", name),) not in values(scrape_registry(), "partyorg_relay_lag_events")


class CountedProjection:
    name = "counted"

    def create(self, db) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS counted (n INTEGER)")

    def drop(self, db) -> None:
        db.execute("DROP TABLE IF EXISTS counted")

    def handle(self, event, db) -> None:
        db.execute("INSERT INTO counted VALUES (?)", (event.global_position,))


class Topic:
    """A topic's events as a worker's source and as its heads: offset n holds position n + 1."""

    def __init__(self, store, name: str) -> None:
        self.store, self.name, self.polled, self.committed_at = store, name, 0, 0

    def poll(self, timeout_ms: int = 500):
        batch = self.store.read_all(self.polled, 100)
        self.polled += len(batch)
        if not batch:
            time.sleep(0.01)  # as a poll waits for records
        return [(e, e.to_json(), self.name) for e in batch]

    def commit(self) -> None:
        self.committed_at = self.polled

    def rewind(self) -> None:
        self.polled = self.committed_at

    def heads(self):
        head = self.store.head_position()
        return {self.name: (head, head)}

    def committed(self):
        return {self.name: self.committed_at}

    def close(self) -> None:
        pass


@pytest.mark.parametrize("blocked", ["database", "nothing"])
def test_a_projection_worker_blocked_in_its_transaction_shows_its_lag_growing(tmp_path, blocked):
    store = SqliteEventStore(tmp_path / "events.db")
    topic = Topic(store, f"t{uuid.uuid4().hex[:6]}.events")
    group = f"g-{uuid.uuid4().hex[:6]}"
    runner = ProjectionRunner(None, ReadModelDb(tmp_path / "read.db"), [CountedProjection()],
                              own_source=topic.name)
    worker = ProjectionWorker(topic, runner, group, topics=topic)
    forget = worker.watch_lag()
    lag_key = (("projection", "counted"), ("source", topic.name))
    consumer_key = (("group", group), ("topic", topic.name))
    blocker = sqlite3.connect(tmp_path / "read.db", timeout=0)
    if blocked == "database":
        blocker.execute("BEGIN IMMEDIATE")  # the worker's next transaction waits for it
    stop = threading.Event()
    loop = threading.Thread(target=worker.run, args=(stop,), daemon=True)
    loop.start()
    try:
        for n in (2, 4, 6):
            append(store, 2)
            expected = n if blocked == "database" else 0
            eventually(lambda e=expected: values(
                scrape_registry(), "partyorg_projection_lag_events").get(lag_key) == e and values(
                scrape_registry(), "partyorg_kafka_consumer_lag_messages").get(consumer_key) == e)
    finally:
        if blocker.in_transaction:
            blocker.rollback()
        eventually(lambda: values(scrape_registry(), "partyorg_projection_lag_events").get(
            lag_key) == 0)
        stop.set()
        loop.join(5)
        forget()
        blocker.close()
        store.close()
