"""A plain selection's plan is kept with its operation: the gateway keeps each parsed document,
so a query asked again brings the same nodes and is completed without planning it again."""

from __future__ import annotations

import gc
import weakref

import pytest
import strawberry
from graphql import parse

from gateway.plain_fields import PlainLeaves
from gateway.tests.test_plain_fields import Query, UnitQuery, _reading_plainly


def _pinned(*documents):
    """An extension that hands strawberry the document already parsed, as the gateway's
    document cache does (gateway/documents.py): the last of `documents` (a list, emptied to
    let the document go)."""
    held = list(documents)

    class Pinned(strawberry.extensions.SchemaExtension):
        def on_parse(self):
            self.execution_context.graphql_document = held[-1]
            yield

    Pinned.held = held
    return Pinned


@pytest.fixture
def planned(monkeypatch) -> list[str]:
    """The type of each plan PlainLeaves makes from now on."""
    made: list[str] = []
    plan = PlainLeaves._plan

    def counted(self, type_, field_details_list):
        made.append(type_.name)
        return plan(self, type_, field_details_list)

    monkeypatch.setattr(PlainLeaves, "_plan", counted)
    return made


PLAIN = "{ units { name counts { official } parts { probationary } } }"


def _answers(query: str, *variables: dict) -> tuple[strawberry.Schema, list, list]:
    document = parse(query)
    fast = _reading_plainly(UnitQuery, extensions=[_pinned(document)])
    as_is = strawberry.Schema(query=UnitQuery)
    ours = [fast.execute_sync(query, variable_values=v) for v in variables]
    theirs = [as_is.execute_sync(query, variable_values=v) for v in variables]
    return fast, [(r.data, [e.message for e in r.errors or ()]) for r in ours], \
        [(r.data, [e.message for e in r.errors or ()]) for r in theirs]


def test_a_documents_plans_are_made_once_and_kept_for_its_next_executions(planned):
    document = parse(PLAIN)
    fast = _reading_plainly(UnitQuery, extensions=[_pinned(document)])
    first = fast.execute_sync(PLAIN)
    made_first, planned[:] = list(planned), []

    again = fast.execute_sync(PLAIN)

    assert sorted(made_first) == ["Counts", "Counts", "Unit"] and planned == []
    assert again.data == first.data == strawberry.Schema(query=UnitQuery).execute_sync(
        PLAIN).data


def test_a_document_whose_directives_collect_other_fields_is_planned_at_each_execution(
        planned):
    query = """query($more: Boolean!) { units { name ...More @include(if: $more) } }
      fragment More on Unit { counts { official } tags }"""

    _, ours, theirs = _answers(query, {"more": False}, {"more": True}, {"more": False})

    assert ours == theirs and "tags" in str(ours[1][0]) and "tags" not in str(ours[2][0])
    assert planned.count("Unit") == 3  # once an execution: nothing kept


def test_a_kept_plan_is_made_again_when_a_field_it_reads_is_resolved_otherwise(planned):
    document = parse(PLAIN)
    fast = _reading_plainly(UnitQuery, extensions=[_pinned(document)])
    fast.execute_sync(PLAIN)
    field = fast._schema.type_map["Counts"].fields["official"]
    field.resolve = lambda source, info, plain=field.resolve: plain(source, info) * 2
    planned[:] = []

    units = fast.execute_sync(PLAIN).data["units"]

    assert units[0]["counts"] == {"official": 6} and units[0]["parts"][0] == {
        "probationary": None}
    assert "Unit" in planned and "Counts" in planned  # the unit's plan read counts' official


def test_the_plans_go_when_their_document_does():
    query = "{ thing { fullName count } }"
    pinned = _pinned(parse(query))
    fast = _reading_plainly(Query, extensions=[pinned])
    assert fast.execute_sync(query).errors is None
    operation = pinned.held[0].definitions[0]
    assert operation in PlainLeaves._kept
    gone = weakref.ref(operation)

    pinned.held.clear()
    del operation, fast
    gc.collect()

    assert gone() is None  # the kept plans did not hold it, and went with it
