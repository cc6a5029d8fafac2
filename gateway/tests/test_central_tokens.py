"""A province gateway trusting the central organisation commission's keys: a central token reads
the statistics fields (organisation tree counts, meeting attendance, evaluation levels) of the
whole province, and every field returning a person or a personal detail — enumerated from the
schema, not listed — refuses it FORBIDDEN with nothing personal in the answer."""

from __future__ import annotations

import json
import warnings
from datetime import date
from typing import Any

import pytest
from graphql import GraphQLEnumType, GraphQLNonNull, GraphQLObjectType, get_named_type

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

from gateway.auth import CENTRAL_COMMISSION, VIEWER, issue_central_token
from gateway.keys import KeySet
from gateway.schema import build_schema
from gateway.server import create_app
from kit.clock import FixedClock

from .conftest import KEY, Api
from .every_mutation import every_mutation
from .meetings_world import build_province, hold
from .test_bounds import _selection

SCHEMA = build_schema()._schema
CENTRAL_KEYS = KeySet.generate()  # the central commission's key set, in memory
# the fields that make a type a person's, or about one
PERSONAL = {"fullName", "citizenId", "dateOfBirth", "hometown", "memberId", "subjectId"}
# the statistics a central token reads (with what they hold that is no person)
AGGREGATES = {("Query", "organisationTree"), ("Query", "meetingStatistics"),
              ("Query", "levelDistribution"), ("MeetingStatistics", "attendance"),
              ("MeetingStatistics", "byBranch"), ("MeetingStatistics", "organisation")}
STATISTICS = """query($root: ID) {
  organisationTree { organisation { id name } subtreeCounts { onRolls official } }
  meetingStatistics(organisationId: $root, from: "2026-01-01", to: "2026-12-31") {
    attendance { meetings expected present } byBranch { attendance { present } } }
  levelDistribution(organisationId: $root, fromYear: 2025, toYear: 2026) { year total } }"""


def central_token(roles: tuple[str, ...] = (CENTRAL_COMMISSION,), keys: KeySet = CENTRAL_KEYS,
                  ) -> str:
    return issue_central_token(keys, user="btc-trung-uong", roles=roles)


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    clock = FixedClock()
    clock.set_today(date(2026, 11, 20))
    p = build_province(tmp_path_factory.mktemp("central"), clock)
    app = create_app(p.platform.services, KEY, trusted=CENTRAL_KEYS)
    try:
        with TestClient(app) as client:
            api = Api(client, p)
            hold(api, p.branch_a, "2026-10-05", unexcused=(p.members["binh"],))
            yield api
    finally:
        p.platform.close()


def as_central(api: Api, query: str, variables: dict | None = None, **token: Any) -> dict:
    response = api.post(query, variables, token=central_token(**token))
    assert response.status_code == 200, response.text
    return response.json()


# -- the aggregates -------------------------------------------------------------------------

def test_a_central_token_reads_the_provinces_statistics_as_its_root_token_does(api):
    root = api.province.root
    central = as_central(api, STATISTICS)
    province = api.gql(STATISTICS, {"root": root}, org=root, roles=(VIEWER,))

    assert "errors" not in central, central
    assert central == province
    assert central["data"]["organisationTree"]["organisation"]["id"] == root
    assert central["data"]["organisationTree"]["subtreeCounts"]["onRolls"] == 5
    assert central["data"]["meetingStatistics"]["attendance"] == {
        "meetings": 1, "expected": 4, "present": 3}


@pytest.mark.parametrize("field", ["organisationTree", "meetingStatistics", "levelDistribution"])
def test_each_aggregate_field_answers_a_central_token_for_a_subtree_named(api, field):
    query = {"organisationTree": "query($o: ID) { organisationTree(rootId: $o) "
                                 "{ subtreeCounts { onRolls } } }",
             "meetingStatistics": "query($o: ID) { meetingStatistics(organisationId: $o, "
                                  "from: \"2026-10-01\", to: \"2026-10-31\") "
                                  "{ attendance { present } } }",
             "levelDistribution": "query($o: ID) { levelDistribution(organisationId: $o, "
                                  "fromYear: 2026, toYear: 2026) { total } }"}[field]
    body = as_central(api, query, {"o": api.province.commune_a})
    assert "errors" not in body and body["data"][field] is not None, body
    assert body == api.gql(query, {"o": api.province.commune_a})


def test_an_organisation_of_no_province_is_refused_to_a_central_token(api):
    body = as_central(api, "{ organisationTree(rootId: \"6f1c1b9e-1f7a-4d2a-9d7e-2d3b4a5c6d7e\")"
                           " { subtreeCounts { onRolls } } }")
    assert body["data"]["organisationTree"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]


def test_a_province_token_still_reads_only_its_subtree(api):
    body = api.gql("query($o: ID) { meetingStatistics(organisationId: $o, from: \"2026-01-01\","
                   " to: \"2026-12-31\") { attendance { present } } }",
                   {"o": api.province.commune_b})
    assert body["data"]["meetingStatistics"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]


def test_without_the_central_keys_a_central_token_is_refused_as_an_untrusted_issuer(api):
    app = create_app(api.province.platform.services, KEY, answer_cache=False)
    with TestClient(app) as client:
        response = client.post("/graphql", json={"query": "{ viewer { userId } }"},
                               headers={"Authorization": f"Bearer {central_token()}"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["reason"] == "UNTRUSTED_ISSUER"


def test_a_central_token_of_other_keys_or_without_the_central_role_is_refused(api):
    forged = api.post("{ viewer { userId } }", token=central_token(keys=KeySet.generate()))
    assert (forged.status_code, forged.json()["errors"][0]["extensions"]["reason"]) == (
        401, "UNKNOWN_KEY")
    viewer = api.post("{ viewer { userId } }", token=central_token(roles=(VIEWER,)))
    assert (viewer.status_code, viewer.json()["errors"][0]["extensions"]["reason"]) == (
        401, "AGGREGATES_ONLY")


@pytest.mark.parametrize("mutation", every_mutation(), ids=lambda m: m.field)
def test_every_mutation_refuses_a_central_token_and_changes_nothing(api, mutation):
    heads = (api.province.head(), api.province.meetings_head())
    body = as_central(api, mutation.document("__typename ... on Error { code }"), mutation.variables)

    answer = body["data"][mutation.field] if body.get("data") else None
    refused = answer == {"__typename": "Forbidden", "code": "FORBIDDEN"} or (
        answer is None and {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"})
    assert refused, body
    assert (api.province.head(), api.province.meetings_head()) == heads


# -- every field returning a person ---------------------------------------------------------

def _reaches_persons() -> set[str]:
    """Object types holding a person's details, or leading to one through their fields."""
    objects = {n: t for n, t in SCHEMA.type_map.items()
               if isinstance(t, GraphQLObjectType) and not n.startswith("__")}
    found = {n for n, t in objects.items() if PERSONAL & set(t.fields)}
    grew = True
    while grew:
        grew = False
        for name, t in objects.items():
            if name not in found and name != SCHEMA.query_type.name and any(
                    get_named_type(f.type).name in found for f in t.fields.values()):
                found.add(name)
                grew = True
    return found


PERSONS = _reaches_persons()


def _paths() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(type, field) -> the (type, field) steps from Query to it, through the aggregates where
    they lead (so the fields below a statistic are asked there), breadth first."""
    paths: dict[tuple[str, str], list[tuple[str, str]]] = {}
    reached = {SCHEMA.query_type.name: []}
    todo = [SCHEMA.query_type]
    while todo:
        t = todo.pop(0)
        fields = sorted(t.fields.items(), key=lambda kv: (t.name, kv[0]) not in AGGREGATES)
        for name, f in fields:
            steps = [*reached[t.name], (t.name, name)]
            paths.setdefault((t.name, name), steps)
            inner = get_named_type(f.type)
            if isinstance(inner, GraphQLObjectType) and inner.name not in reached:
                reached[inner.name] = steps
                todo.append(inner)
    return paths


PATHS = _paths()
PERSON_FIELDS = sorted(key for key in PATHS if key not in AGGREGATES and get_named_type(
    SCHEMA.get_type(key[0]).fields[key[1]].type).name in PERSONS)


def _value(api: Api, name: str, arg: Any) -> str:
    p = api.province
    kind = get_named_type(arg.type)
    if kind.name == "ID":
        return json.dumps(p.members["an"] if name.startswith(("member", "subject")) else p.root)
    if kind.name == "Date":
        return '"2026-10-31"' if name == "to" else '"2026-10-01"'
    if kind.name == "Int":
        return "10" if name == "first" else "2026"
    if kind.name == "String":
        return json.dumps({"citizenId": "037060000001", "cycle": "2025-2030"}.get(name, "x"))
    if kind.name == "Boolean":
        return "false"
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    raise AssertionError(f"no sample for the argument {name}: {kind}")


def _query(api: Api, steps: list[tuple[str, str]]) -> str:
    text = ""
    for type_name, field_name in reversed(steps):
        f = SCHEMA.get_type(type_name).fields[field_name]
        args = [f"{n}: {_value(api, n, a)}" for n, a in f.args.items()
                if isinstance(a.type, GraphQLNonNull) or n in ("organisationId", "from", "to")]
        inner = get_named_type(f.type)
        below = f"{{ {text} }}" if text else (
            f"{{ {_selection(inner, 0)} }}" if isinstance(inner, GraphQLObjectType) else "")
        text = f"{field_name}{'(' + ', '.join(args) + ')' if args else ''} {below}"
    return f"{{ {text} }}"


def test_the_enumeration_finds_the_fields_returning_persons():
    assert {("Query", "member"), ("Query", "members"), ("Query", "membersByCitizenId"),
            ("Query", "meeting"), ("Query", "cadreFile"), ("Query", "workQueue"),
            ("MeetingStatistics", "byMember"), ("Query", "unsatisfactoryTwoYearsRunning"),
            } <= set(PERSON_FIELDS)
    assert ("Query", "organisationTree") not in PERSON_FIELDS
    assert PATHS[("MeetingStatistics", "byMember")][0] == ("Query", "meetingStatistics")


@pytest.mark.parametrize(("type_name", "field_name"), PERSON_FIELDS,
                         ids=[f"{t}.{f}" for t, f in PERSON_FIELDS])
def test_every_field_returning_a_person_refuses_a_central_token(api, type_name, field_name):
    steps = PATHS[(type_name, field_name)]
    query = _query(api, steps)
    body = as_central(api, query)

    path = [field for _, field in steps]
    refusals = [e for e in body.get("errors", [])
                if e["extensions"]["code"] == "FORBIDDEN" and e["path"][:1] == path[:1]
                and [p for p in e["path"] if isinstance(p, str)] == path[:len(
                    [p for p in e["path"] if isinstance(p, str)])]]
    assert refusals, (query, body)
    answered = json.dumps(body.get("data"), ensure_ascii=False)
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "037060000001"):
        assert name not in answered, (query, body)


def test_a_deployment_trusts_the_central_jwks_file_named_by_its_environment(api, tmp_path,
                                                                          monkeypatch):
    jwks = tmp_path / "central.jwks.json"
    jwks.write_text(json.dumps(CENTRAL_KEYS.jwks()), encoding="utf-8")
    monkeypatch.setenv("PARTYORG_CENTRAL_JWKS", str(jwks))
    app = create_app(api.province.platform.services, KEY, answer_cache=False)
    query = {"query": "{ organisationTree { subtreeCounts { onRolls } } }"}
    with TestClient(app) as client:
        def ask(token: str) -> Any:
            return client.post("/graphql", json=query, headers={"Authorization": f"Bearer {token}"})

        assert ask(central_token()).json() == {
            "data": {"organisationTree": {"subtreeCounts": {"onRolls": 5}}}}
        rotated = KeySet.generate()  # the central commission's new keys, published in the file
        assert ask(central_token(keys=rotated)).status_code == 401
        jwks.write_text(json.dumps({"keys": CENTRAL_KEYS.jwks()["keys"]
                                    + rotated.jwks()["keys"]}), encoding="utf-8")
        assert ask(central_token(keys=rotated)).status_code == 200
