"""A decoding projection dispatches through the table of handlers it declares, and a table with
a misspelt, unknown or stale entry fails when the class is created, not at the first event."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from kit.codec import EventCodec
from kit.envelope import Actor, Envelope
from kit.projections.decoding import DecodingProjection

AT = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Opened:
    thing_id: str


@dataclass(frozen=True)
class Closed:
    thing_id: str


@dataclass(frozen=True)
class Unregistered:
    thing_id: str


CODEC = EventCodec([("test.Opened", 1, Opened), ("test.Closed", 1, Closed)])


class Things(DecodingProjection):
    name = "things"
    tables = ("things",)
    ddl = "CREATE TABLE IF NOT EXISTS things (id TEXT PRIMARY KEY, state TEXT NOT NULL)"
    reads = CODEC

    def opened(self, ev: Opened, env: Envelope, db: sqlite3.Connection) -> None:
        db.execute("INSERT INTO things VALUES (?, 'open')", (ev.thing_id,))

    handlers = {Opened: opened}  # Closed is not this projection's business


def envelope(position: int, event: object) -> Envelope:
    name, version, data = CODEC.encode(event)
    return Envelope(f"e-{position}", name, version, "s-1", position, position, AT, AT, "NB",
                    Actor("u", "viewer"), "c", "k", "cmd", data)


def test_events_go_to_the_method_the_table_names_and_others_are_ignored():
    db = sqlite3.connect(":memory:")
    projection = Things(CODEC)
    projection.create(db)
    projection.handle(envelope(1, Opened("a")), db)
    projection.handle_batch([envelope(2, Opened("b")), envelope(3, Closed("a"))], db)
    assert projection.dump(db) == {"things": [("a", "open"), ("b", "open")]}


def test_a_misspelt_handler_fails_when_the_class_is_created():
    with pytest.raises(NameError, match="on_opend"):
        class _Misspelt(DecodingProjection):
            reads = CODEC

            def on_opened(self, ev, env, db) -> None: ...

            handlers = {Opened: on_opend}  # noqa: F821 - the misspelling under test


def test_a_table_naming_an_event_the_codec_does_not_register_fails_at_class_creation():
    with pytest.raises(TypeError, match="Unregistered.*not an event its codec knows"):
        class _Unknown(DecodingProjection):
            reads = CODEC

            def on_unregistered(self, ev, env, db) -> None: ...

            handlers = {Unregistered: on_unregistered}


def test_a_table_whose_value_is_not_a_method_of_the_class_fails_at_class_creation():
    def loose(self, ev, env, db) -> None: ...

    with pytest.raises(TypeError, match="not a method of .*_Loose"):
        class _Loose(DecodingProjection):
            reads = CODEC
            handlers = {Opened: loose}


def test_a_key_that_is_not_a_class_fails_at_class_creation():
    with pytest.raises(TypeError, match="'test.Opened' is not an event class"):
        class _ByName(DecodingProjection):
            def on_opened(self, ev, env, db) -> None: ...

            handlers = {"test.Opened": on_opened}


def test_a_handler_method_the_table_leaves_out_fails_at_class_creation():
    with pytest.raises(TypeError, match="handlers does not list .*_Forgotten.on_closed"):
        class _Forgotten(DecodingProjection):
            reads = CODEC

            def on_opened(self, ev, env, db) -> None: ...

            def on_closed(self, ev, env, db) -> None: ...

            handlers = {Opened: on_opened}


def test_a_subclass_overriding_a_handler_must_declare_its_own_table():
    with pytest.raises(TypeError, match="not a method of .*_Overriding"):
        class _Overriding(Things):
            def opened(self, ev, env, db) -> None: ...  # the inherited table names Things.opened


def test_a_codec_that_does_not_know_the_tables_events_is_refused_when_built():
    with pytest.raises(TypeError, match="Opened.*which its codec does not know"):
        Things(EventCodec([("test.Closed", 1, Closed)]))
