"""Suspension (đình chỉ sinh hoạt đảng) and its end: mixed into `Member`, using its guards.

A suspended member stays on the rolls and in the counts by status, but takes no part: the
meetings service leaves them out of summons and denominators.
"""

from __future__ import annotations

from datetime import date

from kit.errors import InvalidState
from kit.rules import RuleBook
from kit.text import clean_text

from .change_events import MemberSuspended, SuspensionEnded
from .values import SuspensionGround


class SuspensionSteps:
    id: str
    organisation_id: str | None
    suspended_on: date | None

    def suspend(self, effective_on: date, ground: SuspensionGround, reason: str, today: date,
                rules: RuleBook) -> None:
        fact = "MemberSuspended"
        self._require_exists()
        self._dated(effective_on, today, "effective_on", fact)
        self._on_rolls(effective_on, fact)
        if self.suspended_at(effective_on):
            raise InvalidState("the member is already suspended on "
                               f"{effective_on:%d/%m/%Y}", member_id=self.id)
        r = rules.in_force(effective_on)
        r.require(ground.value in r["suspension.grounds"], "suspension.grounds",
                  f"{ground.value} is not a ground for suspension; allowed: "
                  f"{', '.join(r['suspension.grounds'])}")
        organisation_id = self.organisation_on(effective_on) or self.organisation_id or ""
        self.record(MemberSuspended(self.id, organisation_id, effective_on, ground,
                                    clean_text(reason, "reason", max_length=500), r.version))

    def end_suspension(self, effective_on: date, reason: str, today: date) -> None:
        fact = "SuspensionEnded"
        self._require_exists()
        self._dated(effective_on, today, "effective_on", fact)
        self._on_rolls(effective_on, fact)
        if not self.suspended_at(effective_on):
            raise InvalidState("the member is not suspended", member_id=self.id)
        self.record(SuspensionEnded(self.id, effective_on,
                                    clean_text(reason, "reason", max_length=500, required=False)))

    def _apply_suspension(self, event: object) -> bool:
        match event:
            case MemberSuspended():
                self.suspended_on = self.last_change_on = event.effective_on
            case SuspensionEnded():
                self.suspended_on, self.last_change_on = None, event.effective_on
            case _:
                return False
        return True
