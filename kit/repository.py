"""Load aggregates from a stream and save what they recorded, through the store port."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from kit.aggregate import Aggregate
from kit.clock import Clock
from kit.codec import EventCodec
from kit.envelope import CommandContext, NewEvent
from kit.store import AppendResult, EventStore, StreamAppend

A = TypeVar("A", bound=Aggregate)
REMEMBERED_STREAMS = 4096


@dataclass(frozen=True)
class _Decoded:
    """A stream's events up to `version`, decoded; `last_event_id` is the id of the event at
    `version`, to check the store still holds what was remembered."""

    version: int
    last_event_id: str
    events: tuple[Any, ...]


class Repository:
    """Loads replay a stream's events; the decoded events of recently used streams are kept, so
    a load reads the stream from the last one remembered and decodes only what is newer. The
    store stays the truth: when its event at that version is not the one remembered (a batch
    rolled back, say), the whole stream is read again. Events are immutable values."""

    def __init__(self, store: EventStore, codec: EventCodec, clock: Clock,
                 remembered_streams: int = REMEMBERED_STREAMS) -> None:
        self.store = store
        self.codec = codec
        self.clock = clock
        self._decoded: OrderedDict[str, _Decoded] = OrderedDict()
        self._remembered = remembered_streams
        self._lock = threading.Lock()
        # events carrying a person's data (kit/personal.py) are never kept between loads: once
        # that person's key is shredded, the next load must read them erased
        self._personal = frozenset(w.cls for w in codec.types() if w.personal is not None)

    def load(self, cls: type[A], id: str) -> A:
        aggregate = cls(id)
        stream_id = cls.stream_id_for(id)
        with self._lock:
            known = self._decoded.get(stream_id)
        if known is not None:
            envelopes = self.store.read_stream(stream_id, from_version=known.version)
            if envelopes and envelopes[0].event_id == known.last_event_id:
                events = known.events + self._decode(envelopes[1:])
                self._remember_read(stream_id, known, envelopes, events)
                aggregate.replay(list(events), envelopes[-1].stream_version)
                return aggregate
        envelopes = self.store.read_stream(stream_id)
        events = self._decode(envelopes)
        self._remember_read(stream_id, None, envelopes, events)
        aggregate.replay(list(events), envelopes[-1].stream_version if envelopes else 0)
        return aggregate

    def _decode(self, envelopes: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(self.codec.decode(e.type, e.schema_version, e.data) for e in envelopes)

    def _remember_read(self, stream_id: str, known: _Decoded | None, envelopes: Sequence[Any],
                       events: tuple[Any, ...]) -> None:
        if envelopes and (known is None or len(envelopes) > 1):
            last = envelopes[-1]
            self._remember(stream_id, _Decoded(last.stream_version, last.event_id, events))

    def _remember(self, stream_id: str, decoded: _Decoded) -> None:
        if self._personal and any(type(e) in self._personal for e in decoded.events):
            return
        with self._lock:
            self._decoded[stream_id] = decoded
            self._decoded.move_to_end(stream_id)
            while len(self._decoded) > self._remembered:
                self._decoded.popitem(last=False)

    def save(
        self,
        aggregates: Iterable[Aggregate],
        context: CommandContext,
        payload_hash: str = "",
        unchanged: Sequence[Aggregate] = (),
    ) -> AppendResult:
        """Append every aggregate's pending events in one transaction.

        `unchanged` aggregates were read to make the decision; the append fails with a
        ConcurrencyConflict if any of them moved meanwhile.
        """
        now = self.clock.now()
        aggregates = list(aggregates)
        appends = []
        for agg in aggregates:
            events = []
            for event in agg.pending:
                name, version, data = self.codec.encode(event)
                events.append(NewEvent(name, version, data, occurred_at=now))
            appends.append(StreamAppend(agg.stream_id, agg.version, events))
        appends += [StreamAppend(a.stream_id, a.version, []) for a in unchanged]
        result = self.store.append(appends, context, payload_hash)
        for agg, append in zip(aggregates, appends, strict=False):
            new_version = result.stream_versions.get(agg.stream_id, agg.version)
            if not result.duplicate and append.events:
                self._remember_saved(agg, append, new_version)
            agg.version = new_version
            agg.pending.clear()
        return result

    def _remember_saved(self, agg: Aggregate, append: StreamAppend, new_version: int) -> None:
        """What was just appended extends what was remembered of the stream (or starts it)."""
        with self._lock:
            known = self._decoded.get(agg.stream_id)
        if agg.version == 0:
            before: tuple[Any, ...] = ()
        elif known is not None and known.version == agg.version:
            before = known.events
        else:
            return
        if new_version == agg.version + len(agg.pending):
            self._remember(agg.stream_id, _Decoded(new_version, append.events[-1].event_id,
                                                   before + tuple(agg.pending)))
