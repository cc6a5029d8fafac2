"""Evaluations mutations: one per command, each answering XxxSucceeded, a typed refusal or
CommandNotConfirmed (gateway.commands).

The same token rules as membership and meetings: a viewer changes nothing (Forbidden); a period
or subject outside the caller's subtree is NotFound, as an id naming nothing; a decision is taken
only by the body the token's organ claim acts for, and only if the rules give it the decision.
"""

from __future__ import annotations

from typing import Any

import strawberry

from gateway.toolkit import Info, count_refusal, execute
from services.evaluations.api import parse_id

from . import inputs as i
from . import results as r

DENIED = "your roles do not allow changing evaluations"
UNAVAILABLE = "SERVICE_UNAVAILABLE"


def run(info: Info, input: Any, succeeded: type) -> Any:
    ctx = info.context
    if ctx.claims.can_write and ctx.service("evaluations") is None:
        count_refusal(info, UNAVAILABLE)
        return r.EvaluationsUnavailable(
            code=UNAVAILABLE, message="the evaluations service is not connected to this gateway",
            service="evaluations")
    return execute(info, "evaluations", input, succeeded, parse_id=parse_id, denied=DENIED)


@strawberry.type
class EvaluationsMutation:
    @strawberry.mutation(description="Open an evaluation period (đợt đánh giá, xếp loại) for "
                                     "your subtree.")
    def open_evaluation_period(self, info: Info, input: i.OpenEvaluationPeriodInput
                               ) -> r.OpenEvaluationPeriodResult:
        return run(info, input, r.OpenEvaluationPeriodSucceeded)

    @strawberry.mutation(description="A member's or organisation's self-assessment.")
    def submit_self_assessment(self, info: Info, input: i.SubmitSelfAssessmentInput
                               ) -> r.SubmitSelfAssessmentResult:
        return run(info, input, r.SubmitSelfAssessmentSucceeded)

    @strawberry.mutation(description="The branch's comments on a self-assessment.")
    def record_collective_comments(self, info: Info, input: i.RecordCollectiveCommentsInput
                                   ) -> r.RecordCollectiveCommentsResult:
        return run(info, input, r.RecordCollectiveCommentsSucceeded)

    @strawberry.mutation(description="Thẩm định: propose a level within what the rules allow.")
    def appraise_evaluation(self, info: Info, input: i.AppraiseEvaluationInput
                            ) -> r.AppraiseEvaluationResult:
        return run(info, input, r.AppraiseEvaluationSucceeded)

    @strawberry.mutation(description="Decide the level: refused above the appraisal's ceiling, "
                                     "beyond the HTXS quota (with the headroom), or a head "
                                     "above the collective.")
    def decide_classification(self, info: Info, input: i.DecideClassificationInput
                              ) -> r.DecideClassificationResult:
        return run(info, input, r.DecideClassificationSucceeded)

    @strawberry.mutation(description="Correct a decided classification, with its reason.")
    def correct_classification(self, info: Info, input: i.CorrectClassificationInput
                               ) -> r.CorrectClassificationResult:
        return run(info, input, r.CorrectClassificationSucceeded)

    @strawberry.mutation(description="Close the period: no further step but corrections.")
    def close_evaluation_period(self, info: Info, input: i.CloseEvaluationPeriodInput
                                ) -> r.CloseEvaluationPeriodResult:
        return run(info, input, r.CloseEvaluationPeriodSucceeded)

    @strawberry.mutation(description="Recognise an organisation rated HTXS \"trong sạch, vững "
                                     "mạnh\" tiêu biểu (TSVM 5 năm liền from its history).")
    def recognise_party_organisation(self, info: Info, input: i.RecognisePartyOrganisationInput
                                     ) -> r.RecognisePartyOrganisationResult:
        return run(info, input, r.RecognisePartyOrganisationSucceeded)
