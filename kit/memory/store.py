"""Event store in memory: the port's behaviour without I/O, for tests that must run in seconds.

It behaves as the SQLite and PostgreSQL adapters do (kit/testing/store_contract.py): one writer
at a time, so positions are assigned in commit order with no gaps, and event data goes through
JSON as it does through a database column (a caller never shares a dict with the store). Inside
`batch()` the appends are seen only by the batch's own thread until it ends, and are all taken
back if it fails. Stores opened on one MemoryLog share its events, as stores opened on one
database file do; closing a store leaves the log as it was.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from kit.clock import Clock, SystemClock
from kit.envelope import CommandContext, Envelope
from kit.errors import CommandIdReused, ConcurrencyConflict
from kit.json_text import dumps, loads
from kit.store import AppendResult, StreamAppend


@dataclass(frozen=True)
class _Stored:
    """One event as stored: its envelope's fields, data as JSON text."""

    event_id: str
    type: str
    schema_version: int
    stream_id: str
    stream_version: int
    global_position: int
    occurred_at: datetime
    recorded_at: datetime
    context: CommandContext
    data: str

    def envelope(self) -> Envelope:
        c = self.context
        return Envelope(self.event_id, self.type, self.schema_version, self.stream_id,
                        self.stream_version, self.global_position, self.occurred_at,
                        self.recorded_at, c.province, c.actor, c.correlation_id, c.causation_id,
                        c.command_id, loads(self.data))


def _copy(seen: AppendResult) -> AppendResult:
    """A command's first result as a retry gets it back (its own dict: results are shared)."""
    return AppendResult(seen.command_id, seen.positions, dict(seen.stream_versions),
                        duplicate=True, payload_hash=seen.payload_hash)


class MemoryLog:
    """The events, streams and commands that stores opened on it share."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # every read and write of the fields below holds it
        self.writer = threading.RLock()  # one writer at a time; a batch holds it to its end
        self.events: list[_Stored] = []  # events[i] is at global position i + 1
        self.streams: dict[str, list[int]] = {}  # stream id -> its events' positions, in order
        self.commands: dict[str, AppendResult] = {}  # as a retry gets them back
        self.event_ids: set[str] = set()
        self.committed = 0  # the head every thread sees
        self.batch_owner: int | None = None  # the thread that also sees past `committed`
        self.batch_depth = 0


class InMemoryEventStore:
    def __init__(self, clock: Clock | None = None, log: MemoryLog | None = None) -> None:
        self.log = log if log is not None else MemoryLog()
        self._clock = clock or SystemClock()
        self._closed = False

    def _open(self) -> MemoryLog:
        if self._closed:
            raise RuntimeError("the event store is closed")
        return self.log

    def _visible_head(self) -> int:
        """Call with the log's lock held."""
        log = self.log
        return len(log.events) if log.batch_owner == threading.get_ident() else log.committed

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Appends inside share one commit; each still succeeds or fails on its own."""
        log = self._open()
        with log.writer:
            with log.lock:
                outer = log.batch_depth == 0
                if outer:
                    log.batch_owner = threading.get_ident()
                    start = len(log.events)
                log.batch_depth += 1
            try:
                yield
            except BaseException:
                with log.lock:
                    log.batch_depth -= 1
                    if outer:
                        self._roll_back_to(start)
                        log.batch_owner = None
                raise
            with log.lock:
                log.batch_depth -= 1
                if outer:
                    log.committed = len(log.events)
                    log.batch_owner = None

    def _roll_back_to(self, head: int) -> None:
        log = self.log
        for stored in reversed(log.events[head:]):
            positions = log.streams[stored.stream_id]
            positions.pop()
            if not positions:
                del log.streams[stored.stream_id]
            log.commands.pop(stored.context.command_id, None)
            log.event_ids.discard(stored.event_id)
        del log.events[head:]

    def append(
        self, appends: Sequence[StreamAppend], context: CommandContext, payload_hash: str = ""
    ) -> AppendResult:
        log = self._open()
        with log.writer, log.lock:
            result = self._append_locked(appends, context, payload_hash)
            if log.batch_depth == 0:
                log.committed = len(log.events)
            return result

    def _append_locked(self, appends: Sequence[StreamAppend], context: CommandContext,
                       payload_hash: str) -> AppendResult:
        log = self.log
        seen = log.commands.get(context.command_id)
        if seen is not None:
            if seen.payload_hash != payload_hash:
                raise CommandIdReused(context.command_id)
            return _copy(seen)
        # decide everything before writing anything: the append is all or nothing
        versions: dict[str, int] = {}
        for item in appends:
            actual = versions.get(item.stream_id, len(log.streams.get(item.stream_id, ())))
            if actual != item.expected_version:
                raise ConcurrencyConflict(item.stream_id, item.expected_version, actual)
            versions[item.stream_id] = actual + len(item.events)
        rows = [(item.stream_id, item.expected_version + i, event)
                for item in appends for i, event in enumerate(item.events, start=1)]
        ids = [event.event_id for _, _, event in rows]
        if len(set(ids)) != len(ids) or log.event_ids.intersection(ids):
            raise ValueError("an event id is already stored")  # a database's unique key
        data = [dumps(event.data) for _, _, event in rows]  # may raise: still nothing written
        recorded_at = self._clock.now()
        positions: list[int] = []
        for (stream_id, version, event), text in zip(rows, data, strict=True):
            position = len(log.events) + 1
            log.events.append(_Stored(event.event_id, event.type, event.schema_version,
                                      stream_id, version, position, event.occurred_at,
                                      recorded_at, context, text))
            log.streams.setdefault(stream_id, []).append(position)
            log.event_ids.add(event.event_id)
            positions.append(position)
        result = AppendResult(context.command_id, tuple(positions), versions,
                              payload_hash=payload_hash)
        if positions:
            log.commands[context.command_id] = _copy(result)
        return result

    # -- reading ---------------------------------------------------------------------------

    def find_command(self, command_id: str) -> AppendResult | None:
        log = self._open()
        with log.lock:
            seen = log.commands.get(command_id)
            if seen is None or seen.positions[-1] > self._visible_head():
                return None
        return _copy(seen)

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[Envelope]:
        log = self._open()
        with log.lock:
            positions = log.streams.get(stream_id, [])
            visible = positions[max(from_version, 1) - 1:
                                bisect_right(positions, self._visible_head())]
            stored = [log.events[p - 1] for p in visible]
        return [s.envelope() for s in stored]

    def stream_version(self, stream_id: str) -> int:
        log = self._open()
        with log.lock:
            return bisect_right(log.streams.get(stream_id, []), self._visible_head())

    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[Envelope]:
        log = self._open()
        with log.lock:
            start = max(after_position, 0)
            stored = log.events[start:min(start + max(limit, 0), self._visible_head())]
        return [s.envelope() for s in stored]

    def head_position(self) -> int:
        log = self._open()
        with log.lock:
            return self._visible_head()

    def close(self) -> None:
        self._closed = True
