"""Cadre files and plans through GraphQL: only the organisation commission of the managing
committee sees them; each read of a file is recorded with its purpose, and the read audit is its
inspection committee's only. A viewer, a branch's token and another committee's token see none."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from prometheus_client import REGISTRY

from gateway.auth import ORGANISATION_COMMISSION, VIEWER

from .conftest import asking

FILE = """query($id: ID!, $purpose: String!) { cadreFile(id: $id, purpose: $purpose) {
  cadre { id fullName dateOfBirth gender } politicalTheory plans { postId cycle } } }"""
CADRE_FIELDS = {
    "posts": "posts(committeeId: $c) { id }",
    "planFullness": 'planFullness(committeeId: $c, cycle: "2030-2035") { cadres { id } }',
    "planStructure": 'planStructure(committeeId: $c, cycle: "2030-2035") { cadres warnings }',
    "expiringTerms": 'expiringTerms(committeeId: $c, from: "2026-01-01", to: "2030-12-31") '
                     "{ cadre { id } }",
    "promotionBans": "promotionBans(committeeId: $c) { cadre { id } }",
    "personnelWorkQueue": "personnelWorkQueue(committeeId: $c) { kind }",
}
AUDIT = """query($c: ID!) { cadreFileReads(committeeId: $c, from: "2026-01-01", to: "2026-12-31")
  { cadreId reader readerRole readerOrganisationId readerOrgan purpose readAt } }"""
PLAN = """mutation($input: AddCadreToPlanInput!) { addCadreToPlan(input: $input) {
  __typename ... on Error { code message } ... on RuleViolated { rule ruleVersion } } }"""


@pytest.fixture
def planned(world):
    post = world.post("Chủ tịch UBND tỉnh", 95)
    cadre = world.cadre("Trần Thị Hoa", date(1980, 4, 2), "female")
    world.plan(post, cadre)
    return post, cadre


def codes(body: dict) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]


def test_the_managing_committees_organisation_commission_reads_the_file_and_the_read_is_audited(
        world, gateway, planned):
    post, cadre = planned
    body = gateway(FILE, {"id": cadre, "purpose": "Thẩm định quy hoạch"}, world.province)
    assert "errors" not in body, body
    assert body["data"]["cadreFile"]["cadre"]["fullName"] == "Trần Thị Hoa"
    assert body["data"]["cadreFile"]["plans"] == [{"postId": post, "cycle": "2030-2035"}]
    gateway(FILE, {"id": cadre, "purpose": "Chuẩn bị bổ nhiệm"}, world.province,
            organ="standing_committee", user="u-thuong-vu")

    audit = gateway(AUDIT, {"c": world.province}, world.province, roles=(VIEWER,),
                    organ="inspection_committee", user="u-ubkt")
    assert "errors" not in audit, audit
    reads = audit["data"]["cadreFileReads"]
    assert [(r["cadreId"], r["reader"], r["readerOrgan"], r["purpose"]) for r in reads] == [
        (cadre, "u-ban-to-chuc", "", "Thẩm định quy hoạch"),
        (cadre, "u-thuong-vu", "standing_committee", "Chuẩn bị bổ nhiệm")]
    assert all(r["readerOrganisationId"] == world.province for r in reads)
    # the audit is the inspection committee's only, and reading it records nothing more
    for org, roles, organ in ((world.province, (ORGANISATION_COMMISSION,), None),
                              (world.province, (ORGANISATION_COMMISSION,), "standing_committee"),
                              (world.commune, (VIEWER,), "inspection_committee")):
        refused = gateway(AUDIT, {"c": world.province}, org, roles=roles, organ=organ)
        assert codes(refused) == ["FORBIDDEN"] and refused["data"] is None
    assert len(world.queries.file_reads(world.province, date(2026, 1, 1),
                                        date(2026, 12, 31))) == 2


def test_a_file_asked_of_a_server_with_query_processes_is_read_and_recorded_by_the_server(
        world, planned, tmp_path):
    """A query process has no command side: the read cannot be recorded there, so the query
    is executed by the serving process, which records it before it answers."""
    _, cadre = planned
    served = executed("serving_process")
    with asking(world, tmp_path, query_processes=1) as gateway:
        body = gateway(FILE, {"id": cadre, "purpose": "Thẩm định quy hoạch"}, world.province)
        assert "errors" not in body, body
        assert body["data"]["cadreFile"]["cadre"]["fullName"] == "Trần Thị Hoa"
        audit = gateway(AUDIT, {"c": world.province}, world.province, roles=(VIEWER,),
                        organ="inspection_committee", user="u-ubkt")
    assert [r["purpose"] for r in audit["data"]["cadreFileReads"]] == ["Thẩm định quy hoạch"]
    assert executed("serving_process") == served + 1  # the file; the audit went away


def executed(where: str) -> float:
    return REGISTRY.get_sample_value("partyorg_graphql_queries_executed_total",
                                     {"where": where}) or 0.0


@pytest.mark.parametrize("who", ["viewer", "branch", "other_committee", "inspection"])
def test_no_one_else_sees_a_cadre_file_or_plan_and_nothing_is_recorded(world, gateway, planned,
                                                                      who):
    post, cadre = planned
    org, roles, organ = {
        "viewer": (world.province, (VIEWER,), None),
        "branch": (world.branch, (ORGANISATION_COMMISSION,), "assembly"),
        "other_committee": (world.commune, (ORGANISATION_COMMISSION,), "standing_committee"),
        "inspection": (world.province, (ORGANISATION_COMMISSION,), "inspection_committee"),
    }[who]
    body = gateway(FILE, {"id": cadre, "purpose": "Tò mò"}, org, roles=roles, organ=organ)
    assert codes(body) == ["FORBIDDEN"] and body["data"]["cadreFile"] is None
    nothing = gateway(FILE, {"id": str(uuid.uuid4()), "purpose": "Tò mò"}, org, roles=roles,
                      organ=organ)  # answered as an id naming no file: nothing is learnt
    assert nothing["errors"][0]["message"] == body["errors"][0]["message"]
    for field, selection in CADRE_FIELDS.items():
        body = gateway(f"query($c: ID!) {{ {selection} }}", {"c": world.province}, org,
                       roles=roles, organ=organ)
        assert codes(body) == ["FORBIDDEN"], (field, body)
    assert world.queries.file_reads(world.province, date(2026, 1, 1), date(2026, 12, 31)) == []
    # nor do they plan: another committee's post is not found, a viewer changes nothing
    other = world.cadre("Lê Văn Tám", date(1985, 1, 1), "male")
    given = {"input": {"commandId": str(uuid.uuid4()), "postId": post, "cadreId": other,
                       "cycle": "2030-2035", "decision": {
                           "number": "1-QĐ", "decidedOn": "2026-03-01", "signer": "Lê Văn A"}}}
    refused = gateway(PLAN, given, org, roles=roles, organ=organ)["data"]["addCadreToPlan"]
    # the inspection committee sees the post (its committee's) but does not decide planning
    assert refused["code"] == {"viewer": "FORBIDDEN", "branch": "NOT_FOUND",
                               "other_committee": "NOT_FOUND",
                               "inspection": "RULE_VIOLATED"}[who], refused


def test_every_cadre_query_answers_the_managing_committee(world, gateway, planned):
    for field, selection in CADRE_FIELDS.items():
        body = gateway(f"query($c: ID!) {{ {selection} }}", {"c": world.province},
                       world.province)
        assert "errors" not in body, (field, body)
    structure = gateway("query($c: ID!) { " + CADRE_FIELDS["planStructure"] + " }",
                        {"c": world.province}, world.province)["data"]["planStructure"]
    assert structure == {"cadres": 1, "warnings": ["young_below_target"]}


def test_planning_through_graphql_refuses_the_fourth_cadre_naming_the_rule(world, gateway,
                                                                           planned):
    post, _ = planned
    for name in ("Lê Văn An", "Phạm Văn Bình", "Đỗ Văn Cường"):
        cadre = world.cadre(name, date(1985, 1, 1), "male")
        given = {"input": {"commandId": str(uuid.uuid4()), "postId": post, "cadreId": cadre,
                           "cycle": "2030-2035", "decision": {
                               "number": "2-QĐ/TU", "decidedOn": "2026-03-01",
                               "signer": "Nguyễn Văn Thành"}}}
        answer = gateway(PLAN, given, world.province, organ="standing_committee")
        result = answer["data"]["addCadreToPlan"]
        if name == "Đỗ Văn Cường":
            assert result == {"__typename": "RuleViolated", "code": "RULE_VIOLATED",
                              "message": result["message"],
                              "rule": "planning.max_cadres_per_post",
                              "ruleVersion": "QD377-2025"}
        else:
            assert result["__typename"] == "AddCadreToPlanSucceeded", answer
