"""Group commit for concurrent appenders (leader/follower).

The first appender that finds no transaction in flight becomes the leader: it takes every append
waiting at that moment, runs each in its own savepoint inside ONE transaction, commits once (one
fsync), then wakes each follower with its own result or error. Appends that arrive while a
group commits wait for the next group. So:

- an append returns only after the transaction holding it committed (durable);
- a conflict or duplicate in one append rolls back only its savepoint: the others commit;
- a failed commit fails every append of that group, and none of them is stored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class Pending:
    __slots__ = ("args", "result", "error", "done")

    def __init__(self, args: tuple[Any, ...]) -> None:
        self.args = args
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False

    def outcome(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.result


class GroupCommit:
    def __init__(self, run_group: Callable[[list[Pending]], None], max_group: int = 256) -> None:
        """`run_group` sets each Pending's result or error and commits once."""
        self._run_group = run_group
        self._max_group = max_group
        self._cond = threading.Condition(threading.Lock())
        self._queue: list[Pending] = []
        self._leading = False

    def submit(self, *args: Any) -> Any:
        mine = Pending(args)
        with self._cond:
            self._queue.append(mine)
        while True:
            with self._cond:
                while self._leading and not mine.done:
                    self._cond.wait()
                if mine.done:
                    return mine.outcome()
                self._leading = True
                group = self._queue[: self._max_group]
                del self._queue[: self._max_group]
            try:
                self._run_group(group)
            except BaseException as exc:  # the commit itself failed: nothing of it is stored
                for p in group:
                    p.result, p.error = None, exc
            finally:
                with self._cond:
                    for p in group:
                        p.done = True
                    self._leading = False
                    self._cond.notify_all()
