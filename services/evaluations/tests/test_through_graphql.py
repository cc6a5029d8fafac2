"""Issue 12's "done means", through GraphQL alone (the embedded platform served over HTTP): a
committee opens a period, members self-assess, the branch comments, the appraisal proposes, the
deciding body decides; a decision breaking the 20 % quota is refused with the headroom; the
progress board and the distribution change accordingly."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

with warnings.catch_warnings():  # starlette nudges towards httpx2; httpx is what we pin
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

from gateway.auth import ORGANISATION_COMMISSION, KeySet, issue_token
from gateway.server import create_app

KEY = KeySet.generate()  # EdDSA since the tokens moved from HS256
ANSWER = """__typename ... on Error { code message } ... on RuleViolated { rule ruleVersion }
  ... on PeriodCommandSucceeded { periodId }"""


class Api:
    def __init__(self, client: TestClient, province: Any) -> None:
        self.client = client
        self.province = province

    def gql(self, query: str, variables: dict | None = None, *, org: str,
            organ: str | None = None) -> dict:
        token = issue_token(KEY, user="ban-to-chuc", roles=[ORGANISATION_COMMISSION], org=org,
                            province="NB", organ=organ)
        response = self.client.post("/graphql", json={"query": query,
                                                      "variables": variables or {}},
                                    headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body
        return body["data"]

    def mutate(self, name: str, fields: dict, *, org: str, organ: str | None = None) -> dict:
        command = name[0].upper() + name[1:]
        return self.gql(f"mutation($input: {command}Input!) {{ {name}(input: $input) "
                        f"{{ {ANSWER} }} }}", {"input": {"commandId": str(uuid.uuid4()),
                                                        **fields}}, org=org, organ=organ)[name]

    def succeed(self, name: str, fields: dict, **kwargs: Any) -> dict:
        answer = self.mutate(name, fields, **kwargs)
        assert answer["__typename"] == name[0].upper() + name[1:] + "Succeeded", answer
        return answer


@pytest.fixture
def api(province) -> Iterator[Api]:
    with TestClient(create_app(province.platform.services, KEY)) as client:
        yield Api(client, province)


def test_a_campaign_through_graphql_alone(api):
    ids = api.province.ids
    school = ids["school"]
    period = api.succeed("openEvaluationPeriod", {
        "organisationId": school, "kind": "ANNUAL", "year": 2025, "referenceDate": "2025-12-01",
        "closesOn": "2026-01-31"}, org=school)["periodId"]
    board = """query($org: ID!, $period: ID!) { evaluationProgress(organisationId: $org,
        periodId: $period) { onRoll selfAssessed commented appraised decided } }"""
    assert api.gql(board, {"org": school, "period": period}, org=school)[
        "evaluationProgress"] == {"onRoll": 6 + 3, "selfAssessed": 0, "commented": 0,
                                  "appraised": 0, "decided": 0}

    def steps(member: str, level: str, general: float, exceeded: int) -> None:
        branch = ids["maths"] if member in {ids[f"t{n}"] for n in range(4)} else ids["letters"]
        step = {"periodId": period, "subjectId": member}
        api.succeed("submitSelfAssessment", {
            **step, "form": "CIVIL_SERVANT", "generalPoints": general, "resultPoints": 65.0,
            "tasks": {"total": 10, "onTime": 10, "exceeded": exceeded, "late": 0, "notDone": 0},
            "selfProposedLevel": level, "submittedOn": "2025-12-10"}, org=branch)
        api.succeed("recordCollectiveComments", {
            **step, "comments": "Chi bộ nhất trí", "suggestedLevel": level,
            "recordedOn": "2025-12-15"}, org=branch)
        api.succeed("appraiseEvaluation", {**step, "proposedLevel": level,
                                           "appraisedOn": "2025-12-20"}, org=school)

    def decide(member: str, level: str) -> dict:
        return api.mutate("decideClassification", {
            "periodId": period, "subjectId": member, "level": level,
            "decision": {"number": "30-QĐ/ĐU", "signer": "Phạm Văn Hùng",
                         "decidedOn": "2025-12-28"}}, org=school, organ="committee")

    for n in range(4):
        steps(ids[f"t{n}"], "GOOD", 25.0, 1)
        assert decide(ids[f"t{n}"], "GOOD")["__typename"] == "DecideClassificationSucceeded"
    for n in (4, 5):
        steps(ids[f"t{n}"], "EXCELLENT", 29.0, 4)
    assert decide(ids["t4"], "EXCELLENT")["__typename"] == "DecideClassificationSucceeded"
    refused = decide(ids["t5"], "EXCELLENT")
    assert (refused["__typename"], refused["rule"]) == ("RuleViolated", "quota.excellent")
    assert "headroom 0" in refused["message"]

    assert api.gql(board, {"org": school, "period": period}, org=school)[
        "evaluationProgress"] == {"onRoll": 9, "selfAssessed": 6, "commented": 6,
                                  "appraised": 6, "decided": 5}
    headroom = api.gql("""query($org: ID!, $period: ID!) { excellentQuotaHeadroom(
        organisationId: $org, periodId: $period) { subjectKind countedIn excellent good
        headroom } }""", {"org": school, "period": period}, org=school)["excellentQuotaHeadroom"]
    assert {"subjectKind": "MEMBER", "countedIn": school, "excellent": 1, "good": 4,
            "headroom": 0} in headroom
    distribution = api.gql("""query($org: ID!) { levelDistribution(organisationId: $org,
        fromYear: 2025, toYear: 2025) { year excellent good completed failed } }""",
                           {"org": school}, org=school)["levelDistribution"]
    assert distribution == [{"year": 2025, "excellent": 1, "good": 4, "completed": 0,
                             "failed": 0}]


def test_a_commune_token_does_not_reach_another_grassroots_subjects(api):
    ids = api.province.ids
    period = api.succeed("openEvaluationPeriod", {
        "organisationId": ids["province"], "kind": "ANNUAL", "year": 2025,
        "referenceDate": "2025-12-01", "closesOn": "2026-01-31"}, org=ids["province"])["periodId"]
    answer = api.mutate("submitSelfAssessment", {
        "periodId": period, "subjectId": ids["doctor"], "form": "CIVIL_SERVANT",
        "generalPoints": 25.0, "resultPoints": 60.0, "selfProposedLevel": "GOOD",
        "tasks": {"total": 1, "onTime": 1, "exceeded": 0, "late": 0, "notDone": 0},
        "submittedOn": date(2025, 12, 10).isoformat()}, org=ids["school"])
    assert answer["__typename"] == "NotFound"
