"""Given / when / then for a service's command handlers: the events that happened before, one
command, and what it appended or the typed refusal it met (having appended nothing).

Run it on kit.memory.store.InMemoryEventStore and a fixed clock, and a handler test takes
milliseconds: no files, no servers, no read models (fakes stand in for what handlers read).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import pytest

from kit.clock import Clock
from kit.codec import EventCodec
from kit.envelope import SYSTEM_ACTOR, Actor, CommandContext, NewEvent
from kit.errors import DomainError
from kit.store import EventStore, StreamAppend

T = TypeVar("T")
E = TypeVar("E", bound=DomainError)


class Executes(Protocol):
    def execute(self, command: Any, context: CommandContext,
                acting_for: str | None = None) -> Any: ...


@dataclass(frozen=True)
class Appended:
    """What one command appended: the service's result and the new events, decoded, in order."""

    result: Any
    events: list[Any]
    streams: list[str]  # the stream of each event

    @property
    def types(self) -> list[type]:
        return [type(e) for e in self.events]

    def one(self, cls: type[T]) -> T:
        """The only event of this type the command appended."""
        found = [e for e in self.events if isinstance(e, cls)]
        assert len(found) == 1, \
            f"expected one {cls.__name__}, got {[t.__name__ for t in self.types]}"
        return found[0]


class Scenario:
    def __init__(self, service: Executes, store: EventStore, codec: EventCodec, clock: Clock,
                 province: str = "NB", actor: Actor = SYSTEM_ACTOR) -> None:
        self.service = service
        self.store = store
        self.codec = codec
        self.clock = clock
        self.province = province
        self.actor = actor

    def _context(self, command_id: str | None = None) -> CommandContext:
        return CommandContext(command_id or str(uuid.uuid4()), self.province, self.actor)

    def given(self, stream_id: str, *events: object) -> None:
        """Events that happened before, appended to the stream as they are (no handler decides
        them, so they are facts even where today's rules would refuse them)."""
        new = [NewEvent(*self.codec.encode(e), occurred_at=self.clock.now()) for e in events]
        version = self.store.stream_version(stream_id)
        self.store.append([StreamAppend(stream_id, version, new)], self._context())

    def when(self, command: object, *, acting_for: str | None = None,
             command_id: str | None = None) -> Appended:
        """Run the command; what it appended."""
        head = self.store.head_position()
        result = self.service.execute(command, self._context(command_id), acting_for)
        appended = self.store.read_all(head, limit=1_000_000)
        return Appended(result, [self.codec.decode(e.type, e.schema_version, e.data)
                                 for e in appended], [e.stream_id for e in appended])

    def refused(self, command: object, error: type[E], *,
                acting_for: str | None = None) -> E:
        """Run a command that must be refused with `error`; asserts nothing was appended."""
        head = self.store.head_position()
        with pytest.raises(error) as caught:
            self.service.execute(command, self._context(), acting_for)
        assert self.store.head_position() == head, "a refused command appended events"
        return caught.value
