"""Read models announce what they applied (PostgreSQL LISTEN/NOTIFY), so a reader waiting for its
own write wakes when the projection worker commits instead of polling the checkpoints.

The worker NOTIFYs "<position> <source>" on its read schema's channel with each batch, inside its
transaction, so PostgreSQL delivers it when (and only if) the batch commits: every projection
following that source is then at or past that position. A notification is a hint that arrives
early, never the only way to learn it: waiters still poll, slowly.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from kit.postgres.notify import channel

log = logging.getLogger(__name__)


def applied_channel(schema: str) -> str:
    """The channel a read schema's applied positions are announced on."""
    return channel(schema, "applied")


class Announcer:
    """The worker's side: `within(conn, source, position)` inside the batch's transaction (a
    ProjectionRunner's `before_commit`: no round trip of its own), or `announce(source,
    position)` after it committed."""

    def __init__(self, db: Any, schema: str) -> None:
        self.db = db  # a PgReadModelDb: the worker's own connections, no new one
        self.channel = applied_channel(schema)

    def within(self, conn: Any, source: str, position: int) -> None:
        conn.execute("SELECT pg_notify(%s, %s)", (self.channel, f"{position} {source}"))

    def __call__(self, source: str, position: int) -> None:
        self.db.query("SELECT pg_notify(%s, %s)", (self.channel, f"{position} {source}"))


class AppliedListener:
    """The reader's side: one connection LISTENing on a read schema's channel, on a thread of its
    own (a green thread where eventlet patched threading), reconnecting after a failure."""

    def __init__(self, dsn: str, schema: str, *, retry_seconds: float = 1.0) -> None:
        self.dsn = dsn
        self.channel = applied_channel(schema)
        self.retry_seconds = retry_seconds
        self._applied: dict[str, int] = {}
        self._changed = threading.Condition()
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"listen-{self.channel}",
                                        daemon=True)
        self._thread.start()

    def applied(self, source: str) -> int:
        """The highest position announced for `source` since listening (0 before any)."""
        return self._applied.get(source, 0)

    def wait(self, source: str, position: int, timeout: float) -> bool:
        """Until `position` of `source` is announced, at most `timeout` s; True if it was."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._applied.get(source, 0) < position:
                left = deadline - time.monotonic()
                if left <= 0 or self._closed.is_set():
                    return False
                self._changed.wait(left)
            return True

    def _run(self) -> None:
        import psycopg
        from psycopg import sql

        while not self._closed.is_set():
            try:
                with psycopg.connect(self.dsn, autocommit=True) as conn:
                    conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
                    while not self._closed.is_set():
                        for note in conn.notifies(timeout=1.0):
                            self._heard(note.payload)
            except Exception as exc:  # the database restarting: waiters poll meanwhile
                if self._closed.is_set():
                    return
                log.warning("listening for applied positions failed; retrying",
                            extra={"error": str(exc), "channel": self.channel})
                self._closed.wait(self.retry_seconds)

    def _heard(self, payload: str) -> None:
        position, _, source = payload.partition(" ")
        try:
            at = int(position)
        except ValueError:
            return
        with self._changed:
            if at > self._applied.get(source, 0):
                self._applied[source] = at
                self._changed.notify_all()

    def close(self) -> None:
        self._closed.set()
        with self._changed:
            self._changed.notify_all()


class SharedReads:
    """The checkpoints read once for every waiter of a process: a read that found position P
    answers each waiter for P or below, and a waiter arriving while a read is under way waits
    for it, reading again only if it fell short. Without it, the N replies one announcement
    wakes queue N identical queries on the service's one read-model connection.

    What a read found stays true for the positions it covers (their events were applied when
    it ran), so it is kept; positions above it are read again. Waiters for a read are woken
    together when it ends, not handed a lock one after the other."""

    def __init__(self, read: Callable[[], int]) -> None:
        self._read = read
        self._changed = threading.Condition()  # green under eventlet
        self._reading = False  # a read is under way
        self.known = 0  # the highest position the checkpoints were read at

    def at_least(self, position: int) -> int:
        """The position applied: what an earlier read found if that covers `position`, else a
        fresh read (or the one under way, if it covers it)."""
        if self.known >= position:
            return self.known
        with self._changed:
            while self._reading:
                self._changed.wait()
            if self.known >= position:
                return self.known
            self._reading = True
        found = 0
        try:
            found = self._read()
        finally:
            with self._changed:
                self._reading = False
                self.known = max(self.known, found)
                self._changed.notify_all()
        return self.known


def wait_applied(read: Callable[[], int], position: int, timeout: float,
                 listener: AppliedListener | None, source: str,
                 sleep: Callable[[float], None] = time.sleep, poll_seconds: float = 0.05) -> bool:
    """Until `read()` (the checkpoints, the truth) reaches `position`; at most `timeout` s.
    With a listener it reads when the position is announced, or after `poll_seconds` without
    news in case a notification was lost; without one (or when the checkpoints lag what was
    announced, e.g. during a rebuild) it polls with a short backoff."""
    deadline = time.monotonic() + timeout
    pause = 0.002
    heard = listener is None or listener.applied(source) >= position
    while True:
        if heard and read() >= position:
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        if listener is not None and listener.applied(source) < position:
            listener.wait(source, position, min(left, poll_seconds))
        else:
            sleep(min(pause, left))
            pause = min(pause * 2, 0.05)
        heard = True  # announced, or no news for a while: the checkpoints decide
