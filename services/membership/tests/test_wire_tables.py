"""Membership's wire names and handler tables are explicit: each registered event has exactly one
literal wire name, each command with a handler one literal RPC name, and each projection's table
names only events membership's codec registers, or its view of evaluations' (the work queue's
evaluation_review items) names as evaluations published them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kit.nameko.wire import wire_of
from kit.testing.tables import command_table_names, event_table_names
from services.membership.adapters import wire
from services.membership.application import evaluations_view
from services.membership.application.handlers import HANDLERS
from services.membership.declaration import DECLARATION
from services.membership.domain import (
    change_events,
    discipline_events,
    events,
    province_transfer_events,
)


def test_every_registered_event_has_exactly_one_literal_wire_name():
    literals = event_table_names(wire)
    assert [n for n, count in Counter(literals).items() if count > 1] == []
    registered = wire.CODEC.types()
    assert sorted(literals) == [w.name for w in registered]
    assert all(w.name.startswith("membership.") for w in registered)
    assert len({w.cls for w in registered}) == len(registered)
    assert {w.cls.__module__ for w in registered} == {events.__name__, change_events.__name__,
                                                      discipline_events.__name__,
                                                      province_transfer_events.__name__}


def test_every_command_with_a_handler_has_exactly_one_literal_rpc_name():
    literals = command_table_names(wire, "COMMAND_NAMES")
    assert sorted(literals) == sorted(wire_of(DECLARATION).command_types)
    assert sorted(wire_of(DECLARATION).command_names, key=repr) == sorted(HANDLERS, key=repr)


CONTRACTS = Path(__file__).resolve().parents[3] / "contracts" / "events"


def test_every_projection_table_names_only_registered_events():
    views = (wire.CODEC, evaluations_view.EVALUATIONS_VIEW)
    for projection in DECLARATION.projections({"evaluations": evaluations_view.SOURCE},
                                              "sqlite"):
        kind = type(projection)
        assert projection.codec in views, kind  # handed in by the declaration, or the view
        assert [e for e in kind.handlers if not projection.codec.knows_class(e)] == [], kind


def test_the_view_of_evaluations_reads_names_and_versions_evaluations_published():
    for w in evaluations_view.EVALUATIONS_VIEW.types():
        name = w.name.removeprefix("evaluations.")
        assert (CONTRACTS / "evaluations" / f"{name}.v{w.version}.json").is_file(), w
