"""A projection that decodes each envelope through a codec and dispatches on the event's class
to `on_<EventClass>(event, envelope, db)` methods."""

from __future__ import annotations

import sqlite3
from typing import Any

from .codec import EventCodec
from .envelope import Envelope

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
    version = 1  # raise it when the tables or what they hold change: the runner rebuilds them
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
        """Every row of every table, in a total order: what rebuild-equals-live compares."""
        out = {}
        for table in self.tables:
            columns = [d[0] for d in db.execute(f"SELECT * FROM {table} LIMIT 0").description]
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            out[table] = db.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
        return out
