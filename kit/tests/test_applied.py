"""Read-model announcements: the worker NOTIFYs what it applied, a waiter wakes on it."""

import threading
import time

import pytest

from kit.postgres.applied import (
    Announcer,
    AppliedListener,
    SharedReads,
    applied_channel,
    wait_applied,
)


@pytest.fixture
def read_db(pg_read_db):
    return pg_read_db


def _listening(listener: AppliedListener, announce: Announcer) -> None:
    """Announce position 1 until the listener hears it: its LISTEN is then in place."""
    deadline = time.monotonic() + 10
    while not listener.wait("warm-up", 1, 0.05):
        assert time.monotonic() < deadline, "the listener never started listening"
        announce("warm-up", 1)


def test_a_waiter_wakes_on_the_announcement_not_on_its_poll(pg_dsn, read_db) -> None:
    announce = Announcer(read_db, read_db.schema)
    listener = AppliedListener(pg_dsn, read_db.schema)
    try:
        _listening(listener, announce)
        applied = [0]
        reads = [0]

        def read() -> int:
            reads[0] += 1
            return applied[0]

        def worker() -> None:
            time.sleep(0.2)
            applied[0] = 7  # the read-model transaction committed...
            announce("topic.a", 7)  # ...then the worker announces it

        threading.Thread(target=worker).start()
        start = time.monotonic()
        assert wait_applied(read, 7, 10, listener, "topic.a", poll_seconds=30)
        assert 0.15 < time.monotonic() - start < 5  # woken long before the 30 s poll
        assert reads[0] == 1  # only when woken: nothing was announced before
        assert listener.applied("topic.a") == 7
        assert listener.applied("topic.b") == 0  # per source
    finally:
        listener.close()


def test_the_checkpoints_decide_even_when_an_announcement_says_more(pg_dsn, read_db) -> None:
    announce = Announcer(read_db, read_db.schema)
    listener = AppliedListener(pg_dsn, read_db.schema)
    try:
        _listening(listener, announce)
        announce("topic.a", 100)
        assert listener.wait("topic.a", 100, 5)
        reads = [0]

        def read() -> int:  # e.g. read models being rebuilt: behind what was announced
            reads[0] += 1
            return 3

        start = time.monotonic()
        assert not wait_applied(read, 50, 0.3, listener, "topic.a")
        assert 0.3 <= time.monotonic() - start < 2
        assert 2 < reads[0] < 60  # polled with a backoff, not spinning
    finally:
        listener.close()


def test_without_a_listener_it_polls_until_applied_or_timeout() -> None:
    applied = [0]

    def read() -> int:
        applied[0] += 1
        return applied[0]

    assert wait_applied(read, 4, 5, None, "s")
    assert applied[0] == 4
    start = time.monotonic()
    assert not wait_applied(lambda: 0, 1, 0.1, None, "s")
    assert 0.1 <= time.monotonic() - start < 1


def test_channels_fit_postgresql_identifiers() -> None:
    assert applied_channel("membership_read") == "membership_read_applied"
    assert len(applied_channel("x" * 63).encode()) <= 63


def test_waiters_woken_together_share_one_read_of_the_checkpoints() -> None:
    reads = []

    def read() -> int:  # slow: every waiter arrives while it runs
        reads.append(1)
        time.sleep(0.2)
        return 5

    shared = SharedReads(read)
    ready = threading.Barrier(5)
    answers: dict[int, int] = {}

    def waiter(position: int) -> None:
        ready.wait()
        answers[position] = shared.at_least(position)

    threads = [threading.Thread(target=waiter, args=(p,)) for p in range(1, 6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert answers == {p: 5 for p in range(1, 6)}
    assert len(reads) == 1


def test_a_position_beyond_the_last_read_is_read_again() -> None:
    applied = iter([3, 5])
    reads = []

    def read() -> int:
        reads.append(1)
        return next(applied)

    shared = SharedReads(read)
    assert shared.at_least(2) == 3
    assert shared.at_least(3) == 3 and len(reads) == 1  # covered by the read before
    assert shared.at_least(5) == 5 and len(reads) == 2


def test_a_read_that_fails_leaves_the_next_waiter_free_to_read() -> None:
    answers = iter([RuntimeError("connection lost"), 4])

    def read() -> int:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    shared = SharedReads(read)
    with pytest.raises(RuntimeError):
        shared.at_least(4)
    assert shared.at_least(4) == 4


def test_an_announcement_made_inside_a_transaction_is_heard_only_if_it_commits(pg_dsn, read_db):
    announce = Announcer(read_db, read_db.schema)
    listener = AppliedListener(pg_dsn, read_db.schema)
    try:
        _listening(listener, announce)
        with pytest.raises(RuntimeError), read_db.transaction() as conn:
            announce.within(conn, "topic.a", 4)
            raise RuntimeError("the batch failed")
        assert not listener.wait("topic.a", 4, 0.3)
        with read_db.transaction() as conn:
            announce.within(conn, "topic.a", 5)
        assert listener.wait("topic.a", 5, 5)
    finally:
        listener.close()
