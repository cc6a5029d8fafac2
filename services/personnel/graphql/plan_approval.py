"""Plan approval (phê duyệt quy hoạch) and the yearly review (rà soát, bổ sung): the mutations
(the service takes an approval only from the committee directly above, by an organ the rules
name), and the plan's approval state, which names cadres and so goes through the cadre guard."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from gateway.toolkit import COMMAND_ID, CommandSucceeded, execute
from services.personnel import api as c
from services.personnel.api import parse_id

from .access import cadre_queries
from .inputs import CadreDecisionInput
from .mutations import _union
from .types import Info

DENIED = "your roles do not allow approving or reviewing cadre plans"


@strawberry.input(description="Phê duyệt quy hoạch of a committee's posts for a cycle, as it "
                              "stands, by the committee directly above.")
class ApprovePlanInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    managing_organisation_id: strawberry.ID
    cycle: str
    year: int
    decision: CadreDecisionInput

    def to_command(self) -> c.ApprovePlan:
        return c.ApprovePlan(str(self.managing_organisation_id), self.cycle, self.year,
                             decision=self.decision.to_decision())


@strawberry.input(description="Rà soát, bổ sung quy hoạch: at most once a year.")
class ReviewPlanInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    managing_organisation_id: strawberry.ID
    cycle: str
    year: int
    reviewed_on: date
    decision: CadreDecisionInput

    def to_command(self) -> c.ReviewPlan:
        return c.ReviewPlan(str(self.managing_organisation_id), self.cycle, self.year,
                            self.reviewed_on, decision=self.decision.to_decision())


@strawberry.type
class PlanCommandSucceeded(CommandSucceeded):
    plan_id: strawberry.ID


ApprovePlanResult = _union("ApprovePlan", PlanCommandSucceeded)
ReviewPlanResult = _union("ReviewPlan", PlanCommandSucceeded)


def run(info: Info, input: Any) -> Any:
    return execute(info, "personnel", input, PlanCommandSucceeded, parse_id=parse_id,
                   denied=DENIED)


@strawberry.type
class PlanApprovalMutation:
    @strawberry.mutation(description="Phê duyệt quy hoạch: refused, naming the rule, unless by "
                                     "the committee directly above, or when the plan breaks a "
                                     "limit.")
    def approve_plan(self, info: Info, input: ApprovePlanInput) -> ApprovePlanResult:
        return run(info, input)

    @strawberry.mutation(description="Rà soát quy hoạch: refused, naming the rule, a second "
                                     "time in a year.")
    def review_plan(self, info: Info, input: ReviewPlanInput) -> ReviewPlanResult:
        return run(info, input)


@strawberry.type(description="A cadre added to or removed from a post's plan since approval.")
class PlanChange:
    post_id: strawberry.ID
    cadre_id: strawberry.ID


@strawberry.type(description="A plan's approval: when, by whom, its last yearly review, and "
                             "what changed since.")
class PlanApproval:
    managing_organisation_id: strawberry.ID
    cycle: str
    approved_on: date
    approved_by_organisation_id: strawberry.ID
    approved_by_organ: str
    decision_number: str
    signer: str
    rule_version: str
    last_reviewed_year: int
    review_due: bool
    added_since: list[PlanChange]
    removed_since: list[PlanChange]

    @classmethod
    def of(cls, v: Any) -> PlanApproval:
        fields = {f: getattr(v, f) for f in (
            "managing_organisation_id", "cycle", "approved_on", "approved_by_organisation_id",
            "approved_by_organ", "decision_number", "signer", "rule_version",
            "last_reviewed_year", "review_due")}
        return cls(**fields,
                   added_since=[PlanChange(post_id=x.post_id, cadre_id=x.cadre_id)
                                for x in v.added_since],
                   removed_since=[PlanChange(post_id=x.post_id, cadre_id=x.cadre_id)
                                  for x in v.removed_since])


@strawberry.type
class PlanApprovalQuery:
    @strawberry.field(description="The approval state of the committee's plan for a cycle; "
                                  "null before it is approved.")
    def plan_approval(self, info: Info, committee_id: strawberry.ID, cycle: str,
                      on: date | None = None) -> PlanApproval | None:
        queries = cadre_queries(info.context, str(committee_id))
        view = queries.plan_approval(str(committee_id), cycle, on)
        return PlanApproval.of(view) if view else None

    @strawberry.field(description="Work: the committee's plans whose last review is more than "
                                  "the rule's years old (plan_review_due).")
    def plan_reviews_due(self, info: Info, committee_id: strawberry.ID,
                         on: date | None = None) -> list[PlanApproval]:
        queries = cadre_queries(info.context, str(committee_id))
        return [PlanApproval.of(v) for v in queries.plan_reviews_due(str(committee_id), on)]
