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
        self._on_rolls()
        if self.suspended_on is not None:
            raise InvalidState(f"the member is already suspended since "
                               f"{self.suspended_on:%d/%m/%Y}", member_id=self.id)
        self._dated(effective_on, today, "effective_on")
        r = rules.in_force(effective_on)
        r.require(ground.value in r["suspension.grounds"], "suspension.grounds",
                  f"{ground.value} is not a ground for suspension; allowed: "
                  f"{', '.join(r['suspension.grounds'])}")
        self.record(MemberSuspended(self.id, self.organisation_id or "", effective_on, ground,
                                    clean_text(reason, "reason", max_length=500), r.version))

    def end_suspension(self, effective_on: date, reason: str, today: date) -> None:
        self._on_rolls()
        if self.suspended_on is None:
            raise InvalidState("the member is not suspended", member_id=self.id)
        self._dated(effective_on, today, "effective_on")
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
