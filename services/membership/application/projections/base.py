"""A projection decodes each envelope through the service's codec and dispatches on its class."""

from __future__ import annotations

import sqlite3
from typing import Any

from partyorg.kit.codec import EventCodec
from partyorg.kit.envelope import Envelope

# The runner hands each event of a batch to every projection in turn: decode it once for all of
# them. Keyed by the envelope's identity (the cache holds the envelope, so its id stays its own).
_DECODED: dict[int, tuple[Envelope, object]] = {}
_DECODED_MAX = 8192


def decode(codec: EventCodec, envelope: Envelope) -> object:
    hit = _DECODED.get(id(envelope))
    if hit is not None and hit[0] is envelope:
        return hit[1]
    if not codec.knows(envelope.type):
        raise ValueError(f"unknown event type {envelope.type} v{envelope.schema_version}")
    event = codec.decode(envelope.type, envelope.schema_version, envelope.data)
    if len(_DECODED) >= _DECODED_MAX:
        _DECODED.clear()
    _DECODED[id(envelope)] = (envelope, event)
    return event


class DecodingProjection:
    name = ""
    version = 1  # raise it when the tables or what they hold change: the runner rebuilds them
    tables: tuple[str, ...] = ()
    ddl = ""

    def __init__(self, codec: EventCodec) -> None:
        self.codec = codec
        self._handlers = {
            cls: getattr(self, f"on_{cls.__name__}")
            for cls in [w.cls for w in codec.types()]
            if hasattr(self, f"on_{cls.__name__}")
        }

    def create(self, db: sqlite3.Connection) -> None:
        for statement in self.ddl.split(";"):
            if statement.strip():
                db.execute(statement)

    def drop(self, db: sqlite3.Connection) -> None:
        for table in self.tables:
            db.execute(f"DROP TABLE IF EXISTS {table}")

    def handle(self, envelope: Envelope, db: sqlite3.Connection) -> None:
        event = decode(self.codec, envelope)
        handler = self._handlers.get(type(event))
        if handler is not None:
            handler(event, envelope, db)

    def dump(self, db: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, ordered: what rebuild-equals-live compares."""
        out = {}
        for t in self.tables:
            columns = len(db.execute(f"SELECT * FROM {t} LIMIT 0").description)
            # every column in the order, so that two equal tables always dump equal
            order = ", ".join(str(i) for i in range(1, columns + 1))
            out[t] = db.execute(f"SELECT * FROM {t} ORDER BY {order}").fetchall()
        return out
