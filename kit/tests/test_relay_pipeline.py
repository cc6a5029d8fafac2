"""The relay's pipeline against a scripted publisher: what it sends, what it waits for, where its
checkpoint stands, and where it resumes after a failure (the Kafka side: test_relay_fail_stop)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from kit.envelope import Actor, CommandContext, NewEvent
from kit.relay import OutboxRelay
from kit.sqlite.checkpoints import SqliteCheckpoints
from kit.sqlite.store import SqliteEventStore
from kit.store import StreamAppend


class Refused(Exception):
    pass


class ScriptedPublisher:
    """Records every call; the deliveries of the sends numbered in `failing` raise on wait."""

    def __init__(self, failing: set[int] = frozenset()) -> None:
        self.calls: list[tuple] = []
        self.failing = set(failing)
        self.sends = 0

    def send(self, events):
        self.sends += 1
        number, first, last = self.sends, events[0].global_position, events[-1].global_position
        self.calls.append(("send", first, last))
        publisher = self

        class Delivery:
            def wait(self) -> None:
                publisher.calls.append(("wait", first, last))
                if number in publisher.failing:
                    raise Refused(f"send {number} refused")

        return Delivery()

    def restart(self) -> None:
        self.calls.append(("restart",))


@pytest.fixture
def store(tmp_path):
    store = SqliteEventStore(tmp_path / "events.db")
    ctx = CommandContext(str(uuid.uuid4()), "NB", Actor("test", "system"))
    store.append([StreamAppend(f"s-{i}", 0, [NewEvent("Happened", 1, {"n": i}, datetime.now(UTC))])
                  for i in range(35)], ctx)
    yield store
    store.close()


def relay_all(relay: OutboxRelay) -> None:
    while relay.run_once():
        pass


def test_the_next_batch_is_sent_before_the_previous_one_is_waited_for(store, tmp_path):
    publisher = ScriptedPublisher()
    checkpoints = SqliteCheckpoints(tmp_path / "cp.db")
    relay = OutboxRelay(store, checkpoints, publisher, name="r", batch_size=10)
    assert relay.run_once() == 10
    assert publisher.calls == [("send", 1, 10)]
    assert checkpoints.get("r") == 0  # nothing acknowledged yet
    assert relay.run_once() == 10
    assert publisher.calls[1:] == [("send", 11, 20), ("wait", 1, 10)]
    assert checkpoints.get("r") == 10
    relay_all(relay)
    assert publisher.calls[3:] == [("send", 21, 30), ("wait", 11, 20), ("send", 31, 35),
                                   ("wait", 21, 30), ("wait", 31, 35)]
    assert checkpoints.get("r") == 35  # caught up: everything acknowledged and checkpointed


def test_a_failed_batch_is_sent_again_with_everything_after_it_from_the_checkpoint(
        store, tmp_path):
    publisher = ScriptedPublisher(failing={2})  # 11..20 fails while 21..30 is already sent
    checkpoints = SqliteCheckpoints(tmp_path / "cp.db")
    relay = OutboxRelay(store, checkpoints, publisher, name="r", batch_size=10)
    with pytest.raises(Refused):
        relay_all(relay)
    assert checkpoints.get("r") == 10
    assert publisher.calls[-3:] == [("send", 21, 30), ("wait", 11, 20), ("restart",)]
    restarted = len(publisher.calls)
    relay_all(relay)
    assert publisher.calls[restarted:] == [
        ("send", 11, 20), ("send", 21, 30), ("wait", 11, 20), ("send", 31, 35),
        ("wait", 21, 30), ("wait", 31, 35)]
    assert checkpoints.get("r") == 35


def test_a_relay_started_on_a_checkpoint_resumes_after_it(store, tmp_path):
    checkpoints = SqliteCheckpoints(tmp_path / "cp.db")
    checkpoints.save("r", 20)
    publisher = ScriptedPublisher()
    relay_all(OutboxRelay(store, checkpoints, publisher, name="r", batch_size=10))
    assert [c for c in publisher.calls if c[0] == "send"] == [("send", 21, 30), ("send", 31, 35)]
    assert checkpoints.get("r") == 35


def test_stopping_waits_for_the_batch_in_flight_and_checkpoints_it(store, tmp_path):
    publisher = ScriptedPublisher()
    checkpoints = SqliteCheckpoints(tmp_path / "cp.db")
    relay = OutboxRelay(store, checkpoints, publisher, name="r", batch_size=10)
    relay.run_once()
    relay.run_once()
    assert checkpoints.get("r") == 10
    relay.finish()
    assert publisher.calls[-1] == ("wait", 11, 20)
    assert checkpoints.get("r") == 20
