"""The event envelope: the contract every stored and published event carries (ARCHITECTURE.md)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any

from kit.ids import new_event_id


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


@dataclass(frozen=True)
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
        # the same document as to_wire(), built without asdict's deep copy of the data (the relay
        # serialises every event: the copy was a third of its time)
        wire = {f: getattr(self, f) for f in _FIELDS}
        wire["occurred_at"] = self.occurred_at.isoformat()
        wire["recorded_at"] = self.recorded_at.isoformat()
        wire["actor"] = {"user_id": self.actor.user_id, "role": self.actor.role}
        return json.dumps(wire, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_wire(cls, raw: dict[str, Any]) -> Envelope:
        return cls(
            event_id=raw["event_id"],
            type=raw["type"],
            schema_version=int(raw["schema_version"]),
            stream_id=raw["stream_id"],
            stream_version=int(raw["stream_version"]),
            global_position=int(raw["global_position"]),
            occurred_at=datetime.fromisoformat(raw["occurred_at"]),
            recorded_at=datetime.fromisoformat(raw["recorded_at"]),
            province=raw["province"],
            actor=Actor(**raw["actor"]),
            correlation_id=raw["correlation_id"],
            causation_id=raw["causation_id"],
            command_id=raw["command_id"],
            data=raw["data"],
        )


_FIELDS = tuple(f.name for f in fields(Envelope))
