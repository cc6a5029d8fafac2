"""The catch-up thread: off the command path, and reads still see the writes made before them."""

from __future__ import annotations

import threading
import time

import pytest

from kit.projections.catchup import (
    CatchUpThread,
    CatchUpTimeout,
    ReadYourWrites,
    settled_reads,
)


class SlowLog:
    """A log and a read model: `catch_up` copies what was written, slowly."""

    def __init__(self, delay: float = 0.0) -> None:
        self.written: list[int] = []
        self.applied: list[int] = []
        self.delay = delay
        self.runs = 0
        self.fail_next = 0

    def catch_up(self) -> None:
        self.runs += 1
        if self.fail_next:
            self.fail_next -= 1
            raise RuntimeError("read-model database is locked")
        time.sleep(self.delay)
        self.applied = list(self.written)


class Reads:
    def __init__(self, log: SlowLog) -> None:
        self.log = log
        self.label = "not a method"

    def count(self) -> int:
        return len(self.log.applied)


def test_announcing_a_write_returns_without_waiting_for_the_read_models() -> None:
    log = SlowLog(delay=0.3)
    thread = CatchUpThread(log.catch_up)
    try:
        log.written.append(1)
        started = time.monotonic()
        thread.request()
        assert time.monotonic() - started < 0.1
        assert log.applied == []  # still being applied
        thread.wait()
        assert log.applied == [1]
    finally:
        thread.stop()


def test_a_read_sees_every_write_announced_before_it() -> None:
    log = SlowLog(delay=0.01)
    thread = CatchUpThread(log.catch_up)
    reads = ReadYourWrites(Reads(log), thread.wait)
    try:
        for i in range(50):
            log.written.append(i)
            thread.request()
            assert reads.count() == i + 1
        assert reads.label == "not a method"
    finally:
        thread.stop()


def test_a_settled_read_does_not_wait_and_the_next_unsettled_one_does() -> None:
    log = SlowLog(delay=0.3)
    thread = CatchUpThread(log.catch_up)
    reads = ReadYourWrites(Reads(log), thread.wait)
    try:
        log.written.append(1)
        thread.request()  # announced after the caller saw nothing behind: concurrent with it
        started = time.monotonic()
        with settled_reads():
            assert reads.count() == 0
        assert time.monotonic() - started < 0.2
        assert reads.count() == 1  # outside the context: waits as before
    finally:
        thread.stop()


def test_a_burst_of_writes_is_applied_in_few_catch_ups() -> None:
    log = SlowLog(delay=0.05)
    thread = CatchUpThread(log.catch_up)
    try:
        for i in range(100):
            log.written.append(i)
            thread.request()
        thread.wait()
        assert log.applied == list(range(100))
        assert log.runs < 10
    finally:
        thread.stop()


def test_a_failing_catch_up_is_retried_and_readers_wait_for_it() -> None:
    log = SlowLog()
    log.fail_next = 2
    thread = CatchUpThread(log.catch_up, retry_delay=0.01)
    try:
        log.written.append(1)
        thread.request()
        thread.wait(timeout=5)
        assert log.applied == [1] and log.runs == 3
        assert thread.last_error is None
    finally:
        thread.stop()


def test_a_read_that_cannot_be_caught_up_fails_with_a_timeout_naming_the_error() -> None:
    log = SlowLog()
    log.fail_next = 10**9
    thread = CatchUpThread(log.catch_up, retry_delay=0.01)
    try:
        thread.request()
        with pytest.raises(CatchUpTimeout, match="locked"):
            thread.wait(timeout=0.3)
    finally:
        log.fail_next = 0
        thread.stop()


def test_a_wait_and_a_read_not_told_otherwise_give_up_after_the_threads_own_timeout() -> None:
    log = SlowLog()
    log.fail_next = 10**9
    thread = CatchUpThread(log.catch_up, retry_delay=0.01, timeout=0.2)
    reads = ReadYourWrites(Reads(log), thread.wait)
    try:
        thread.request()
        for attempt in (thread.wait, reads.count):
            started = time.monotonic()
            with pytest.raises(CatchUpTimeout, match="within 0.2 s"):
                attempt()
            assert time.monotonic() - started < 2
    finally:
        log.fail_next = 0
        thread.stop()


def test_stopping_applies_what_was_announced_first() -> None:
    log = SlowLog(delay=0.1)
    thread = CatchUpThread(log.catch_up)
    log.written.extend([1, 2])
    thread.request()
    thread.stop()
    assert log.applied == [1, 2]
    assert not any(t.name == "catch-up" for t in threading.enumerate())
    thread.wait()  # nothing owed: returns at once


def test_writes_announced_while_it_lingers_are_applied_together_soon_after() -> None:
    log = SlowLog()
    thread = CatchUpThread(log.catch_up, linger=0.3)
    try:
        for i in range(5):
            log.written.append(i)
            thread.request()
        time.sleep(0.1)
        assert log.runs == 0  # still gathering: nothing waits for them
        deadline = time.monotonic() + 5
        while log.applied != [0, 1, 2, 3, 4] and time.monotonic() < deadline:
            time.sleep(0.01)
        assert log.applied == [0, 1, 2, 3, 4] and log.runs == 1  # without any read asking
    finally:
        thread.stop()


def test_a_read_that_waits_ends_the_linger_at_once() -> None:
    log = SlowLog()
    thread = CatchUpThread(log.catch_up, linger=30)
    reads = ReadYourWrites(Reads(log), thread.wait)
    try:
        log.written.append(1)
        thread.request()
        started = time.monotonic()
        assert reads.count() == 1
        assert time.monotonic() - started < 5
    finally:
        thread.stop()


def test_stopping_ends_the_linger_and_applies_what_was_announced() -> None:
    log = SlowLog()
    thread = CatchUpThread(log.catch_up, linger=30)
    log.written.extend([1, 2])
    thread.request()
    started = time.monotonic()
    thread.stop()
    assert log.applied == [1, 2] and time.monotonic() - started < 5
