"""The read side a declaration builds: the queries clients ask (queries.py, from evaluations'
own read models) and the view of membership the handlers ask (membership_roll.py), on one read
database. Every method is the object's own, so the embedded platform's read-your-writes wrapper
waits for the read models before each, the handlers' questions included."""

from __future__ import annotations

from datetime import date
from typing import Any

from kit.clock import Clock
from kit.projections.ports import ReadModelDb
from kit.rules import RuleBook

from .membership_roll import EvaluatedRoll, MembershipRoll
from .queries import EvaluationsQueries
from .read_model_sql import EvaluationsSql


class EvaluationsReadSide(EvaluationsQueries):
    def __init__(self, db: ReadModelDb, sql: EvaluationsSql, roll: MembershipRoll, *,
                 rules: RuleBook, clock: Clock) -> None:
        super().__init__(db, sql, rules=rules, clock=clock, membership=roll)
        self.roll = roll

    # -- the view of membership (application/deps.py's MembershipView) ------------------------

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool:
        """True when the organisation is the scope or below it (in evaluations' view of
        membership)."""
        return self.roll.is_within(organisation_id, scope_organisation_id)

    def organisation_exists(self, organisation_id: str) -> bool:
        return self.roll.organisation_exists(organisation_id)

    def parent_of(self, organisation_id: str, on: date) -> str | None:
        return self.roll.parent_of(organisation_id, on)

    def evaluated_in(self, root_organisation_id: str, on: date, rules: Any) -> EvaluatedRoll:
        return self.roll.evaluated_in(root_organisation_id, on, rules)

    def facts_for_member(self, member_id: str, year: int) -> Any:
        return self.roll.facts_for_member(member_id, year)

    def facts_for_organisation(self, organisation_id: str, year: int) -> Any:
        return self.roll.facts_for_organisation(organisation_id, year)
