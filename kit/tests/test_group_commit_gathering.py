"""Group commit gathering: after a group shared by several appenders, the next leader waits
(briefly) for that many to queue, so appenders woken together commit together again."""

from __future__ import annotations

import threading
import time

from kit.sql.group_commit import GroupCommit
from kit.tests.test_group_commit import Recorder


def _queued(commit: GroupCommit, n: int) -> None:
    deadline = time.monotonic() + 10
    while len(commit._queue) < n and time.monotonic() < deadline:
        time.sleep(0.001)
    assert len(commit._queue) >= n


def _shared_group_of_b_and_c(recorder: Recorder, commit: GroupCommit) -> None:
    """Groups ["a0"], then ["b0", "c0"]: the last group was shared by two."""
    first = threading.Thread(target=commit.submit, args=("a0",))
    first.start()
    assert recorder.holding.wait(10)
    pair = [threading.Thread(target=commit.submit, args=(a,)) for a in ("b0", "c0")]
    for t in pair:
        t.start()
    _queued(commit, 2)
    recorder.release.set()
    for t in [first, *pair]:
        t.join(timeout=10)
    assert recorder.groups == [["a0"], ["b0", "c0"]]


def test_the_next_leader_waits_for_as_many_appends_as_the_group_before_had():
    recorder = Recorder(hold="a0")
    commit = GroupCommit(recorder, gather_s=30)
    _shared_group_of_b_and_c(recorder, commit)
    b = threading.Thread(target=commit.submit, args=("b1",))
    b.start()
    _queued(commit, 1)
    time.sleep(0.2)
    assert recorder.groups == [["a0"], ["b0", "c0"]]  # b1 leads, and waits for a second
    started = time.monotonic()
    assert commit.submit("c1") == ("stored", "c1")
    b.join(timeout=10)
    assert recorder.groups[2] == ["b1", "c1"]  # one commit for both
    assert time.monotonic() - started < 10  # let go when c1 came, not after the 30 s


def test_the_wait_is_bounded_when_the_others_do_not_come_back():
    recorder = Recorder(hold="a0")
    commit = GroupCommit(recorder, gather_s=0.05)
    _shared_group_of_b_and_c(recorder, commit)
    started = time.monotonic()
    assert commit.submit("b1") == ("stored", "b1")
    assert time.monotonic() - started >= 0.05
    assert recorder.groups[2] == ["b1"]


def test_a_lone_appender_never_waits():
    recorder = Recorder()
    commit = GroupCommit(recorder, gather_s=30)
    started = time.monotonic()
    for i in range(20):
        assert commit.submit(i) == ("stored", i)
    assert time.monotonic() - started < 10
    assert recorder.groups == [[i] for i in range(20)]
