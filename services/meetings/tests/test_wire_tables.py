"""Meetings' wire names and handler tables are explicit: each registered event has exactly one
literal wire name, its view of membership reads names and versions membership publishes, each
command with a handler has one literal RPC name, and each projection's table names only events
its codec or view registers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kit.nameko.wire import wire_of
from kit.testing.tables import command_table_names, event_table_names
from services.meetings.adapters import wire
from services.meetings.application import membership_view
from services.meetings.application.handlers import HANDLERS
from services.meetings.declaration import DECLARATION
from services.meetings.domain import events

CONTRACTS = Path(__file__).resolve().parents[3] / "contracts" / "events"


def test_every_registered_event_has_exactly_one_literal_wire_name():
    for module, codec, owner, classes_from in [
        (wire, wire.CODEC, "meetings.", events.__name__),
        (membership_view, membership_view.MEMBERSHIP_VIEW, "membership.", membership_view.__name__),
    ]:
        literals = event_table_names(module)
        assert [n for n, count in Counter(literals).items() if count > 1] == []
        registered = codec.types()
        assert sorted(literals) == [w.name for w in registered]
        assert all(w.name.startswith(owner) for w in registered)
        assert len({w.cls for w in registered}) == len(registered)
        assert {w.cls.__module__ for w in registered} == {classes_from}


def test_the_view_of_membership_reads_names_and_versions_membership_published():
    for w in membership_view.MEMBERSHIP_VIEW.types():
        name = w.name.removeprefix("membership.")
        assert (CONTRACTS / "membership" / f"{name}.v{w.version}.json").is_file(), w


def test_every_command_with_a_handler_has_exactly_one_literal_rpc_name():
    literals = command_table_names(wire, "COMMAND_NAMES")
    assert sorted(literals) == sorted(wire_of(DECLARATION).command_types)
    assert sorted(wire_of(DECLARATION).command_names, key=repr) == sorted(HANDLERS, key=repr)


def test_every_projection_table_names_only_events_its_codec_or_view_registers():
    for projection in DECLARATION.projections({"membership": membership_view.SOURCE}, "sqlite"):
        kind = type(projection)
        # its own events' codec is handed in by the declaration (application imports no
        # adapters); membership's view is checked when the class is made, too
        assert projection.codec in (wire.CODEC, membership_view.MEMBERSHIP_VIEW), kind
        assert kind.reads in (None, projection.codec), kind
        assert [e for e in kind.handlers if not projection.codec.knows_class(e)] == [], kind
