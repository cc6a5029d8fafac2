"""Group commit for concurrent appenders (leader/follower).

The first appender that finds no transaction in flight becomes the leader: it takes every append
waiting at that moment, runs each in its own savepoint inside ONE transaction, commits once (one
fsync), then wakes each follower with its own result or error and hands the lead to the oldest
append still waiting. Appends that arrive while a group commits wait for the next group; a leader
whose group before was shared by k appends first waits (under a millisecond) for k to queue. So:

- an append returns only after the transaction holding it committed (durable);
- a conflict or duplicate in one append rolls back only its savepoint: the others commit;
- a failed commit fails every append of that group, and none of them is stored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class GroupInterrupted(RuntimeError):
    """What an append waiting in a group hears when the thread committing that group was
    interrupted (a signal, a killed green thread): whether the group committed is not known, so
    a caller retries with the same command id, which a committed append answers as a duplicate."""


class Pending:
    __slots__ = ("args", "result", "error", "done", "handed", "_wake")

    def __init__(self, args: tuple[Any, ...]) -> None:
        self.args = args
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False
        self.handed = False  # it leads: set, under the mutex, before `_wake` is let go
        self._wake = threading.Lock()  # held until this append is decided or must lead
        self._wake.acquire()

    def outcome(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.result


class GroupCommit:
    """Each waiting appender sleeps on a lock of its own: a finished group wakes just its own
    appenders and hands the lead to the oldest one still waiting. (One condition variable
    woke every waiter after each group, and on 2 cores the appenders' threads spent more time
    handing the interpreter lock around than the group spent writing.)"""

    def __init__(self, run_group: Callable[[list[Pending]], None], max_group: int = 256,
                 gather_s: float = 0.0005) -> None:
        """`run_group` sets each Pending's result or error and commits once. `gather_s`: how
        long a leader waits for the appenders of the group before to come back (see _gather)."""
        self._run_group = run_group
        self._max_group = max_group
        self._gather_s = gather_s
        self._mutex = threading.Lock()
        self._queue: list[Pending] = []
        self._leading = False
        self._last_group = 0
        self._gate: threading.Lock | None = None  # held while a leader gathers

    def submit(self, *args: Any) -> Any:
        mine = Pending(args)
        with self._mutex:
            self._queue.append(mine)
            mine.handed = not self._leading
            self._leading = True
            if self._gate is not None and len(self._queue) >= self._last_group:
                self._gate.release()  # the leader gathering has them all
                self._gate = None
        group: list[Pending] = []
        interrupted: BaseException | None = None
        try:
            if not mine.handed:
                mine._wake.acquire()  # decided by another's group, or handed the lead
            if not mine.done:  # the oldest waiting append is this one: the group includes it
                self._gather()
                with self._mutex:
                    group = self._queue[: self._max_group]
                    del self._queue[: self._max_group]
                    self._last_group = len(group)
        except BaseException as exc:  # interrupted (a signal, a killed green thread)
            if not group:  # not leading yet: leave, passing on the lead if it was handed
                self._abandon(mine)
                raise
            interrupted = exc  # the group is taken: it runs, then this goes on
        if mine.done:
            return mine.outcome()
        try:
            self._run_group(group)
        except BaseException as exc:  # the commit itself failed: nothing of it is stored
            others = exc if isinstance(exc, Exception) else GroupInterrupted(
                f"the thread committing this append's group was interrupted: {exc!r}")
            for p in group:
                p.result, p.error = None, (exc if p is mine else others)
        finally:
            for p in group:
                p.done = True
                if p is not mine:
                    p._wake.release()
            with self._mutex:
                self._pass_lead()
        if interrupted is not None:
            raise interrupted
        return mine.outcome()

    def _gather(self) -> None:
        """When the group before was shared, wait (at most `gather_s`) until as many appends are
        queued. Its appenders were all woken at once, and the first back otherwise led a group
        of its own: 8 threads appending went 8, 1, 7, 1, ... a commit each, and a commit (its
        fsync) costs the same for one append as for eight."""
        with self._mutex:
            if len(self._queue) >= self._last_group:  # a lone appender: at once
                return
            gate = self._gate = threading.Lock()
            gate.acquire()
        try:
            gate.acquire(timeout=self._gather_s)  # let go by the append that completes it
        finally:
            with self._mutex:
                self._gate = None

    def _pass_lead(self) -> None:
        """To the oldest append waiting, or to none; called holding the mutex."""
        if self._queue:
            self._queue[0].handed = True
            self._queue[0]._wake.release()  # it leads the next group
        else:
            self._leading = False

    def _abandon(self, mine: Pending) -> None:
        """An appender gave up waiting. Still queued: it leaves the queue, and if it had just
        been handed the lead it passes it on (else nobody would lead again). Already in a group:
        that group decides it as any other (the caller no longer hears which way)."""
        with self._mutex:
            if mine in self._queue:
                self._queue.remove(mine)
                if mine.handed:  # handed the lead (its lock let go, or about to be consumed)
                    self._pass_lead()
