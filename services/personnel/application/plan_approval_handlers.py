"""Approving and reviewing a committee's plan for a cycle: the plan as it stands is read from
its posts (the posts the committee manages, each post's cadres for the cycle)."""

from __future__ import annotations

from typing import Protocol

from kit.errors import Forbidden, NotFound
from kit.ids import parse_id

from ..domain import plan_approval as pa
from ..domain.events import DecisionRecord
from ..domain.post import Post
from .deps import CommandScope


class PostsOf(Protocol):
    def posts(self, managing_organisation_id: str) -> list: ...


def plan_as_it_stands(scope: CommandScope, managing_organisation_id: str,
                      cycle: str) -> tuple[pa.PlanEntry, ...]:
    catalogue: PostsOf = scope.directory  # type: ignore[assignment]  # personnel's queries
    entries = []
    for view in sorted(catalogue.posts(managing_organisation_id), key=lambda p: p.id):
        post = scope.repo.load(Post, view.id)
        scope.read.append(post)
        entries.append(pa.PlanEntry(post.id, tuple(sorted(post.planned.get(cycle, set())))))
    return tuple(entries)


def approve_plan(cmd: pa.ApprovePlan, scope: CommandScope, command_id: str) -> dict:
    managing = parse_id(cmd.managing_organisation_id, "managing_organisation_id")
    org = scope.directory.organisation(managing)
    if org is None:
        raise NotFound("organisation", managing)
    rules = scope.rules.in_force(cmd.decision.decided_on)
    organs = rules["planning.approval_organs"]
    organ = scope.context.acting_organ or ""
    if scope.acting_for is not None:
        rules.require(scope.acting_for == org.parent_id, "planning.approval_organs",
                      "a plan is approved by the committee directly above the one managing it")
        if not organ:
            raise Forbidden("a token that acts for no organ takes no decisions")
        rules.require(organ in organs, "planning.approval_organs",
                      f"the {organ} does not approve plans; {', '.join(organs)} do")
    decision = DecisionRecord(org.parent_id or managing, organ or organs[0],
                              cmd.decision.number.strip(), cmd.decision.decided_on,
                              cmd.decision.signer)
    plan = scope.repo.load(pa.PlanApproval, pa.plan_id_for(managing, cmd.cycle))
    plan.approve(managing, cmd.cycle, cmd.year,
                 plan_as_it_stands(scope, managing, cmd.cycle), decision, rules)
    scope.changed.append(plan)
    return {"plan_id": plan.id}


def review_plan(cmd: pa.ReviewPlan, scope: CommandScope, command_id: str) -> dict:
    managing = parse_id(cmd.managing_organisation_id, "managing_organisation_id")
    scope.require_manager(managing)
    decision, rules = scope.decision(managing, cmd.decision)
    plan = scope.repo.load(pa.PlanApproval, pa.plan_id_for(managing, cmd.cycle))
    plan.review(cmd.year, cmd.reviewed_on, plan_as_it_stands(scope, managing, cmd.cycle),
                decision, rules)
    scope.changed.append(plan)
    return {"plan_id": plan.id}


PLAN_APPROVAL_HANDLERS = {
    pa.ApprovePlan: approve_plan,
    pa.ReviewPlan: review_plan,
}


def plan_ids(command: object) -> dict[str, str] | None:
    if isinstance(command, (pa.ApprovePlan, pa.ReviewPlan)):
        return {"plan_id": pa.plan_id_for(command.managing_organisation_id, command.cycle)}
    return None
