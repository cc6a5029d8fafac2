"""A query's date outside its plausible span gets one typed refusal wherever it is given.

Every query-side field of the schema that takes a Date or DateTime (an argument, or inside an
input object or list), enumerated from the schema, is asked with an implausible date and otherwise
well-formed arguments: it answers null with an INVALID_INPUT error naming the argument (the span
is kit.dates.QUERY_DATE) and nothing is written. A mutation's dates are its command's fields,
probed over every command class in tests/input/test_every_date_field.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from graphql import GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLScalarType

from kit.clock import SystemClock
from kit.dates import PARTY_FOUNDED, QUERY_DATE

from .meetings_world import mutate, schedule
from .test_malformed_ids import SCHEMA, Path, api, operation, shown  # noqa: F401  (api: fixture)

__all__ = ["api"]


def _date_paths(type_: Any, path: Path, seen: frozenset[str] = frozenset()) -> Iterator[tuple]:
    if isinstance(type_, GraphQLNonNull):
        yield from _date_paths(type_.of_type, path, seen)
    elif isinstance(type_, GraphQLList):
        yield from _date_paths(type_.of_type, (*path, 0), seen)
    elif isinstance(type_, GraphQLScalarType) and type_.name in ("Date", "DateTime"):
        yield path, type_.name
    elif isinstance(type_, GraphQLInputObjectType) and type_.name not in seen:
        for name, field in type_.fields.items():
            yield from _date_paths(field.type, (*path, name), seen | {type_.name})


CASES = [(type_name, field_name, path, scalar)
         for type_name, type_ in sorted(SCHEMA.type_map.items())
         if hasattr(type_, "fields") and not isinstance(type_, GraphQLInputObjectType)
         and not type_name.startswith("__") and type_ is not SCHEMA.mutation_type
         for field_name, field in type_.fields.items()
         for arg_name, arg in field.args.items()
         for path, scalar in _date_paths(arg.type, (arg_name,))]
IDS = [f"{t}.{f}.{shown(p)}" for t, f, p, _ in CASES]
# the guard counts from the province's today (SystemClock), which is not the host's near midnight
_, LATEST = QUERY_DATE.bounds(SystemClock().today())
BAD_DATES = ["0001-01-01", "0114-04-16", (PARTY_FOUNDED - timedelta(days=1)).isoformat(),
             (LATEST + timedelta(days=1)).isoformat(), "6783-04-16", "9999-12-31"]


def probe(type_name: str, field_name: str, path: Path, value: str) -> tuple[str, dict]:
    """The field asked with well-formed arguments (operation's), `value` at the date's path."""
    query, variables = operation(type_name, field_name, path, "")
    holder: Any = variables
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = value
    return query, variables


def as_scalar(day: str, scalar: str) -> str:
    return day if scalar == "Date" else f"{day}T07:00:00"  # no offset: read at +07:00


def test_every_date_argument_of_the_schema_is_probed():
    probed = {(t, f, shown(p)) for t, f, p, _ in CASES}

    assert {("Query", "meetings", "to"), ("Query", "meetingCompliance", "from"),
            ("Query", "organisationTree", "asOf"), ("Query", "membersAsOf", "asOf"),
            ("Query", "badgesDue", "to"), ("Query", "memberAttendance", "to")} <= probed


@pytest.mark.parametrize("bad", BAD_DATES)
@pytest.mark.parametrize(("type_name", "field_name", "path", "scalar"), CASES, ids=IDS)
def test_an_implausible_date_is_refused_typed_and_writes_nothing(api, type_name, field_name, path,
                                                                 scalar, bad):
    query, variables = probe(type_name, field_name, path, as_scalar(bad, scalar))
    heads = (api.province.head(), api.province.meetings_head())

    body = api.gql(query, variables, org=api.province.commune_a)

    assert body["data"] is None or body["data"][field_name] is None, body
    [error] = body["errors"]
    assert error["extensions"] == {"code": "INVALID_INPUT", "field": shown(path)}, body
    assert "outside" in error["message"], body
    assert (api.province.head(), api.province.meetings_head()) == heads


def test_a_date_range_to_the_last_representable_day_is_refused_not_an_internal_error(api):
    """The reported example: a range to 9999-12-31 raised `year 10000 is out of range` (here
    reproduced by the compliance report's months, an INTERNAL_SERVER_ERROR without the check)."""
    body = api.gql('query($org: ID!) { meetingCompliance(organisationId: $org, from: "9999-01-01",'
                   ' to: "9999-12-31") { missedMonthlyMeetings { __typename } } }',
                   {"org": api.province.branch_a}, org=api.province.commune_a)

    assert body["data"] is None or body["data"]["meetingCompliance"] is None, body
    assert [e["extensions"] for e in body["errors"]] == [{"code": "INVALID_INPUT",
                                                          "field": "from"}], body


def test_dates_within_the_span_are_answered(api):
    body = api.gql('query($org: ID!) { meetings(organisationId: $org, from: "1930-02-03", '
                   'to: "2030-12-31") { totalCount } }', {"org": api.province.commune_a},
                   org=api.province.commune_a)

    assert "errors" not in body, body


@pytest.mark.parametrize(("mutation", "field", "at"), [
    ("openMeeting", "startedAt", "0114-04-16T07:00:00"),  # was read at LMT, +07:06:30
    ("rescheduleMeeting", "scheduledStart", "6783-04-16T19:30:00+07:00"),
])
def test_the_reported_meeting_times_are_refused_on_a_real_meeting(api, mutation, field, at):
    meeting = schedule(api, api.province.branch_a, "2026-11-25")
    heads = (api.province.head(), api.province.meetings_head())
    fields = {"meetingId": meeting, field: at}
    if mutation == "rescheduleMeeting":
        fields["reason"] = "Trùng lịch họp của xã"

    result = mutate(api, mutation, fields)

    assert (result["__typename"], result["code"]) == ("ValidationFailed", "INVALID_INPUT"), result
    assert "outside" in result["message"], result
    assert (api.province.head(), api.province.meetings_head()) == heads
