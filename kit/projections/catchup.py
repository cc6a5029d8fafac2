"""Read models caught up on their own thread, off the command path, with read-your-writes.

A command returns once its events are durable; the catch-up thread applies them (a burst of
commands becomes one read-model transaction). Reads in the same process first wait until every
append requested before them has been applied, so a caller still sees its own writes.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

log = logging.getLogger(__name__)
# set while a read runs whose caller saw every announced write applied just before it
_SETTLED: ContextVar[bool] = ContextVar("partyorg_reads_settled", default=False)


@contextmanager
def settled_reads() -> Iterator[None]:
    """Reads in this context skip ReadYourWrites' waits. For a caller that has just seen
    no catch-up behind (so every write made before its request is applied) and must not block
    (an event loop): a write announced since is concurrent with the request, not before it."""
    token = _SETTLED.set(True)
    try:
        yield
    finally:
        _SETTLED.reset(token)


class CatchUpTimeout(TimeoutError):
    """The read models did not reach the writes made before this read in time."""


class CatchUpThread:
    """Runs `catch_up()` (e.g. `ProjectionRunner.catch_up`) whenever a write is announced.

    Generations, not positions: a runner may follow several logs, and one full catch-up that
    starts after an announcement applies everything committed before it, whatever the log."""

    def __init__(self, catch_up: Callable[[], Any], name: str = "catch-up",
                 retry_delay: float = 0.2, timeout: float = 30.0, linger: float = 0.0) -> None:
        """`timeout`: how long a wait (and stop) lasts unless told otherwise. `linger`: how
        long the thread lets announcements gather before it catches up while no read waits
        (a read that waits starts it at once): each catch-up has a fixed cost (a transaction,
        every projection's checkpoint), and one after every command at one client doubled
        what a command cost."""
        self._catch_up = catch_up
        self.timeout = timeout
        self._retry_delay = retry_delay
        self._linger = linger
        lock = threading.Lock()
        self._cond = threading.Condition(lock)  # the read models moved (waits sleep on it)
        self._work = threading.Condition(lock)  # an announcement, a waiting read, or stop
        self._requested = 0  # announcements so far
        self._done = 0  # every announcement up to this one is applied
        self._waiting = 0  # reads blocked in wait()
        self._stopping = False
        self._exited = False
        self.last_error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def request(self, *_: Any) -> int:
        """Announce a committed write; returns its generation (cheap: never blocks on work)."""
        with self._cond:
            if self._done == self._requested:  # the thread sleeps until one: wake it (one that
                self._work.notify()  # lingers or catches up is not woken by each)
            self._requested += 1
            return self._requested

    @property
    def applied(self) -> int:
        """The generation the read models last caught up to: it moves whenever they may have."""
        return self._done

    @property
    def behind(self) -> bool:
        """A write was announced that the read models have not applied yet."""
        return self._done < self._requested

    def wait(self, generation: int | None = None, timeout: float | None = None) -> None:
        """Block until the given generation (by default every one announced so far) is applied."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        with self._cond:
            target = self._requested if generation is None else generation
            if self._done >= target:
                return
            self._waiting += 1
            self._work.notify()  # no lingering while a read waits
            try:
                while self._done < target:
                    left = deadline - time.monotonic()
                    if left <= 0 or self._exited:
                        raise CatchUpTimeout(
                            f"read models not caught up within {timeout} s"
                            + (f" (last error: {self.last_error!r})" if self.last_error
                               else ""))
                    self._cond.wait(left)
            finally:
                self._waiting -= 1

    def stop(self, timeout: float | None = None) -> None:
        """Apply what was announced, then end the thread."""
        timeout = self.timeout if timeout is None else timeout
        with self._cond:
            self._stopping = True
            self._work.notify()
        self._thread.join(timeout)

    def _run(self) -> None:
        try:
            self._loop()
        finally:
            with self._cond:
                self._exited = True
                self._cond.notify_all()

    def _loop(self) -> None:
        while True:
            with self._cond:
                while self._done == self._requested and not self._stopping:
                    self._work.wait()
                if self._done == self._requested:
                    return  # stopping, nothing owed
                self._gather()
                target = self._requested
            try:
                self._catch_up()
            except Exception as exc:  # keep the thread alive: a later attempt may succeed
                log.exception("catch-up failed; retrying")
                with self._cond:
                    self.last_error = exc
                    if self._stopping:
                        return
                time.sleep(self._retry_delay)
                continue
            with self._cond:
                self._done = target
                self.last_error = None
                self._cond.notify_all()

    def _gather(self) -> None:
        """Let announcements gather for up to `linger` (the lock held: it waits on it) while
        no read waits and the thread is not stopping."""
        if self._linger <= 0:
            return
        deadline = time.monotonic() + self._linger
        while not self._waiting and not self._stopping:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._work.wait(left)


class ReadYourWrites:
    """Wraps a query object: every method first waits for the catch-ups named (in order)."""

    def __init__(self, target: Any, *waits: Callable[[], None]) -> None:
        self._target = target
        self._waits = waits

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not callable(value) or name.startswith("_"):
            return value

        @functools.wraps(value)
        def consistent(*args: Any, **kwargs: Any) -> Any:
            if not _SETTLED.get():
                for wait in self._waits:
                    wait()
            return value(*args, **kwargs)

        self.__dict__[name] = consistent  # built once per method name
        return consistent
