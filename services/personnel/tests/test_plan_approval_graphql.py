"""Plan approval through GraphQL alone: the province's standing committee approves a commune's
plan; the commune itself and another province-level committee are refused; the approval state
is the commune's organisation commission's to read (the cadre guard), nobody else's."""

from __future__ import annotations

import uuid

from .test_plan_approval_path import commune_plan

RESULT = "__typename ... on Error { code message } ... on RuleViolated { rule ruleVersion }"
STATE = """query($c: ID!) { planApproval(committeeId: $c, cycle: "2030-2035") { approvedOn
  approvedByOrganisationId approvedByOrgan lastReviewedYear reviewDue
  addedSince { postId cadreId } removedSince { postId cadreId } } }"""


def approve(gateway, world, org: str, organ: str | None = "standing_committee") -> dict:
    query = (f"mutation($input: ApprovePlanInput!) {{ approvePlan(input: $input) {{ {RESULT} "
             "... on PlanCommandSucceeded { planId } } }")
    body = gateway(query, {"input": {
        "commandId": str(uuid.uuid4()), "managingOrganisationId": world.commune,
        "cycle": "2030-2035", "year": 2026,
        "decision": {"number": "102-QĐ/TU", "decidedOn": "2026-03-01",
                     "signer": "Nguyễn Văn Thành"}}}, org, organ=organ)
    assert "errors" not in body, body
    return body["data"]["approvePlan"]


def test_the_level_above_approves_the_commune_refused_and_another_province_too(world, gateway):
    post, first, _ = commune_plan(world)
    itself = approve(gateway, world, world.commune)
    assert (itself["__typename"], itself["rule"]) == ("RuleViolated", "planning.approval_organs")
    other = world.organisation("Đảng bộ tỉnh Hòa Bình", "provincial_committee", None)
    assert approve(gateway, world, other)["__typename"] == "NotFound"
    assert gateway(STATE, {"c": world.commune}, world.commune,
                   organ=None)["data"]["planApproval"] is None

    approved = approve(gateway, world, world.province)
    assert approved["__typename"] == "PlanCommandSucceeded", approved
    state = gateway(STATE, {"c": world.commune}, world.commune, organ=None)["data"]
    assert state["planApproval"] == {
        "approvedOn": "2026-03-01", "approvedByOrganisationId": world.province,
        "approvedByOrgan": "standing_committee", "lastReviewedYear": 2026, "reviewDue": False,
        "addedSince": [], "removedSince": []}
    # the approval state names cadres: the cadre guard keeps it from the province's token
    by_province = gateway(STATE, {"c": world.commune}, world.province)
    assert by_province["data"] is None or by_province["data"]["planApproval"] is None
    assert by_province["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_a_second_review_in_a_year_is_refused_and_an_old_review_shows_as_due(world, gateway):
    commune_plan(world)
    assert approve(gateway, world, world.province)["__typename"] == "PlanCommandSucceeded"
    query = (f"mutation($input: ReviewPlanInput!) {{ reviewPlan(input: $input) {{ {RESULT} "
             "... on PlanCommandSucceeded { planId } } }")
    body = gateway(query, {"input": {
        "commandId": str(uuid.uuid4()), "managingOrganisationId": world.commune,
        "cycle": "2030-2035", "year": 2026, "reviewedOn": "2026-03-02",
        "decision": {"number": "5-QĐ/ĐU", "decidedOn": "2026-03-02",
                     "signer": "Đinh Văn Hải"}}}, world.commune, organ="standing_committee")
    refused = body["data"]["reviewPlan"]
    assert (refused["__typename"], refused["rule"]) == ("RuleViolated",
                                                        "planning.review_every_years")
    due = """query($c: ID!, $on: Date) { planReviewsDue(committeeId: $c, on: $on) {
      cycle lastReviewedYear reviewDue } }"""
    assert gateway(due, {"c": world.commune, "on": "2027-06-01"}, world.commune,
                   organ=None)["data"]["planReviewsDue"] == []
    assert gateway(due, {"c": world.commune, "on": "2028-01-10"}, world.commune,
                   organ=None)["data"]["planReviewsDue"] == [
        {"cycle": "2030-2035", "lastReviewedYear": 2026, "reviewDue": True}]
