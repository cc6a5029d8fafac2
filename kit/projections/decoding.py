"""A projection that decodes each envelope through a codec and dispatches on the event's class
through the table of handlers it declares: {EventClass: method}, each method taking
(event, envelope, db)."""

from __future__ import annotations

import contextlib
import inspect
import sqlite3
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, ClassVar

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.rebuilding import split_ddl, statements

# The runner hands each event of a batch to every projection in turn: decode it once for all of
# them. Keyed by codec and envelope identity (the cache holds the envelope, so its id stays its own).
_DECODED: dict[tuple[int, int], tuple[Envelope, object]] = {}
_DECODED_MAX = 65_536  # above a rebuild's batch (kit/rebuild.py)


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


_BATCH: tuple[Any, list[Envelope], list[Any]] = (None, [], [])  # the last batch decoded


def decode_batch(codec: EventCodec, envelopes: Sequence[Envelope]) -> list[object | None]:
    """Every envelope's event (None for a type the codec does not know), decoded once for all
    projections. A batch whose first event is not cached is a new batch: the last one is let go."""
    global _BATCH
    last_codec, last_envelopes, last_events = _BATCH
    envelopes = list(envelopes)  # a copy to keep: the caller's list may change
    if last_codec is codec and last_envelopes == envelopes:  # the same objects compare by id
        return last_events  # the runner hands the same batch to every projection
    if envelopes:
        hit = _DECODED.get((id(codec), id(envelopes[0])))
        if hit is None or hit[0] is not envelopes[0]:
            _DECODED.clear()
    knows = codec.knows
    events = [decode(codec, env) if knows(env.type) else None for env in envelopes]
    _BATCH = (codec, envelopes, events)
    return events


class DecodingProjection:
    """Each projection declares `handlers`, {event class: method}, after its methods. Creating
    the class checks the table's shape (every method its own); making a projection checks that
    its codec knows every event class named (a service's declaration makes its projections once
    when imported), so a misspelt or unregistered entry fails at import, not at the first event.
    `reads`, where set, names the codec for the class-time check too."""

    name = ""
    version = 1  # raise it when the tables or what they hold change: the runner rebuilds them
    tables: tuple[str, ...] = ()
    ddl = ""
    reads: ClassVar[EventCodec | None] = None
    lookup_indexes: ClassVar[tuple[str, ...]] = ()  # see create_lookup_indexes
    handlers: ClassVar[Mapping[type, Callable[..., None]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        check_handlers(cls)

    def __init__(self, codec: EventCodec) -> None:
        self.codec = codec
        unknown = [event for event in self.handlers if not codec.knows_class(event)]
        if unknown:
            raise TypeError(f"{type(self).__qualname__} handles {unknown[0]!r}, which its codec "
                            "does not know")
        self._handlers = {event: method.__get__(self) for event, method in self.handlers.items()}

    def create(self, db: sqlite3.Connection) -> None:
        for statement in statements(self.ddl):
            db.execute(statement)

    def create_tables(self, db: sqlite3.Connection) -> None:
        """The tables without what a rebuild does after its load (secondary indexes, triggers
        and the statements filling what they keep): it loads first, then `create`."""
        for statement in split_ddl(self.ddl, self.lookup_indexes).tables:
            db.execute(statement)

    def create_lookup_indexes(self, db: sqlite3.Connection) -> None:
        """The indexes its handlers find rows by (`lookup_indexes`), made before a rebuild's load
        by the process that loads the tables."""
        for statement in split_ddl(self.ddl, self.lookup_indexes).lookups:
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

    def handle_batch(self, envelopes: Sequence[Envelope], db: sqlite3.Connection) -> None:
        """Apply a batch: the same rows as `handle` one event at a time (the runner falls back
        to that, to dead-letter just the failing event, if this raises). Projections that can
        fold a batch in memory override it."""
        if type(self).handle is DecodingProjection.handle:
            self.fold(envelopes, db, _NOTHING_HELD, ())  # the same dispatch as `handle`
            return
        with contextlib.suppress(Exception):  # `handle` raises it again at that very event
            decode_batch(self.codec, envelopes)
        for envelope in envelopes:
            self.handle(envelope, db)

    def fold(self, envelopes: Sequence[Envelope], db: sqlite3.Connection, state: Any,
             folds: Collection[type], key: Callable[[Any], Any] | None = None) -> None:
        """Apply a batch with the handlers of the `folds` event classes writing to `state` (rows
        held in memory, e.g. kit.sql.rows.Rows) and every other handler to `db` right after
        `state.forget()`. `state.flush()` at the end writes what the batch changed. With `key`,
        `state.load(keys)` reads each run of folded events' rows at once, before the run."""
        events = decode_batch(self.codec, envelopes)
        handlers = self._handlers
        loaded_to = -1  # the last index of the run whose rows are loaded
        for i, (envelope, event) in enumerate(zip(envelopes, events, strict=True)):
            if event is None:
                raise ValueError(f"unknown event type {envelope.type} "
                                 f"v{envelope.schema_version}")
            handler = handlers.get(type(event))
            if handler is None:
                continue
            if type(event) in folds:
                if key is not None and i > loaded_to:
                    loaded_to = self._load_run(events, i, state, folds, key)
                handler(event, envelope, state)
            else:
                state.forget()
                handler(event, envelope, db)
        state.flush()

    def _load_run(self, events: list[Any], start: int, state: Any, folds: Collection[type],
                  key: Callable[[Any], Any]) -> int:
        """Load the keys of the folded events from `start` up to the next event that runs SQL;
        returns the index of the run's last event."""
        keys, end = [], start
        for end in range(start, len(events)):
            kind = type(events[end])
            if kind in folds:
                keys.append(key(events[end]))
            elif events[end] is None or kind in self._handlers:
                end -= 1
                break
        state.load(keys)
        return end

    def dump(self, db: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, in a total order: what rebuild-equals-live compares."""
        out = {}
        for table in self.tables:
            columns = [d[0] for d in db.execute(f"SELECT * FROM {table} LIMIT 0").description]
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            out[table] = db.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
        return out


class _NothingHeld:
    """The state of a fold that holds no rows: every handler writes straight to the database."""

    def flush(self) -> None:
        pass

    forget = flush


_NOTHING_HELD = _NothingHeld()


def check_handlers(cls: type[DecodingProjection]) -> None:
    """Every key an event class `cls.reads` knows, every value the method `cls` has by that name
    (a subclass overriding a handler must declare its own table), and no on_… method left out:
    one the table forgot would never be called."""
    where = f"{cls.__qualname__}.handlers"
    if not isinstance(cls.handlers, Mapping):
        raise TypeError(f"{where} must map event classes to methods")
    for event, method in cls.handlers.items():
        if not isinstance(event, type):
            raise TypeError(f"{where}: {event!r} is not an event class")
        if cls.reads is not None and not cls.reads.knows_class(event):
            raise TypeError(f"{where}: {event!r} is not an event its codec knows")
        name = getattr(method, "__name__", None)
        if not callable(method) or name is None or getattr(cls, name, None) is not method:
            raise TypeError(f"{where}: {event.__qualname__} maps to {method!r}, not a method "
                            f"of {cls.__qualname__}")
    listed = set(cls.handlers.values())
    left_out = [name for name in dir(cls) if name.startswith("on_")
                and inspect.isfunction(getattr(cls, name)) and getattr(cls, name) not in listed]
    if left_out:
        raise TypeError(f"{where} does not list {cls.__qualname__}.{left_out[0]}")
