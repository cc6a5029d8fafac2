"""The gateway process with evaluations reached over RPC: a committee opens a period and takes
a member through the steps by GraphQL only, and the progress board it reads back (evaluations'
read models, fed through Kafka) follows; /healthz reports evaluations beside membership."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

MUTATE = """mutation M($input: {command}Input!) {{ {name}(input: $input) {{ __typename
  ... on Error {{ code message }} ... on PeriodCommandSucceeded {{ periodId }} }} }}"""
BOARD = """query($org: ID!, $period: ID!) { evaluationProgress(organisationId: $org,
  periodId: $period) { onRoll selfAssessed appraised decided } }"""


def test_through_graphql_a_member_is_classified_over_rpc_and_the_board_follows(
        evaluations, evaluations_gateway):
    grassroots, branch, (member,) = evaluations.grassroots(
        "Đảng bộ Trường Tiểu học Kim Đông", ("Mạc Văn Tú", "male"))
    gql = evaluations_gateway.gql

    def mutate(name: str, organ: str | None = None, **fields: Any) -> dict:
        command = name[0].upper() + name[1:]
        result = gql(MUTATE.format(command=command, name=name),
                     {"input": {"commandId": str(uuid.uuid4()), **fields}}, org=grassroots,
                     organ=organ)[name]
        assert result["__typename"] == f"{command}Succeeded", result
        return result

    period = mutate("openEvaluationPeriod", organisationId=grassroots, kind="ANNUAL",
                    year=2025, referenceDate="2025-12-01", closesOn="2026-01-31")["periodId"]
    step = {"periodId": period, "subjectId": member}
    mutate("submitSelfAssessment", **step, form="OTHER", generalPoints=27.0, resultPoints=60.0,
           tasks={"total": 3, "onTime": 3, "exceeded": 0, "late": 0, "notDone": 0},
           selfProposedLevel="GOOD", submittedOn="2025-12-10")
    mutate("appraiseEvaluation", **step, proposedLevel="GOOD", appraisedOn="2025-12-20")
    mutate("decideClassification", organ="committee", **step, level="GOOD",
           decision={"number": "5-QĐ/ĐU", "signer": "Mạc Văn Bảy", "decidedOn": "2025-12-28"})

    board = gql(BOARD, {"org": grassroots, "period": period}, org=grassroots)
    health = httpx.get(f"{evaluations_gateway.url}/healthz", timeout=5).json()
    # the grassroots organisation and its branch are on the roll too
    assert board["evaluationProgress"] == {"onRoll": 3, "selfAssessed": 1, "appraised": 1,
                                           "decided": 1}
    assert health["status"] == "ok" and "storeHead" in health["evaluations"]
