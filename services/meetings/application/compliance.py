"""Compliance lists a committee checks: missed monthly and quarterly thematic meetings, the
superior-cadre schedule, materials published late, meetings shorter than the rule.

A branch is expected to meet in a period it was within the subtree for in full, by the tree of
each day (membership_as_of): established by the first day, not ended, merged or moved out before
the last; a meeting counts where its branch stood on its day. A period counts as missed only once it is over, and only
within the records' own span: from the month the first meeting anywhere in the read model was
scheduled (before it the platform has no meeting records to judge by) up to today. However long
the period asked for, the periods judged are those of the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .reading import ReadingBase, check_period, org_ref, summary, with_marks
from .views import CadreView, CadreVisit, MaterialsIssue, MeetingSummary, MissedMeeting


@dataclass(frozen=True)
class ComplianceSql:
    """The compliance lists' statements, written out once per SQL dialect (adapters). A meeting
    row is a meeting summary's: the meeting's columns and org_id, org_name, org_type,
    org_status."""

    # (scope, first day, last day, *kinds in its {marks}) -> organisation_id, held_on of each
    # held meeting of those kinds
    held_of_kinds: str
    # (scope, *days in its {marks}) -> meeting_id, organisation_id, held_on of each meeting
    # held on those days, in the order they started
    held_on_days: str
    # (*meeting_ids in its {marks}) -> meeting_cadres' columns, in the order they were recorded
    cadres_of: str
    # (scope, first day, last day) -> the meeting rows scheduled then, not cancelled, whose
    # materials went out late or that were held without any, in scheduled order
    materials_issues: str
    # (scope, first day, last day) -> the meeting rows held then that were too short, in the
    # order they started
    short_meetings: str
    # () -> first_on: the day the earliest meeting of the read model was scheduled for (null
    # when there is none)
    records_from: str


def _months(from_: date, to: date) -> list[tuple[str, date, date]]:
    out = []
    start = date(from_.year, from_.month, 1)
    while start <= to:
        nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        out.append((f"{start:%Y-%m}", start, nxt - timedelta(days=1)))
        start = nxt
    return out


def _quarters(from_: date, to: date) -> list[tuple[str, date, date]]:
    out = []
    start = date(from_.year, (from_.month - 1) // 3 * 3 + 1, 1)
    while start <= to:
        month = start.month + 3
        nxt = date(start.year + (month > 12), (month - 1) % 12 + 1, 1)
        out.append((f"{start.year}-Q{(start.month - 1) // 3 + 1}", start,
                    nxt - timedelta(days=1)))
        start = nxt
    return out


def _throughout(spans: list[tuple[date, date | None]], starts_on: date, ends_on: date) -> bool:
    """The branch was within the scope (so existed) every day from starts_on to ends_on."""
    day = starts_on
    for start, end in sorted(spans):
        if start > day:
            return False
        if end is None or end > ends_on:
            return True
        day = max(day, end)
    return False


class ComplianceQueries(ReadingBase):
    def missed_monthly_meetings(self, scope_organisation_id: str, from_: date,
                                to: date) -> list[MissedMeeting]:
        """Branches that held fewer regular (or combined) meetings than the rule asks in a
        month of the period, months in order, branches in name order."""
        return self._missed(scope_organisation_id, from_, to, _months, ("regular", "combined"),
                            "monthly", "meetings.regular_per_month")

    def missed_thematic_meetings(self, scope_organisation_id: str, from_: date,
                                 to: date) -> list[MissedMeeting]:
        """Branches that held no thematic (or combined) meeting in a quarter of the period."""
        return self._missed(scope_organisation_id, from_, to, _quarters, ("thematic", "combined"),
                            "thematic_quarterly", "meetings.thematic_per_quarter")

    def _missed(self, scope_id, from_, to, periods, kinds, requirement, rule) -> list[MissedMeeting]:
        check_period(from_, to)
        scope = self._scope_then(scope_id)
        today = self.clock.today()
        judged = self._within_records(from_, to)
        if judged is None:
            return []
        spans = [p for p in periods(*judged) if p[2] < today]
        if not spans:
            return []
        rows = self.db.query(
            with_marks(self.sql.compliance.held_of_kinds, self.sql.reading.mark, len(kinds)),
            (scope, spans[0][1].isoformat(), spans[-1][2].isoformat(), *kinds))
        held: dict[tuple[str, str], int] = {}
        for r in rows:
            day = date.fromisoformat(r["held_on"])
            for label, start, end in spans:
                if start <= day <= end:
                    held[(r["organisation_id"], label)] = held.get(
                        (r["organisation_id"], label), 0) + 1
        branches, within = self._branches_then(scope, spans[0][1], spans[-1][2])
        out = []
        for label, start, end in spans:
            r = self.rules.in_force(start)
            required = r[rule]
            for br in branches:
                count = held.get((br["org_id"], label), 0)
                if _throughout(within.get(br["org_id"], []), start, end) and count < required:
                    out.append(MissedMeeting(org_ref(br), requirement, label, start, end, count,
                                             required, r.version))
        return out

    def _within_records(self, from_: date, to: date) -> tuple[date, date] | None:
        """[from_, to] cut to the records' span (module docstring); None when nothing of it
        is left."""
        first_on = self.db.query(self.sql.compliance.records_from, ())[0]["first_on"]
        if first_on is None:
            return None
        if isinstance(first_on, str):
            first_on = date.fromisoformat(first_on)
        starts = max(from_, date(first_on.year, first_on.month, 1))
        ends = min(to, self.clock.today())
        return (starts, ends) if starts <= ends else None

    def superior_cadre_attendance(self, scope_organisation_id: str, from_: date,
                                  to: date) -> list[CadreVisit]:
        """For each assigned day of the configured schedule (days already past) and each branch
        that existed then: did the branch meet that day, and did a superior cadre attend?"""
        check_period(from_, to)
        scope = self._scope_then(scope_organisation_id)
        today = self.clock.today()
        judged = self._within_records(from_, to)
        if judged is None:
            return []
        days = [day for day in self.cadre_schedule.assigned_days(*judged) if day < today]
        if not days:
            return []
        meetings = self.db.query(
            with_marks(self.sql.compliance.held_on_days, self.sql.reading.mark, len(days)),
            (scope, *[day.isoformat() for day in days]))
        cadres: dict[str, list[CadreView]] = {}
        if meetings:
            ids = [m["meeting_id"] for m in meetings]
            for c in self.db.query(
                    with_marks(self.sql.compliance.cadres_of, self.sql.reading.mark, len(ids)),
                    ids):
                cadres.setdefault(c["meeting_id"], []).append(
                    CadreView(c["full_name"], c["title"], c["organisation_name"]))
        on_day: dict[tuple[str, str], list[str]] = {}
        for m in meetings:
            on_day.setdefault((m["organisation_id"], m["held_on"]), []).append(m["meeting_id"])
        branches, within = self._branches_then(scope, days[0], days[-1])
        out = []
        for day in days:
            for br in branches:
                if not _throughout(within.get(br["org_id"], []), day, day):
                    continue
                held = on_day.get((br["org_id"], day.isoformat()), [])
                attended = [m for m in held if cadres.get(m)]
                chosen = attended[0] if attended else (held[0] if held else None)
                status = "attended" if attended else "no_cadre" if held else "no_meeting"
                out.append(CadreVisit(org_ref(br), day, status, chosen,
                                      cadres.get(chosen, []) if chosen else []))
        return out

    def materials_issues(self, scope_organisation_id: str, from_: date,
                         to: date) -> list[MaterialsIssue]:
        """Meetings scheduled in the period whose materials went out later than the rule's lead
        time, or that were held with no materials published at all."""
        a, b = check_period(from_, to)
        rows = self.db.query(self.sql.compliance.materials_issues,
                             (self._scope_then(scope_organisation_id), a, b))
        return [MaterialsIssue(summary(r), "late" if r["materials_late"] else "missing")
                for r in rows]

    def short_meetings(self, scope_organisation_id: str, from_: date,
                       to: date) -> list[MeetingSummary]:
        """Meetings held in the period that lasted less than the rule's minimum for their kind."""
        a, b = check_period(from_, to)
        rows = self.db.query(self.sql.compliance.short_meetings,
                             (self._scope_then(scope_organisation_id), a, b))
        return [summary(r) for r in rows]
