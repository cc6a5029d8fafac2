"""Load aggregates from a stream and save what they recorded, through the store port."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from .aggregate import Aggregate
from .clock import Clock
from .codec import EventCodec
from .envelope import CommandContext, NewEvent
from .store import AppendResult, EventStore, StreamAppend

A = TypeVar("A", bound=Aggregate)


class Repository:
    def __init__(self, store: EventStore, codec: EventCodec, clock: Clock) -> None:
        self.store = store
        self.codec = codec
        self.clock = clock

    def load(self, cls: type[A], id: str) -> A:
        aggregate = cls(id)
        envelopes = self.store.read_stream(cls.stream_id_for(id))
        events = [self.codec.decode(e.type, e.schema_version, e.data) for e in envelopes]
        aggregate.replay(events, envelopes[-1].stream_version if envelopes else 0)
        return aggregate

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
        appends = []
        for agg in aggregates:
            events = []
            for event in agg.pending:
                name, version, data = self.codec.encode(event)
                events.append(NewEvent(name, version, data, occurred_at=now))
            appends.append(StreamAppend(agg.stream_id, agg.version, events))
        appends += [StreamAppend(a.stream_id, a.version, []) for a in unchanged]
        result = self.store.append(appends, context, payload_hash)
        for agg in aggregates:
            agg.version = result.stream_versions.get(agg.stream_id, agg.version)
            agg.pending.clear()
        return result
