"""A malformed id gets one typed refusal wherever it is given.

Every field of the schema that takes an id (an argument of type ID, or an ID inside an input
object or list), enumerated from the schema, is asked with one malformed id and otherwise
well-formed arguments: a query answers null with an INVALID_INPUT error naming the argument, a
mutation ValidationFailed naming the same path inside its input, with the same message, and
nothing is written.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
)
from graphql.pyutils import Undefined

from gateway.schema import build_schema
from kit.clock import FixedClock

from .meetings_world import meetings_api

SCHEMA = build_schema()._schema
SAMPLES = {"String": "x", "Int": 1, "Float": 1.0, "Boolean": False, "Date": "2026-01-05",
           "DateTime": "2026-01-05T19:30:00+07:00", "JSON": {}}
Path = tuple[str | int, ...]  # argument, then input fields; 0 stands for a list's first item


def _named(type_: Any) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


def _id_paths(type_: Any, path: Path, seen: frozenset[str] = frozenset()) -> Iterator[Path]:
    if isinstance(type_, GraphQLNonNull):
        yield from _id_paths(type_.of_type, path, seen)
    elif isinstance(type_, GraphQLList):
        yield from _id_paths(type_.of_type, (*path, 0), seen)
    elif isinstance(type_, GraphQLScalarType) and type_.name == "ID":
        yield path
    elif isinstance(type_, GraphQLInputObjectType) and type_.name not in seen:
        for name, field in type_.fields.items():
            yield from _id_paths(field.type, (*path, name), seen | {type_.name})


def id_taking_fields() -> list[tuple[str, str, Path]]:
    """(type, field, path of one id) for every id any field of the schema takes."""
    return [(type_name, field_name, path)
            for type_name, type_ in sorted(SCHEMA.type_map.items())
            if isinstance(type_, GraphQLObjectType) and not type_name.startswith("__")
            for field_name, field in type_.fields.items()
            for arg_name, arg in field.args.items()
            for path in _id_paths(arg.type, (arg_name,))]


def sample(type_: Any, bad_at: Path | None, bad: str) -> Any:
    """A well-formed value of the type (only required input fields), except the id at bad_at."""
    if isinstance(type_, GraphQLNonNull):
        return sample(type_.of_type, bad_at, bad)
    if isinstance(type_, GraphQLList):
        return [sample(type_.of_type, bad_at[1:] if bad_at else None, bad)]
    if isinstance(type_, GraphQLScalarType) and type_.name == "ID":
        return bad if bad_at == () else str(uuid.uuid4())
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLScalarType):
        return SAMPLES[type_.name]
    return {name: sample(field.type, bad_at[1:] if bad_at and bad_at[0] == name else None, bad)
            for name, field in type_.fields.items()
            if (isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined)
            or (bad_at and bad_at[0] == name)}


def shown(path: Path) -> str:
    """The path as refusals name it: inside a mutation's input, relative to it."""
    if path[0] == "input":
        path = path[1:]
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def operation(type_name: str, field_name: str, path: Path, bad: str) -> tuple[str, dict]:
    field = SCHEMA.type_map[type_name].fields[field_name]
    given = {name: arg for name, arg in field.args.items()
             if name == path[0] or (isinstance(arg.type, GraphQLNonNull)
                                    and arg.default_value is Undefined)}
    variables = {name: sample(arg.type, path[1:] if name == path[0] else None, bad)
                 for name, arg in given.items()}
    declared = ", ".join(f"${name}: {arg.type}" for name, arg in given.items())
    passed = ", ".join(f"{name}: ${name}" for name in given)
    returned = _named(field.type)
    if isinstance(returned, GraphQLUnionType):
        selection = "{ __typename ... on ValidationFailed { code field message } }"
    elif isinstance(returned, GraphQLScalarType | GraphQLEnumType):
        selection = ""
    else:
        selection = "{ __typename }"
    kind = "mutation" if type_name == SCHEMA.mutation_type.name else "query"
    return f"{kind} Probe({declared}) {{ {field_name}({passed}) {selection} }}", variables


CASES = id_taking_fields()
BAD_IDS = ["not-a-uuid", "", "6ba7b810-9dad-11d1-80b4-00c04fd430c8'--"]


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    clock = FixedClock()
    clock.set_today(date(2026, 11, 20))
    with meetings_api(tmp_path_factory.mktemp("ids"), clock) as api:
        yield api


def test_every_query_and_mutation_that_takes_an_id_is_probed():
    probed = {(t, f) for t, f, _ in CASES}
    mutations = SCHEMA.mutation_type.fields
    assert {("Mutation", name) for name in mutations} <= probed  # each takes a commandId
    assert {("Query", "member"), ("Query", "organisationTree"), ("Query", "meeting"),
            ("Query", "memberAttendance")} <= probed


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize(("type_name", "field_name", "path"), CASES,
                         ids=[f"{t}.{f}.{shown(p)}" for t, f, p in CASES])
def test_a_malformed_id_gets_the_same_typed_refusal_everywhere(api, type_name, field_name, path,
                                                              bad):
    query, variables = operation(type_name, field_name, path, bad)
    heads = (api.province.head(), api.province.meetings_head())

    body = api.gql(query, variables, org=api.province.commune_a)

    field = shown(path)
    message = f"{field}: {bad!r} is not a valid id"
    if type_name == "Mutation":
        assert "errors" not in body, body
        assert body["data"][field_name] == {"__typename": "ValidationFailed",
                                            "code": "INVALID_INPUT", "field": field,
                                            "message": message}
        assert (api.province.head(), api.province.meetings_head()) == heads
    else:
        assert body["data"] is None or body["data"][field_name] is None, body
        [error] = body["errors"]
        assert (error["path"], error["message"], error["extensions"]) == (
            [field_name], message, {"code": "INVALID_INPUT", "field": field}), body


@pytest.mark.parametrize(("query", "field", "argument"), [
    ('{ member(id: "not-a-uuid") { id } }', "member", "id"),
    ('{ organisationTree(rootId: "root") { organisation { id } } }', "organisationTree",
     "rootId"),
])
def test_the_reported_examples_are_refused_as_invalid_input(api, query, field, argument):
    body = api.gql(query, org=api.province.commune_a)

    assert body["data"][field] is None
    assert [e["extensions"] for e in body["errors"]] == [{"code": "INVALID_INPUT",
                                                          "field": argument}]


def test_a_well_formed_id_in_another_spelling_is_read_as_the_same_id(api):
    member = api.province.members["an"]

    body = api.gql("query($id: ID!) { member(id: $id) { id } }", {"id": member.upper()},
                   org=api.province.commune_a)

    assert body == {"data": {"member": {"id": member}}}
