"""Kỷ luật tổ chức đảng in the demo's 2025: a unit of a grassroots committee reprimanded for
corruption (tiêu cực in its accounts) by that committee, and a village branch warned by its
commune's BTV for letting its meetings lapse. Planned last, on a random stream of their own, so
every other command keeps its id and draws; the year-end evaluation reads both (the branch and
the unit are rated KHT, and so is the committee with a unit disciplined for corruption)."""

from __future__ import annotations

import random
from datetime import date

from services.membership import api as c

from .deciding import SUFFIX, Deciders, path
from .orgs import Province
from .plan import MEMBER_EVENT, Plan

DISCIPLINES = (
    # (which branches, day, form, misconduct, reason)
    (lambda o: o.type == "sub_branch" and o.parent is not None
     and o.parent.type == "grassroots_committee",
     date(2025, 9, 16), "reprimand", "corruption",
     "Buông lỏng quản lý để xảy ra sai phạm trong thu chi tài chính"),
    (lambda o: o.kind == "village", date(2025, 10, 21), "warning", "duties",
     "Không duy trì sinh hoạt chi bộ định kỳ trong nhiều tháng"),
)


def plan_organisation_discipline(plan: Plan, province: Province) -> None:
    r = random.Random(f"organisation-discipline:{plan.seed}")
    deciders = Deciders(plan.seed)  # signers only: its number series stays the plan's
    for fits, on, form, misconduct, reason in DISCIPLINES:
        candidates = [o for o in province.branches
                      if fits(o) and o.fate == "stays" and o.established < on and o.on(on) is o]
        if not candidates:
            continue
        org = r.choice(candidates)
        here = path(org, on)
        body = c.who_may_decide(c.DecisionKind(f"organisation_discipline.{form}"), here,
                                c.MEMBERSHIP_RULES, on).bodies[0]
        plan.add(on, MEMBER_EVENT, c.DisciplineOrganisation(
            org.id, form, misconduct, on, reason,
            decision=_decision(deciders, here, body, on, r)))


def _decision(deciders: Deciders, here: list[c.OrgNode], body, on: date,
              r: random.Random) -> c.DecisionInput:
    node = next(n for n in here if n.id == body.organisation_id)
    return c.DecisionInput(f"{r.randint(40, 90)}-QĐ/{SUFFIX[node.type.value]}",
                           deciders.signer(node.id, on),
                           c.DecidingBodyInput(body.organisation_id, body.organ.value))



