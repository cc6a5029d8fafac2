"""A member's unexcused absences in one calendar year: the removal ground of DOMAIN.md §3.

What counts is calendar months with an unexcused absence (bỏ sinh hoạt 3 tháng trong năm), not
meetings: two meetings missed in one month are one month. One stream per member and year, so
the ground is published exactly once per member per year whatever retries or corrections
happen around it.
"""

from __future__ import annotations

from datetime import date

from kit.aggregate import Aggregate
from kit.rules import RuleBook

from .events import (
    RemovalFromRollsGroundsFound,
    UnexcusedAbsenceCounted,
    UnexcusedAbsenceThresholdReached,
)
from .removal import RemovalGround, month_of


class AbsenceYear(Aggregate):
    stream_prefix = "member-absences"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.meeting_ids: list[str] = []
        self.months: set[str] = set()
        self.ground_found = False

    @staticmethod
    def id_for(member_id: str, year: int) -> str:
        return f"{member_id}-{year}"

    def count(self, member_id: str, meeting_id: str, organisation_id: str, held_on: date,
              rules: RuleBook) -> None:
        """Count one meeting missed without reason; a meeting is never counted twice."""
        if meeting_id in self.meeting_ids:
            return
        self.record(UnexcusedAbsenceCounted(member_id, held_on.year, meeting_id, organisation_id,
                                            held_on, len(self.meeting_ids) + 1))
        r = rules.in_force(held_on)
        threshold = r["removal.unexcused_absence_months_per_year"]
        if len(self.months) >= threshold and not self.ground_found:
            self.record(RemovalFromRollsGroundsFound(
                member_id, held_on.year, RemovalGround.ABSENCES, organisation_id,
                tuple(sorted(self.months)), threshold, meeting_id, held_on, r.version))

    def apply(self, event: object) -> None:
        match event:
            case UnexcusedAbsenceCounted():
                self.meeting_ids.append(event.meeting_id)
                self.months.add(month_of(event.held_on))
            case RemovalFromRollsGroundsFound():
                self.ground_found = True
            case UnexcusedAbsenceThresholdReached():
                pass  # v1 counted meetings, not months: history only, no ground under the rule
