"""The relay sleeps until the PostgreSQL store announces a commit, and publishes it at once."""

import threading
import time
import uuid
from datetime import UTC, datetime

import psycopg
import pytest

from kit.envelope import Actor, CommandContext, NewEvent
from kit.kafka.publisher import KafkaPublisher
from kit.postgres.checkpoints import PostgresCheckpoints
from kit.postgres.store import PostgresEventStore
from kit.relay import OutboxRelay
from kit.store import StreamAppend
from kit.testing.services import require_env


@pytest.fixture
def world(relay_world):
    return relay_world


def _append(store: PostgresEventStore, n: int) -> int:
    ctx = CommandContext(str(uuid.uuid4()), "NB", Actor("test", "system"))
    result = store.append([StreamAppend(f"s-{uuid.uuid4()}", 0, [
        NewEvent("Happened", 1, {"n": i}, datetime.now(UTC)) for i in range(n)])], ctx)
    return result.positions[-1]


def test_wait_for_appends_wakes_on_a_commit_and_times_out_without_one(world) -> None:
    dsn, _, schema, _ = world
    tail, writer = PostgresEventStore(dsn, schema), PostgresEventStore(dsn, schema)
    try:
        assert tail.wait_for_appends(5) is False  # starts listening, does not wait
        start = time.monotonic()
        assert tail.wait_for_appends(0.2) is False
        assert time.monotonic() - start >= 0.2
        _append(writer, 1)
        _append(writer, 2)
        start = time.monotonic()
        assert tail.wait_for_appends(30) is True
        assert time.monotonic() - start < 5
        # queued announcements are drained (one may still arrive just after): then it is quiet
        assert [tail.wait_for_appends(0.1) for _ in range(3)][-1] is False
        with writer.batch():  # a batch announces itself once, at its commit
            _append(writer, 1)
            _append(writer, 1)
        assert tail.wait_for_appends(30) is True
    finally:
        tail.close()
        writer.close()


def test_an_idle_relay_publishes_a_commit_without_waiting_for_its_poll(world) -> None:
    dsn, bootstrap, schema, topic = world
    store, writer = PostgresEventStore(dsn, schema), PostgresEventStore(dsn, schema)
    checkpoints = PostgresCheckpoints(dsn, schema)
    publisher = KafkaPublisher(bootstrap, lambda e: topic, relay_name="wake")
    relay = OutboxRelay(store, checkpoints, publisher, name="wake")
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,),
                              kwargs={"notified_idle_seconds": 10})
    thread.start()
    try:
        first = _append(writer, 3)
        _wait_for(lambda: checkpoints.get("wake") == first)
        time.sleep(0.3)  # idle: asleep on the announcement now
        last = _append(writer, 2)
        start = time.monotonic()
        _wait_for(lambda: checkpoints.get("wake") == last)
        assert time.monotonic() - start < 5  # long before the 10 s fallback poll
    finally:
        stop.set()
        _append(writer, 1)  # wakes it to see the stop
        writer.close()
        thread.join(30)
        publisher.close()
        checkpoints.close()
        store.close()


def _wait_for(probe, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not probe():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_listener_whose_connection_was_killed_listens_again_on_the_next_wait():
    from kit.postgres.notify import Notifications

    dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
    name = f"wake_{uuid.uuid4().hex[:10]}"
    listening = Notifications(dsn, name)
    try:
        assert listening.wait(0.1) is False  # opens the connection and LISTENs
        pid = listening._conn.info.backend_pid
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            with pytest.raises(psycopg.OperationalError):
                listening.wait(1.0)
            assert listening.wait(0.1) is False  # a new connection, listening again
            admin.execute("SELECT pg_notify(%s, 'x')", (name,))
        assert listening.wait(5.0) is True
    finally:
        listening.close()
