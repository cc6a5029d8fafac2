"""A projection decodes each envelope through a codec and dispatches on the event's class."""

from __future__ import annotations

import sqlite3
from typing import Any

from partyorg.kit.codec import EventCodec
from partyorg.kit.envelope import Envelope

from ...adapters.membership_view import MEMBERSHIP_VIEW, SOURCE

# The runner hands each event of a batch to every projection in turn: decode it once for all of
# them. Keyed by codec and envelope identity (the cache holds the envelope, so its id stays its own).
_DECODED: dict[tuple[int, int], tuple[Envelope, object]] = {}
_DECODED_MAX = 8192


def decode(codec: EventCodec, envelope: Envelope) -> object:
    key = (id(codec), id(envelope))
    hit = _DECODED.get(key)
    if hit is not None and hit[0] is envelope:
        return hit[1]
    event = codec.decode(envelope.type, envelope.schema_version, envelope.data)
    if len(_DECODED) >= _DECODED_MAX:
        _DECODED.clear()
    _DECODED[key] = (envelope, event)
    return event


class DecodingProjection:
    name = ""
    tables: tuple[str, ...] = ()
    ddl = ""

    def __init__(self, codec: EventCodec) -> None:
        self.codec = codec
        self._handlers = {
            w.cls: getattr(self, f"on_{w.cls.__name__}")
            for w in codec.types()
            if hasattr(self, f"on_{w.cls.__name__}")
        }

    def create(self, db: sqlite3.Connection) -> None:
        for statement in self.ddl.split(";"):
            if statement.strip():
                db.execute(statement)

    def drop(self, db: sqlite3.Connection) -> None:
        for table in self.tables:
            db.execute(f"DROP TABLE IF EXISTS {table}")

    def handle(self, envelope: Envelope, db: sqlite3.Connection) -> None:
        if not self.codec.knows(envelope.type):
            raise ValueError(f"unknown event type {envelope.type} v{envelope.schema_version}")
        event = decode(self.codec, envelope)
        handler = self._handlers.get(type(event))
        if handler is not None:
            handler(event, envelope, db)

    def dump(self, db: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, ordered: what rebuild-equals-live compares."""
        out = {}
        for t in self.tables:
            columns = len(db.execute(f"SELECT * FROM {t} LIMIT 0").description)
            order = ", ".join(str(i) for i in range(1, columns + 1))
            out[t] = db.execute(f"SELECT * FROM {t} ORDER BY {order}").fetchall()
        return out


class MembershipViewProjection(DecodingProjection):
    """Follows membership's published events through the meetings service's own classes.

    Membership event types meetings does not read are skipped, not dead-lettered: membership
    may publish new kinds of fact without breaking this consumer."""

    sources = (SOURCE,)

    def __init__(self) -> None:
        super().__init__(MEMBERSHIP_VIEW)

    def handle(self, envelope: Envelope, db: sqlite3.Connection) -> None:
        if self.codec.knows(envelope.type):
            super().handle(envelope, db)
