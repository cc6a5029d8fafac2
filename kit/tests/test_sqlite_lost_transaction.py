"""When SQLite rolls back a whole transaction after an error (a full disk, an I/O error), every
append in it hears so and none is stored: no append after the error commits on its own."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from kit.sqlite.store import SqliteEventStore
from kit.store import NO_STREAM, StreamAppend, TransactionLost
from kit.testing.store_contract import ctx, event


def _disk_nearly_full(store: SqliteEventStore) -> None:
    """Room for a few more pages on the writer's connection: a small append fits, a large one
    fills it."""
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages + 3}")


def _appends() -> dict[str, list]:
    return {"a": [event(1)], "big": [event(2, text="x" * 200_000)], "c": [event(3)]}


@pytest.fixture
def store(tmp_path):
    s = SqliteEventStore(tmp_path / "events.db")
    s.append([StreamAppend("warm-up", NO_STREAM, [event(0)])], ctx())
    yield s
    s.close()


def test_a_group_whose_transaction_sqlite_rolled_back_fails_every_append_with_the_cause(store):
    _disk_nearly_full(store)
    outcomes: dict[str, object] = {}

    def send(name: str, events: list) -> None:
        try:
            outcomes[name] = store.append([StreamAppend(name, NO_STREAM, events)], ctx())
        except Exception as exc:
            outcomes[name] = exc

    def queued(n: int) -> None:
        while len(store._group._queue) != n:
            time.sleep(0.001)

    threads = [threading.Thread(target=send, args=("lead", [event(0)]))]
    with store._lock:  # the first append leads and waits here; the three queue behind it
        threads[0].start()
        while not (store._group._leading and not store._group._queue):  # its group taken
            time.sleep(0.001)
        for name, events in _appends().items():
            threads.append(threading.Thread(target=send, args=(name, events)))
            threads[-1].start()
            queued(len(threads) - 1)
    for t in threads:
        t.join(timeout=10)

    assert store._group._queue == []
    for name in ("a", "big", "c"):
        assert isinstance(outcomes[name], sqlite3.OperationalError), outcomes[name]
        assert "full" in str(outcomes[name])
        assert store.stream_version(name) == 0
    store._db.execute("PRAGMA max_page_count = 1073741823")
    result = store.append([StreamAppend("c", NO_STREAM, [event(3)])], ctx())
    assert store.read_all(result.positions[0] - 1)[0].stream_id == "c"


def test_a_batch_whose_transaction_sqlite_rolled_back_refuses_what_follows_and_keeps_nothing(
        store):
    _disk_nearly_full(store)
    head = store.head_position()
    failures = []
    with pytest.raises(TransactionLost), store.batch():
        for name, events in _appends().items():
            try:
                store.append([StreamAppend(name, NO_STREAM, events)], ctx())
            except Exception as exc:  # each append "succeeds or fails on its own"
                failures.append((name, type(exc).__name__))
    assert failures == [("big", "OperationalError"), ("c", "TransactionLost")]
    assert store.head_position() == head
    assert [store.stream_version(n) for n in ("a", "big", "c")] == [0, 0, 0]
    store._db.execute("PRAGMA max_page_count = 1073741823")
    with store.batch():
        store.append([StreamAppend("a", NO_STREAM, [event(1)])], ctx())
    assert store.stream_version("a") == 1
