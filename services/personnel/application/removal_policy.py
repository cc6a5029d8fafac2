"""Removal from a plan proposed automatically from facts (issue 13 item 2): for each planned
cadre whose grounds appear (a discipline at khiển trách or above since entering the plan, from
membership's events; no longer a full term of the cycle left before the age limit), the policy
issues `ProposePlanRemoval` itself; the competent body then decides with `RemoveCadreFromPlan`.

Exactly once: each proposal's command id derives from the fact (cadre, post, cycle, the day it
entered the plan, the ground and the discipline it rests on), so running the policy again — a
redelivered event, a restarted worker, a rebuilt read model — finds the command already in the
store and proposes nothing twice. The policy reads only the read models and issues commands
through the service like any other caller; it is not a projection, so a rebuild issues nothing."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from kit.clock import Clock
from kit.envelope import Actor, CommandContext
from kit.errors import DomainError

from ..domain import commands as c
from ..domain.values import PlanRemovalGround

log = logging.getLogger(__name__)
POLICY_NAMESPACE = uuid.UUID("5b0d7e21-9c4a-4f3e-8a61-2d7f0c9e4b58")
POLICY_ACTOR = Actor("personnel.plan-removal-policy", "system")
# one proposal per entry: the ground of most weight first
ORDER = (PlanRemovalGround.DISCIPLINE, PlanRemovalGround.OVER_AGE)


@dataclass(frozen=True)
class AutomaticProposal:
    command_id: str
    command: c.ProposePlanRemoval
    fact: str  # what the proposal rests on, as recorded in its reason


def automatic_proposals(queries: Any, on: date) -> list[AutomaticProposal]:
    """The proposals the facts call for on `on`, for every committee's planned cadres not
    already proposed for removal (the same grounds the work queue shows)."""
    rules = queries.rules.in_force(on)
    out = []
    for cadre, p, found, disciplines in queries.plan_removals_due(on):
        added = date.fromisoformat(p["added_on"])
        ground = next(g for g in ORDER if g in found)
        if ground is PlanRemovalGround.DISCIPLINE:
            d = min((d for d in disciplines
                     if d.form in rules["planning.removal_discipline_forms"]
                     and added <= d.decided_on <= on), key=lambda d: d.decided_on)
            fact, proposed_on = f"discipline {d.form} of {d.decided_on.isoformat()}", \
                d.decided_on
        else:
            fact, proposed_on = "over the age limit for a full term", on
        key = f"{cadre.id}:{p['post_id']}:{p['cycle']}:{added.isoformat()}:{ground}:{fact}"
        out.append(AutomaticProposal(
            str(uuid.uuid5(POLICY_NAMESPACE, key)),
            c.ProposePlanRemoval(p["post_id"], cadre.id, p["cycle"], ground.value,
                                 f"Đề xuất tự động: {fact}", proposed_on), fact))
    return out


def propose_removals_from_facts(service: Any, queries: Any, province: str,
                                on: date) -> list[AutomaticProposal]:
    """Issue every proposal the facts call for, each under its fact's command id (a repeat is
    answered from the store, not applied again). Returns those issued; one refused (its typed
    error logged) does not hold back the others, and is tried again on the next run."""
    proposals = automatic_proposals(queries, on)
    issued = []
    for proposal in proposals:
        try:
            service.execute(proposal.command,
                            CommandContext(proposal.command_id, province, POLICY_ACTOR))
        except DomainError as error:
            log.warning("automatic plan removal proposal refused", extra={
                "command_id": proposal.command_id, "error": str(error)})
            continue
        issued.append(proposal)
    return issued


def plan_removal_policy(service: Any, queries: Any, province: str, clock: Clock) -> None:
    """The declaration's policy (kit.declaration.ServiceDeclaration.policies): run after
    membership's events reach personnel's view, and on any sweep (the age limit passes with
    no event)."""
    propose_removals_from_facts(service, queries, province, clock.today())
