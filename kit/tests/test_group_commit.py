"""Group commit (kit.sql.group_commit): appenders on many threads, each decided exactly once, in
groups that form while the previous one commits."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from kit.sql.group_commit import GroupCommit, GroupInterrupted, Pending


class Recorder:
    """A run_group that records its groups, answers each append with its own argument, and
    refuses an append whose argument is 'refused'."""

    def __init__(self, fsync_s: float = 0.0, hold: object = None) -> None:
        self.groups: list[list[object]] = []
        self.lock = threading.Lock()
        self.fsync_s = fsync_s  # a commit's wait, the interpreter lock let go meanwhile
        # a group led by the append `hold` runs until `release` is set (`holding` says it runs)
        self.hold, self.holding, self.release = hold, threading.Event(), threading.Event()

    def __call__(self, group: list[Pending]) -> None:
        if self.hold is not None and group[0].args[0] == self.hold:
            self.holding.set()
            self.release.wait(10)
        with self.lock:
            self.groups.append([p.args[0] for p in group])
        if self.fsync_s:
            time.sleep(self.fsync_s)
        for p in group:
            if p.args[0] == "refused":
                p.error = ValueError("refused")
            else:
                p.result = ("stored", p.args[0])


def test_every_append_gets_its_own_outcome_from_exactly_one_group():
    recorder = Recorder(fsync_s=0.0003)
    commit = GroupCommit(recorder)
    answers: dict[tuple[int, int], object] = {}

    def appender(t: int) -> None:
        for i in range(200):
            answers[(t, i)] = commit.submit((t, i))

    threads = [threading.Thread(target=appender, args=(t,)) for t in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert all(answers[key] == ("stored", key) for key in answers) and len(answers) == 3200
    grouped = [arg for group in recorder.groups for arg in group]
    assert sorted(grouped) == sorted(answers)  # each append in one group, once
    assert max(len(group) for group in recorder.groups) > 1  # they did share groups


def test_appends_arriving_while_a_group_commits_form_the_next_group_together():
    recorder = Recorder(hold="first")
    commit = GroupCommit(recorder)
    leader = threading.Thread(target=commit.submit, args=("first",))
    leader.start()
    assert recorder.holding.wait(10)
    waiting = [threading.Thread(target=commit.submit, args=(f"next-{i}",)) for i in range(5)]
    for t in waiting:
        t.start()
    deadline = time.monotonic() + 10
    while len(commit._queue) < 5 and time.monotonic() < deadline:
        time.sleep(0.001)
    recorder.release.set()
    for t in [leader, *waiting]:
        t.join(timeout=10)
    assert recorder.groups[0] == ["first"]
    assert sorted(recorder.groups[1]) == [f"next-{i}" for i in range(5)]
    assert len(recorder.groups) == 2


def test_a_refused_append_raises_for_its_own_appender_only():
    recorder = Recorder()
    commit = GroupCommit(recorder)
    outcomes: dict[str, object] = {}
    go = threading.Barrier(8)

    def appender(arg: str) -> None:
        go.wait()
        try:
            outcomes[arg] = commit.submit(arg)
        except ValueError as exc:
            outcomes[arg] = exc

    args = ["refused", *(f"fine-{i}" for i in range(7))]
    threads = [threading.Thread(target=appender, args=(a,)) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert isinstance(outcomes["refused"], ValueError)
    assert all(outcomes[a] == ("stored", a) for a in args[1:])


def test_a_failed_commit_fails_every_append_of_its_group_and_the_next_group_commits():
    release = threading.Event()
    calls: list[list[object]] = []

    def run_group(group: list[Pending]) -> None:
        calls.append([p.args[0] for p in group])
        if group[0].args[0] == "doomed":
            release.wait(10)
            raise OSError("disk full")
        for p in group:
            p.result = p.args[0]

    commit = GroupCommit(run_group)
    outcomes: dict[str, object] = {}

    def appender(arg: str) -> None:
        try:
            outcomes[arg] = commit.submit(arg)
        except OSError as exc:
            outcomes[arg] = exc

    doomed = threading.Thread(target=appender, args=("doomed",))
    doomed.start()
    while not calls:
        time.sleep(0.001)
    later = [threading.Thread(target=appender, args=(f"later-{i}",)) for i in range(3)]
    for t in later:
        t.start()
    while len(commit._queue) < 3:
        time.sleep(0.001)
    release.set()
    for t in [doomed, *later]:
        t.join(timeout=10)
    assert isinstance(outcomes["doomed"], OSError)
    assert all(outcomes[f"later-{i}"] == f"later-{i}" for i in range(3))
    assert commit.submit("after") == "after"  # nothing left stuck


@pytest.mark.parametrize("max_group", [1, 3])
def test_a_group_never_exceeds_its_limit(max_group):
    recorder = Recorder()
    commit = GroupCommit(recorder, max_group=max_group)
    threads = [threading.Thread(target=lambda i=i: commit.submit(i)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert max(len(g) for g in recorder.groups) <= max_group
    assert sorted(a for g in recorder.groups for a in g) == list(range(40))


class Interrupted(Exception):
    pass


def test_an_appender_interrupted_while_waiting_leaves_the_queue_and_the_next_group_commits():
    """A signal (or a killed green thread) ends one appender's wait: its append is not run,
    and the appenders behind it are not left without a leader."""
    recorder = Recorder(hold="first")
    commit = GroupCommit(recorder)
    outcomes: dict[str, object] = {}
    leader = threading.Thread(target=lambda: outcomes.update(first=commit.submit("first")),
                              daemon=True)
    leader.start()
    assert recorder.holding.wait(10)

    def alarm(signum, frame):
        raise Interrupted

    def behind() -> None:
        while commit._queue[:1] == [] or commit._queue[0].args[0] != "interrupted":
            time.sleep(0.001)  # queued behind the main thread's append
        outcomes["behind"] = commit.submit("behind")

    later = threading.Thread(target=behind, daemon=True)
    later.start()
    previous = signal.signal(signal.SIGALRM, alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with pytest.raises(Interrupted):
            commit.submit("interrupted")  # waits behind "first" until the alarm
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    recorder.release.set()
    _the_others_went_on(commit, recorder, outcomes, leader, later)


def _the_others_went_on(commit: GroupCommit, recorder: Recorder, outcomes: dict[str, object],
                        *threads: threading.Thread) -> None:
    """"first" (the group ahead) and "behind" (queued after the interrupted append) were
    stored, the interrupted one was not, and the next append finds a leader."""
    for t in threads:
        t.join(timeout=10)
    assert outcomes == {"first": ("stored", "first"), "behind": ("stored", "behind")}
    assert "interrupted" not in [a for g in recorder.groups for a in g]
    assert commit.submit("after") == ("stored", "after")


def test_an_appender_that_gives_up_just_after_being_handed_the_lead_passes_it_on():
    commit = GroupCommit(Recorder())
    handed, next_one = Pending(("handed",)), Pending(("next",))
    commit._queue[:] = [handed, next_one]
    commit._leading = True
    with commit._mutex:
        commit._pass_lead()  # what a finished group does for the oldest waiting append
    commit._abandon(handed)
    assert commit._queue == [next_one]
    assert next_one.handed and next_one._wake.acquire(blocking=False)  # the lead went on
    commit._queue.clear()
    lonely = Pending(("lonely",))
    commit._queue[:] = [lonely]
    with commit._mutex:
        commit._pass_lead()
    assert lonely._wake.acquire(blocking=False)  # the hand-off consumed, then it gives up
    commit._abandon(lonely)
    assert commit._queue == [] and not commit._leading  # nobody waits: the next append leads
    assert commit.submit("after") == ("stored", "after")


def test_a_signal_just_after_the_lead_was_handed_over_does_not_leave_the_queue_leaderless():
    """The main thread, waiting behind a group, is handed the lead and a signal's handler
    raises as its wait returns: the appends behind it still get a leader."""
    recorder = Recorder(hold="first")
    commit = GroupCommit(recorder)
    outcomes: dict[str, object] = {}
    original = commit._pass_lead

    def pass_lead_then_signal() -> None:
        to = commit._queue[0].args[0] if commit._queue else None
        original()
        if to == "interrupted":
            os.kill(os.getpid(), signal.SIGUSR1)

    commit._pass_lead = pass_lead_then_signal
    leader = threading.Thread(target=lambda: outcomes.update(first=commit.submit("first")),
                              daemon=True)
    leader.start()
    assert recorder.holding.wait(10)

    def behind() -> None:
        while [p.args[0] for p in commit._queue] != ["interrupted"]:
            time.sleep(0.001)
        outcomes["behind"] = commit.submit("behind")

    def interrupt(signum, frame):
        raise Interrupted

    later = threading.Thread(target=behind, daemon=True)
    later.start()
    release = threading.Timer(0.3, recorder.release.set)
    previous = signal.signal(signal.SIGUSR1, interrupt)
    try:
        release.start()
        with pytest.raises(Interrupted):
            commit.submit("interrupted")
            time.sleep(1)  # if its group ran, the signal lands here instead
    finally:
        signal.signal(signal.SIGUSR1, previous)
    _the_others_went_on(commit, recorder, outcomes, leader, later)


def test_followers_of_an_interrupted_leader_hear_that_the_outcome_is_unknown():
    """An interruption that is not an error (KeyboardInterrupt, a killed green thread) reaches
    the leader's caller; the appends in its group fail with GroupInterrupted, retried safely
    by their command ids."""
    started, go = threading.Event(), threading.Event()

    def run_group(group: list[Pending]) -> None:
        if group[0].args[0] == "first":
            started.set()
            go.wait(10)
            return
        raise KeyboardInterrupt

    commit = GroupCommit(run_group)
    outcomes: dict[str, object] = {}
    first = threading.Thread(target=lambda: commit.submit("first"), daemon=True)
    first.start()
    assert started.wait(10)

    def follower() -> None:
        try:
            commit.submit("follower")
        except BaseException as exc:
            outcomes["follower"] = exc

    def leader() -> None:
        try:
            commit.submit("leader")
        except BaseException as exc:
            outcomes["leader"] = exc

    lead = threading.Thread(target=leader, daemon=True)
    lead.start()
    while [p.args[0] for p in commit._queue] != ["leader"]:
        time.sleep(0.001)
    follow = threading.Thread(target=follower, daemon=True)
    follow.start()
    while [p.args[0] for p in commit._queue] != ["leader", "follower"]:
        time.sleep(0.001)
    go.set()
    for t in (first, lead, follow):
        t.join(timeout=10)
    assert isinstance(outcomes["leader"], KeyboardInterrupt)
    assert isinstance(outcomes["follower"], GroupInterrupted)
