"""The event envelope: the contract every stored and published event carries (ARCHITECTURE.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from kit.ids import new_event_id
from kit.json_text import dumps_bytes


@dataclass(frozen=True)
class Actor:
    user_id: str
    role: str


SYSTEM_ACTOR = Actor(user_id="system", role="system")


@dataclass(frozen=True)
class CommandContext:
    """Who asked, on whose behalf, and as part of what: copied onto every event a command appends."""

    command_id: str
    province: str
    actor: Actor = SYSTEM_ACTOR
    correlation_id: str = ""
    causation_id: str = ""
    # the organ (e.g. standing_committee) of the organisation the caller acts for, from its
    # token: a service that knows deciding bodies checks a decision's body against it
    acting_organ: str = ""

    def __post_init__(self) -> None:
        if not self.correlation_id:
            object.__setattr__(self, "correlation_id", self.command_id)
        if not self.causation_id:
            object.__setattr__(self, "causation_id", self.command_id)


@dataclass(frozen=True)
class NewEvent:
    """An event on its way into the store: the store assigns version, position and recorded_at."""

    type: str
    schema_version: int
    data: dict[str, Any]
    occurred_at: datetime
    event_id: str = field(default_factory=new_event_id)  # time-ordered: see ids.py


@dataclass(frozen=True, slots=True)
class Envelope:
    event_id: str
    type: str
    schema_version: int
    stream_id: str
    stream_version: int
    global_position: int
    occurred_at: datetime
    recorded_at: datetime
    province: str
    actor: Actor
    correlation_id: str
    causation_id: str
    command_id: str
    data: dict[str, Any]

    def to_wire(self) -> dict[str, Any]:
        """The JSON form integrators read (contracts/envelope.schema.json)."""
        out = asdict(self)
        out["occurred_at"] = self.occurred_at.isoformat()
        out["recorded_at"] = self.recorded_at.isoformat()
        return out

    def to_json(self) -> bytes:
        """The bytes of to_wire()'s document. orjson writes a dataclass from its fields (in
        declaration order: `envelope()` keeps it) and a datetime as isoformat() does, in C: the
        relay serialises every event (the bench's envelopes: ~12 -> ~9 us each)."""
        try:
            return dumps_bytes(self)
        except TypeError:  # what orjson refuses in the data (an integer past 64 bits...)
            return dumps_bytes(self.to_wire())

    @classmethod
    def from_wire(cls, raw: dict[str, Any]) -> Envelope:
        actor = raw["actor"]
        return envelope(
            int(raw["global_position"]), raw["event_id"], raw["stream_id"],
            int(raw["stream_version"]), raw["type"], int(raw["schema_version"]),
            datetime.fromisoformat(raw["occurred_at"]), datetime.fromisoformat(raw["recorded_at"]),
            raw["province"], actor_of(actor["user_id"], actor["role"]), raw["correlation_id"],
            raw["causation_id"], raw["command_id"], raw["data"])


_new = object.__new__


def envelope(global_position: int, event_id: str, stream_id: str, stream_version: int,
             type: str, schema_version: int, occurred_at: datetime, recorded_at: datetime,
             province: str, actor: Actor, correlation_id: str, causation_id: str,
             command_id: str, data: dict[str, Any]) -> Envelope:
    """An Envelope from its fields in the stores' column order, for readers of the log.

    The same object `Envelope(...)` makes, its slots filled through their descriptors instead of
    the frozen dataclass's fourteen `object.__setattr__` calls: reading the log builds one per
    event, and they were a third of it. Slots, not a `__dict__`: a third of the memory and one
    object less for the garbage collector to walk per event read.
    """
    made = _new(Envelope)
    _set_event_id(made, event_id)
    _set_type(made, type)
    _set_schema_version(made, schema_version)
    _set_stream_id(made, stream_id)
    _set_stream_version(made, stream_version)
    _set_global_position(made, global_position)
    _set_occurred_at(made, occurred_at)
    _set_recorded_at(made, recorded_at)
    _set_province(made, province)
    _set_actor(made, actor)
    _set_correlation_id(made, correlation_id)
    _set_causation_id(made, causation_id)
    _set_command_id(made, command_id)
    _set_data(made, data)
    return made


(_set_event_id, _set_type, _set_schema_version, _set_stream_id, _set_stream_version,
 _set_global_position, _set_occurred_at, _set_recorded_at, _set_province, _set_actor,
 _set_correlation_id, _set_causation_id, _set_command_id, _set_data) = (
    Envelope.__dict__[name].__set__ for name in Envelope.__slots__)
assert Envelope.__slots__ == (
    "event_id", "type", "schema_version", "stream_id", "stream_version", "global_position",
    "occurred_at", "recorded_at", "province", "actor", "correlation_id", "causation_id",
    "command_id", "data")  # the order the setters above are unpacked in


_ACTORS: dict[tuple[str, str], Actor] = {}
_MAX_ACTORS = 4096  # a province has a few hundred users who write; past this, no more are kept


def actor_of(user_id: str, role: str) -> Actor:
    """The Actor for (user_id, role), shared between the events it wrote (an Actor is frozen)."""
    key = (user_id, role)
    found = _ACTORS.get(key)
    if found is None:
        found = Actor(user_id, role)
        if len(_ACTORS) < _MAX_ACTORS:
            _ACTORS[key] = found
    return found
