"""Membership's wire names and handler tables are explicit: each registered event has exactly one
literal wire name, each command with a handler one literal RPC name, and each projection's table
names only events membership's codec registers."""

from __future__ import annotations

from collections import Counter

from kit.nameko.wire import wire_of
from kit.testing.tables import command_table_names, event_table_names
from services.membership.adapters import wire
from services.membership.application.handlers import HANDLERS
from services.membership.declaration import DECLARATION
from services.membership.domain import change_events, discipline_events, events


def test_every_registered_event_has_exactly_one_literal_wire_name():
    literals = event_table_names(wire)
    assert [n for n, count in Counter(literals).items() if count > 1] == []
    registered = wire.CODEC.types()
    assert sorted(literals) == [w.name for w in registered]
    assert all(w.name.startswith("membership.") for w in registered)
    assert len({w.cls for w in registered}) == len(registered)
    assert {w.cls.__module__ for w in registered} == {events.__name__, change_events.__name__,
                                                      discipline_events.__name__}


def test_every_command_with_a_handler_has_exactly_one_literal_rpc_name():
    literals = command_table_names(wire, "COMMAND_NAMES")
    assert sorted(literals) == sorted(wire_of(DECLARATION).command_types)
    assert sorted(wire_of(DECLARATION).command_names, key=repr) == sorted(HANDLERS, key=repr)


def test_every_projection_table_names_only_registered_events():
    for projection in DECLARATION.projections({}, "sqlite"):
        kind = type(projection)
        assert projection.codec is wire.CODEC, kind  # handed in by the declaration
        assert [e for e in kind.handlers if not wire.CODEC.knows_class(e)] == [], kind
