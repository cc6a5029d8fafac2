"""One request does bounded work (issue 16, class 3): every field taking a date range or a page
size, enumerated from the schema, is refused with a typed error or answers quickly and small at
extreme values; request bodies, documents and string arguments have size limits."""

from __future__ import annotations

import time
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
)

from gateway.body_limit import MAX_BODY_BYTES
from gateway.input_size import MAX_DOCUMENT_CHARS, MAX_SHORT, MAX_TEXT, TEXT_FIELDS, max_length
from gateway.schema import build_schema

from .every_mutation import every_mutation
from .meetings_world import hold, meetings_api

SCHEMA = build_schema()._schema
FAR_PAST, FAR_FUTURE = "0001-01-01", "9999-12-30"
TYPED = {"QUERY_TOO_COSTLY", "INVALID_INPUT", "BAD_USER_INPUT", "QUERY_TOO_LARGE"}
QUICK_SECONDS, SMALL_BYTES = 2.0, 256_000


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    from kit.clock import FixedClock

    from .conftest import TODAY

    clock = FixedClock()
    clock.set_today(TODAY)
    with meetings_api(tmp_path_factory.mktemp("bounds"), clock) as api:
        hold(api, api.province.branch_a, "2026-10-05")
        yield api


def _bounded_fields() -> list[tuple[str, str]]:
    """(type, field) of every field reachable from Query that takes `first` or from/to."""
    found, seen, todo = [], set(), [SCHEMA.query_type]
    while todo:
        t = todo.pop()
        if t.name in seen or t.name.startswith("__"):
            continue
        seen.add(t.name)
        for name, f in t.fields.items():
            if "first" in f.args or {"from", "to"} <= set(f.args):
                found.append((t.name, name))
            inner = get_named_type(f.type)
            if isinstance(inner, GraphQLObjectType):
                todo.append(inner)
    return sorted(found)


BOUNDED = _bounded_fields()


def _path_to(type_name: str) -> list[str]:
    """Query fields leading to the type (breadth first), [] for Query itself."""
    paths: dict[str, list[str]] = {SCHEMA.query_type.name: []}
    todo = [SCHEMA.query_type]
    while todo:
        t = todo.pop(0)
        for name, f in t.fields.items():
            inner = get_named_type(f.type)
            if isinstance(inner, GraphQLObjectType) and inner.name not in paths:
                paths[inner.name] = [*paths[t.name], name]
                todo.append(inner)
    return paths[type_name]


def _arguments(api, field: Any, extreme: bool) -> str:
    p = api.province
    out = []
    for name, arg in field.args.items():
        kind = get_named_type(arg.type).name
        if name == "first":
            value = "1000000" if extreme else "5"
        elif name in ("from", "to"):
            value = f'"{FAR_PAST if name == "from" else FAR_FUTURE}"' if extreme \
                else f'"2026-{"01-01" if name == "from" else "12-31"}"'
        elif not isinstance(arg.type, GraphQLNonNull):
            continue
        elif kind == "ID":
            value = f'"{p.members["an"] if name.startswith("member") else p.commune_a}"'
        elif kind == "Date":
            value = '"2026-06-01"'
        elif isinstance(get_named_type(arg.type), GraphQLEnumType):  # its first value
            value = next(iter(get_named_type(arg.type).values))
        elif kind == "Int":  # a year, say
            value = "2025"
        else:
            raise AssertionError(f"no sample for {field}.{name}: {kind}")
        out.append(f"{name}: {value}")
    return f"({', '.join(out)})" if out else ""


def _selection(t: Any, depth: int = 3) -> str:
    """Every scalar field without required arguments, and objects below to `depth`."""
    parts = []
    for name, f in t.fields.items():
        if any(isinstance(a.type, GraphQLNonNull) for a in f.args.values()):
            continue
        inner = get_named_type(f.type)
        if isinstance(inner, (GraphQLScalarType, GraphQLEnumType)):
            parts.append(name)
        elif isinstance(inner, GraphQLObjectType) and depth > 0:
            parts.append(f"{name} {{ {_selection(inner, depth - 1)} }}")
    return " ".join(parts) or "__typename"


def _query(api, type_name: str, field_name: str, extreme: bool) -> str:
    t = SCHEMA.get_type(type_name)
    f = t.fields[field_name]
    selection = _selection(get_named_type(f.type), 1)
    text = f"{field_name}{_arguments(api, f, extreme)} {{ {selection} }}"
    current = SCHEMA.query_type
    opened = []
    for step in _path_to(type_name):
        parent_field = current.fields[step]
        opened.append(f"{step}{_arguments(api, parent_field, False)}")
        current = get_named_type(parent_field.type)
    for step in reversed(opened):
        text = f"{step} {{ {text} }}"
    return f"{{ {text} }}"


def test_the_enumeration_finds_the_ranged_and_paged_fields():
    assert {("Query", "meetingCompliance"), ("Query", "meetings"), ("Query", "members"),
            ("Query", "badgesDue"), ("MeetingStatistics", "byMember")} <= set(BOUNDED)


@pytest.mark.parametrize(("type_name", "field_name"), BOUNDED)
def test_every_ranged_or_paged_field_at_extreme_values_is_refused_typed_or_bounded(
        api, type_name, field_name):
    query = _query(api, type_name, field_name, extreme=True)
    start = time.perf_counter()
    response = api.post(query, token=api.token(api.province.root))
    elapsed = time.perf_counter() - start
    body = response.json()
    codes = {(e.get("extensions") or {}).get("code") for e in body.get("errors", [])}
    assert codes <= TYPED, (query, body)
    assert elapsed < QUICK_SECONDS and len(response.content) < SMALL_BYTES, query


# personnel's confidential fields answer the managing committee only (the read audit, its
# inspection committee): asked as commune A, the committee id _arguments passes
COMMITTEE_ORGANS = {"cadreFileReads": "inspection_committee"}


@pytest.mark.parametrize(("type_name", "field_name"), BOUNDED)
def test_every_ranged_or_paged_field_answers_an_ordinary_request(api, type_name, field_name):
    confidential = "committeeId" in SCHEMA.get_type(type_name).fields[field_name].args
    body = api.gql(_query(api, type_name, field_name, extreme=False),
                   org=api.province.commune_a if confidential else api.province.root,
                   organ=COMMITTEE_ORGANS.get(field_name))
    assert "errors" not in body, body


COMPLIANCE = """query($org: ID!, $from: Date!, $to: Date!) {
  meetingCompliance(organisationId: $org, from: $from, to: $to) { %s } }"""
EVERY_LIST = """missedMonthlyMeetings { period held required organisation { name } }
  missedThematicMeetings { period } superiorCadreAttendance { assignedOn status }
  materialsIssues { issue } shortMeetings { id }"""


def test_compliance_over_578_to_4057_is_refused_by_its_cost_before_it_runs(api):
    body = api.gql(COMPLIANCE % EVERY_LIST, {"org": api.province.root, "from": "0578-01-01",
                                             "to": "4057-12-31"}, org=api.province.root)
    assert body.get("data") is None
    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert "shorter periods" in error["message"]


def test_compliance_over_a_year_is_within_the_cost(api):
    body = api.gql(COMPLIANCE % EVERY_LIST, {"org": api.province.root, "from": "2026-01-01",
                                             "to": "2026-12-31"}, org=api.province.root)
    assert "errors" not in body, body


def test_no_month_before_the_first_meeting_record_is_reported_missed(api):
    """The records begin with the meeting of 5/10/2026: a year before reports nothing, and a
    decade-long period only the months since that are over (today is 20/11/2026)."""
    ask = COMPLIANCE % "missedMonthlyMeetings { period organisation { name } }"
    before = api.gql(ask, {"org": api.province.root, "from": "2025-01-01", "to": "2025-12-31"},
                     org=api.province.root)
    assert before["data"]["meetingCompliance"]["missedMonthlyMeetings"] == []
    decade = api.gql(ask, {"org": api.province.root, "from": "2017-01-01", "to": "2026-12-31"},
                     org=api.province.root)
    assert {m["period"] for m in decade["data"]["meetingCompliance"]["missedMonthlyMeetings"]} \
        == {"2026-10"}


def test_a_5_mb_body_is_answered_413_quickly_declared_or_streamed(api):
    token = api.token(api.province.root)
    big = b'{"query": "{ viewer { organisationId } }", "x": "' + b"a" * 5_000_000 + b'"}'
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    start = time.perf_counter()
    declared = api.client.post("/graphql", content=big, headers=headers)
    streamed = api.client.post("/graphql", content=iter([big[i:i + 65536] for i in
                                                         range(0, len(big), 65536)]),
                               headers=headers)
    assert time.perf_counter() - start < QUICK_SECONDS
    for response in (declared, streamed):
        assert response.status_code == 413, response.text[:200]
        assert response.json()["errors"][0]["extensions"] == {
            "code": "REQUEST_TOO_LARGE", "maxBytes": MAX_BODY_BYTES}


def test_a_body_just_under_the_limit_is_read(api):
    pad = " " * (MAX_BODY_BYTES - 200)
    response = api.client.post(
        "/graphql", content=f'{{"query": "{{ viewer {{ organisationId }} }}"{pad}}}'.encode(),
        headers={"Authorization": f"Bearer {api.token(api.province.root)}",
                 "Content-Type": "application/json"})
    assert response.status_code == 200, response.text[:200]


def test_an_oversized_document_is_refused_typed_before_it_is_parsed(api):
    comment = "# " + "x" * 5_000_000 + "\n"
    start = time.perf_counter()
    body = api.gql(comment[:MAX_DOCUMENT_CHARS + 10] + "{ viewer { organisationId } }")
    assert time.perf_counter() - start < QUICK_SECONDS
    assert body["errors"][0]["extensions"] == {"code": "QUERY_TOO_LARGE",
                                               "maxChars": MAX_DOCUMENT_CHARS}


def test_a_document_of_too_many_tokens_is_refused_typed(api):
    body = api.gql("{ " + "a:__typename " * 2_000 + "}")  # 6,000 tokens, 26,000 characters
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_LARGE"
    assert body["errors"][0]["extensions"]["maxTokens"] == 5_000


def _string_paths(t: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every String field of an input type, nested ones too."""
    if isinstance(t, (GraphQLNonNull, GraphQLList)):
        return _string_paths(t.of_type, path)
    if isinstance(t, GraphQLInputObjectType):
        return [p for name, f in t.fields.items() for p in _string_paths(f.type, (*path, name))]
    return [path] if getattr(t, "name", "") == "String" else []


def _with(value: Any, path: tuple[str, ...], text: str, field: Any) -> Any:
    """`value` with the String at `path` set to `text` (optional objects made from `field`)."""
    if not path:
        return text
    if isinstance(value, list):
        return [_with(value[0] if value else {}, path, text, field)]
    value = dict(value or {})
    inner = get_named_type(field).fields[path[0]].type
    current = value.get(path[0])
    if current is None and isinstance(get_named_type(inner), GraphQLInputObjectType):
        from .every_mutation import sample
        current = sample(inner, path[0])
    value[path[0]] = _with(current, path[1:], text, inner) if len(path) > 1 else text
    return value


LONG_STRINGS = [(m, path) for m in every_mutation()
                for path in _string_paths(SCHEMA.get_type(m.input_type))]


def test_texts_are_capped_longer_than_names():
    assert {"reason", "note", "topic", "title", "agenda"} == TEXT_FIELDS and MAX_TEXT > MAX_SHORT


@pytest.mark.parametrize(("mutation", "path"), LONG_STRINGS,
                         ids=[f"{m.field}.{'.'.join(p)}" for m, p in LONG_STRINGS])
def test_every_string_a_mutation_takes_is_capped_and_refused_typed_changing_nothing(
        api, mutation, path):
    limit = max_length(path[-1])
    variables = {"input": _with(mutation.variables["input"], path, "a" * (limit + 1),
                                SCHEMA.get_type(mutation.input_type))}
    heads = (api.province.head(), api.province.meetings_head())
    body = api.gql(mutation.document("__typename"), variables, org=api.province.root)
    assert body.get("data") is None, body
    assert body["errors"][0]["extensions"] == {"code": "INPUT_TOO_LONG", "field": path[-1],
                                               "maxLength": limit}
    assert (api.province.head(), api.province.meetings_head()) == heads


def test_a_long_string_literal_is_refused_too(api):
    body = api.gql(f'{{ members(organisationId: "{api.province.commune_a}", filter: '
                   f'{{nameContains: "{"a" * (MAX_SHORT + 1)}"}}) {{ totalCount }} }}')
    assert body["errors"][0]["extensions"]["code"] == "INPUT_TOO_LONG"
