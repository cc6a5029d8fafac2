"""A member's unexcused absences in one calendar year: the removal ground of DOMAIN.md §3.

One stream per member and year, so the threshold event is published exactly once per member per
year whatever retries or corrections happen around it.
"""

from __future__ import annotations

from datetime import date

from kit.aggregate import Aggregate
from kit.rules import RuleBook

from .events import UnexcusedAbsenceCounted, UnexcusedAbsenceThresholdReached


class AbsenceYear(Aggregate):
    stream_prefix = "member-absences"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.meeting_ids: list[str] = []
        self.threshold_reached = False

    @staticmethod
    def id_for(member_id: str, year: int) -> str:
        return f"{member_id}-{year}"

    def count(self, member_id: str, meeting_id: str, organisation_id: str, held_on: date,
              rules: RuleBook) -> None:
        """Count one meeting missed without reason; a meeting is never counted twice."""
        if meeting_id in self.meeting_ids:
            return
        count = len(self.meeting_ids) + 1
        self.record(UnexcusedAbsenceCounted(member_id, held_on.year, meeting_id, organisation_id,
                                            held_on, count))
        r = rules.in_force(held_on)
        threshold = r["attendance.unexcused_absences_per_year"]
        if count >= threshold and not self.threshold_reached:
            self.record(UnexcusedAbsenceThresholdReached(
                member_id, held_on.year, organisation_id, count, threshold,
                tuple(self.meeting_ids), held_on, r.version))

    def apply(self, event: object) -> None:
        match event:
            case UnexcusedAbsenceCounted():
                self.meeting_ids.append(event.meeting_id)
            case UnexcusedAbsenceThresholdReached():
                self.threshold_reached = True
