"""plan_approvals: each committee's plan per cycle, as approved (the cadres per post, recorded on
PlanApproved) and when it was last reviewed; and the questions asked of it. Statements by name,
written per dialect in adapters/read_model_sql/plan_approval.py; lists are JSON text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from kit.codec import EventCodec
from kit.projections.decoding import DecodingProjection

from ..domain import plan_approval as pa
from .queries import PersonnelQueries


@dataclass(frozen=True)
class PlanApprovalSql:
    ddl: str
    approve: str  # (plan_id, managing_organisation_id, cycle, approved_year, approved_on,
    #                approval, entries)
    review: str  # (year, plan_id)
    plan: str  # (managing_organisation_id, cycle) -> the columns
    plans_of: str  # (managing_organisation_id) -> the columns, by cycle


class PlanApprovals(DecodingProjection):
    name = "plan_approvals"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("ps_plan_approvals",)

    def __init__(self, codec: EventCodec, sql: PlanApprovalSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_PlanApproved(self, ev: pa.PlanApproved, env, db: Any) -> None:
        d = ev.decision
        approval = {"organisation_id": d.organisation_id, "organ": d.organ, "number": d.number,
                    "signer": d.signer, "rule_version": ev.rule_version}
        entries = {e.post_id: list(e.cadre_ids) for e in ev.entries}
        db.execute(self.sql.approve, (ev.plan_id, ev.managing_organisation_id, ev.cycle, ev.year,
                                      d.decided_on.isoformat(), json.dumps(approval),
                                      json.dumps(entries)))

    def on_PlanReviewed(self, ev: pa.PlanReviewed, env, db: Any) -> None:
        db.execute(self.sql.review, (ev.year, ev.plan_id))

    handlers = {pa.PlanApproved: on_PlanApproved, pa.PlanReviewed: on_PlanReviewed}


@dataclass(frozen=True)
class PlanChange:
    """A cadre added to or removed from a post's plan since the approval."""

    post_id: str
    cadre_id: str


@dataclass(frozen=True)
class PlanApprovalView:
    """Phê duyệt quy hoạch: when and by whom; the last review (rà soát) and whether one is due;
    what changed since the approval."""

    managing_organisation_id: str
    cycle: str
    approved_on: date
    approved_by_organisation_id: str
    approved_by_organ: str
    decision_number: str
    signer: str
    rule_version: str
    last_reviewed_year: int
    review_due: bool
    added_since: list[PlanChange]
    removed_since: list[PlanChange]


class PlanApprovalQueries(PersonnelQueries):
    plan_approval_sql: PlanApprovalSql

    def _approval(self, r: Any, on: date) -> PlanApprovalView:
        approval, approved = json.loads(r["approval"]), json.loads(r["entries"])
        every = self.rules.in_force(on)["planning.review_every_years"]
        now: dict[str, list[str]] = {
            p.id: [e["cadre_id"] for e in self.db.query(self.sql.plan_entries_of_post,
                                                        (p.id, r["cycle"]))]
            for p in self.posts(r["managing_organisation_id"])}
        added = [PlanChange(p, c) for p, cs in sorted(now.items()) for c in sorted(cs)
                 if c not in approved.get(p, [])]
        removed = [PlanChange(p, c) for p, cs in sorted(approved.items()) for c in sorted(cs)
                   if c not in now.get(p, [])]
        last = int(r["last_reviewed_year"])
        return PlanApprovalView(
            r["managing_organisation_id"], r["cycle"], date.fromisoformat(r["approved_on"]),
            approval["organisation_id"], approval["organ"], approval["number"],
            approval["signer"], approval["rule_version"], last, on.year - last > every,
            added, removed)

    def plan_approval(self, managing_organisation_id: str, cycle: str,
                      on: date | None = None) -> PlanApprovalView | None:
        """The approval state of the committee's plan for the cycle; None before approval."""
        rows = self.db.query(self.plan_approval_sql.plan, (managing_organisation_id, cycle))
        return self._approval(rows[0], on or self.clock.today()) if rows else None

    def plan_reviews_due(self, managing_organisation_id: str,
                         on: date | None = None) -> list[PlanApprovalView]:
        """Work: the committee's approved plans whose last review is more than
        `planning.review_every_years` old (kind plan_review_due)."""
        on = on or self.clock.today()
        views = [self._approval(r, on) for r in self.db.query(self.plan_approval_sql.plans_of,
                                                               (managing_organisation_id,))]
        return [v for v in views if v.review_due]
