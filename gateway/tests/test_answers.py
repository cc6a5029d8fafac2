"""Kept answers: a repeated query is answered without executing it again, and never stale."""

from __future__ import annotations

from datetime import date

from prometheus_client import REGISTRY

from services.membership.domain import commands as c

from .conftest import new_id, profile, profile_input

COUNT = """query($org: ID!) { members(organisationId: $org) { totalCount
  edges { node { fullName } } } }"""


def answered(result: str) -> float:
    return REGISTRY.get_sample_value("partyorg_graphql_answers_total", {"result": result}) or 0.0


def test_a_repeated_query_is_answered_from_the_kept_answer(api):
    p = api.province
    first = api.post(COUNT, {"org": p.branch_a}, token=api.token(p.root))
    hits = answered("hit")
    again = api.post(COUNT, {"org": p.branch_a}, token=api.token(p.root))
    assert again.status_code == 200
    assert again.content == first.content
    assert again.headers["content-type"] == "application/json"
    assert again.headers["x-correlation-id"]
    assert answered("hit") == hits + 1


def test_a_write_made_through_the_gateway_shows_in_the_next_answer(api):
    p = api.province
    before = api.gql(COUNT, {"org": p.branch_a}, org=p.root)["data"]["members"]["totalCount"]
    admitted = api.gql(
        """mutation($input: RecordExistingMemberInput!) { recordExistingMember(input: $input)
        { __typename } }""",
        {"input": {"commandId": new_id(), "organisationId": p.branch_a,
                   "profile": profile_input("Phạm Văn Dũng", "1970-02-03", serial=21),
                   "status": "OFFICIAL", "admittedOn": "2001-05-19",
                   "officialFrom": "2002-05-19"}}, org=p.root)
    assert admitted["data"]["recordExistingMember"]["__typename"] == \
        "RecordExistingMemberSucceeded", admitted
    after = api.gql(COUNT, {"org": p.branch_a}, org=p.root)["data"]["members"]["totalCount"]
    assert after == before + 1


def test_a_write_made_behind_the_gateway_shows_in_the_next_answer(api):
    p = api.province
    names = [e["node"]["fullName"] for e in api.gql(COUNT, {"org": p.branch_b}, org=p.root)[
        "data"]["members"]["edges"]]
    p.system(c.RecordExistingMember(p.branch_b, profile("Đỗ Thị Hoa", date(1980, 4, 4), "female",
                                                        9), "official", date(2005, 1, 3),
                                    official_from=date(2006, 1, 3)))
    again = [e["node"]["fullName"] for e in api.gql(COUNT, {"org": p.branch_b}, org=p.root)[
        "data"]["members"]["edges"]]
    assert again == sorted([*names, "Đỗ Thị Hoa"], key=again.index)
    assert "Đỗ Thị Hoa" in again and len(again) == len(names) + 1


def test_callers_of_different_subtrees_do_not_share_answers(api):
    p = api.province
    from_root = api.gql(COUNT, {"org": p.branch_b}, org=p.root)
    assert from_root["data"]["members"]["totalCount"] == 1
    from_commune_a = api.gql(COUNT, {"org": p.branch_b}, org=p.commune_a)
    assert from_commune_a["data"] is None or from_commune_a["data"]["members"] is None
    assert from_commune_a["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_an_answer_with_errors_is_executed_again_every_time(api):
    p = api.province
    hits = answered("hit")
    for _ in range(3):
        refused = api.gql(COUNT, {"org": p.branch_b}, org=p.commune_a)
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert answered("hit") == hits


def test_a_mutation_is_never_answered_from_a_kept_answer(api):
    p = api.province
    rename = """mutation($input: RenameOrganisationInput!) { renameOrganisation(input: $input)
        { __typename } }"""
    variables = {"input": {"commandId": new_id(), "organisationId": p.branch_a,
                           "name": "Chi bộ thôn Bình Hải 2", "effectiveOn": "2026-11-01"}}
    hits, misses = answered("hit"), answered("miss")
    token = api.token(p.root)
    for _ in range(2):  # the second time the service answers from its idempotency record
        done = api.post(rename, variables, token=token).json()
        assert done["data"]["renameOrganisation"]["__typename"] == \
            "RenameOrganisationSucceeded", done
    assert (answered("hit"), answered("miss")) == (hits, misses)


def test_read_models_that_cannot_catch_up_answer_a_graphql_error_not_a_server_error(api):
    p = api.province
    p.membership.catch_up.stop()  # the catch-up thread is gone, and a write is owed
    p.membership.catch_up.request()
    response = api.post(COUNT, {"org": p.branch_a}, token=api.token(p.root))
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
