"""The repository remembers decoded streams, and the store stays the truth."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from kit.aggregate import Aggregate
from kit.clock import FixedClock
from kit.codec import EventCodec
from kit.envelope import CommandContext
from kit.repository import Repository
from kit.sqlite.store import SqliteEventStore


@dataclass(frozen=True)
class Counted:
    counter_id: str
    by: int


class Counter(Aggregate):
    stream_prefix = "counter"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.total = 0

    def add(self, by: int) -> None:
        self.record(Counted(self.id, by))

    def apply(self, event: Counted) -> None:
        self.total += event.by


class CountingCodec(EventCodec):
    def __init__(self) -> None:
        super().__init__()
        self.decoded = 0
        self.register("test.Counted")(Counted)

    def decode(self, name, version, data):
        self.decoded += 1
        return super().decode(name, version, data)


@pytest.fixture
def store(tmp_path):
    s = SqliteEventStore(tmp_path / "events.db")
    yield s
    s.close()


def context() -> CommandContext:
    return CommandContext(str(uuid.uuid4()), "NB")


def add(repo: Repository, counter_id: str, by: int) -> Counter:
    counter = repo.load(Counter, counter_id)
    counter.add(by)
    repo.save([counter], context())
    return counter


def test_a_load_decodes_only_what_was_appended_since_it_last_read_the_stream(store):
    codec = CountingCodec()
    repo = Repository(store, codec, FixedClock())
    for by in (1, 2, 3):
        add(repo, "c1", by)
    assert codec.decoded == 0  # what it saved itself is remembered as is
    other = Repository(store, CountingCodec(), FixedClock())  # another process, say
    add(other, "c1", 10)

    counter = repo.load(Counter, "c1")

    assert (counter.total, counter.version) == (16, 4)
    assert codec.decoded == 1


def test_events_of_a_rolled_back_batch_are_not_replayed(store):
    repo = Repository(store, CountingCodec(), FixedClock())
    add(repo, "c1", 1)
    with pytest.raises(RuntimeError), store.batch():
        add(repo, "c1", 5)
        raise RuntimeError("the batch fails")

    counter = repo.load(Counter, "c1")

    assert (counter.total, counter.version) == (1, 1)
    counter.add(2)
    repo.save([counter], context())
    assert repo.load(Counter, "c1").total == Repository(
        store, CountingCodec(), FixedClock()).load(Counter, "c1").total == 3


def test_a_repository_remembers_a_bounded_number_of_streams(store):
    codec = CountingCodec()
    repo = Repository(store, codec, FixedClock(), remembered_streams=2)
    for name in ("a", "b", "c"):
        add(repo, name, 1)
    repo.load(Counter, "c")
    repo.load(Counter, "b")
    assert codec.decoded == 0
    assert repo.load(Counter, "a").total == 1  # forgotten: read and decoded again
    assert codec.decoded == 1
