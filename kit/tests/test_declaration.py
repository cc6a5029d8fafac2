"""A service declaration refuses what would otherwise fail later: a bad name, a published query
the queries protocol lacks, a projection naming an event its codec does not know; and a list of
declarations refuses duplicates, follows of undeclared services and a service following itself,
and orders services that follow each other back by the list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest

from kit.codec import EventCodec
from kit.declaration import ServiceDeclaration, by_name
from kit.projections.decoding import DecodingProjection
from kit.rules import RuleBook, RuleSet


@dataclass(frozen=True)
class Happened:
    thing_id: str


@dataclass(frozen=True)
class Unknown:
    thing_id: str


@dataclass(frozen=True)
class Do:
    thing_id: str


class Things(DecodingProjection):
    name = "things"

    def on_happened(self, event: Any, envelope: Any, db: Any) -> None: ...

    def on_unknown(self, event: Any, envelope: Any, db: Any) -> None: ...

    handlers = {Happened: on_happened, Unknown: on_unknown}


class ThingsQueries:
    def thing(self, thing_id: str) -> str | None: ...


CODEC = EventCodec([("things.Happened", 1, Happened)])


def declared(**changes: Any) -> ServiceDeclaration:
    base = dict(
        name="things", codec=CODEC, rules=RuleBook([RuleSet("1", date(2025, 1, 1), "test")]),
        handlers={Do: lambda command, scope, command_id: {}}, command_names={"Do": Do},
        application=lambda *args: None, read_side=lambda db, clock: ThingsQueries(),
        queries=ThingsQueries, query_names=frozenset({"thing"}),
        projections=lambda sources, dialect: [])
    return ServiceDeclaration(**{**base, **changes})


def test_a_well_formed_declaration_is_accepted_and_names_its_topic():
    assert declared().topic == "things.events"


@pytest.mark.parametrize("name", ["Things", "two words", "1st", ""])
def test_a_service_name_is_a_lower_case_identifier(name):
    with pytest.raises(ValueError, match="lower-case identifier"):
        declared(name=name)


def test_a_published_query_must_be_a_method_of_the_queries_protocol():
    with pytest.raises(ValueError, match=r"published queries \['things'\]"):
        declared(query_names=frozenset({"thing", "things"}))


def test_a_projection_naming_an_event_its_codec_does_not_know_fails_when_declared():
    with pytest.raises(TypeError, match="Unknown"):
        declared(projections=lambda sources, dialect: [Things(CODEC)])


def test_a_projection_is_made_for_every_dialect_when_declared():
    made = []
    declared(projections=lambda sources, dialect: made.append(dialect) or [])
    assert made == ["sqlite", "postgres"]


def test_the_list_puts_a_service_after_those_it_follows_and_refuses_what_cannot_be_built():
    a, b = declared(name="a"), declared(name="b", follows=("a",))
    assert list(by_name([b, a])) == ["a", "b"]
    with pytest.raises(ValueError, match="declared twice"):
        by_name([a, replace(a)])
    with pytest.raises(ValueError, match="not declared"):
        by_name([b])
    with pytest.raises(ValueError, match="follows itself"):
        by_name([declared(name="a", follows=("a",))])


def test_services_that_follow_each_other_back_come_in_the_order_listed():
    """A cycle (evaluations reads membership's roll, membership's work queue evaluations'
    results) is not refused: the one listed first comes first, the rest after what they follow."""
    a = declared(name="a", follows=("c",))
    b = declared(name="b", follows=("a",))
    c = declared(name="c", follows=("a",))
    assert list(by_name([a, b, c])) == ["a", "b", "c"]
    assert list(by_name([c, b, a])) == ["c", "a", "b"]
    d = declared(name="d", follows=("b",))
    assert list(by_name([d, a, b, c])) == ["a", "b", "d", "c"]
