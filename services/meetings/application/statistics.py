"""Attendance statistics and the unexcused-absence list, for any subtree and period.

Periods are inclusive dates of the meetings' actual start (Asia/Ho_Chi_Minh). A meeting counts
once it opened; cancelled and merely scheduled meetings never count.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from kit.errors import InvalidInput
from kit.paging import Page, check_first, decode_cursor, encode_cursor

from .reading import ReadingBase, check_period, date_or_none, org_ref, with_marks
from .views import AttendanceRate, BranchAttendance, MemberAttendance, UnexcusedAbsentee


@dataclass(frozen=True)
class StatisticsSql:
    """The statistics' statements, written out once per SQL dialect (adapters).

    The attendance ones count over held meetings whose day is within :a and :b, each row with
    present, excused, unexcused, unrecorded and meetings (a member temporarily transferred out
    or suspended counts nowhere, an exempt one only when present)."""

    attendance_rate: str  # :a, :b, :scope (LIKE pattern) -> the counts
    attendance_by_branch: str  # :a, :b, :scope -> organisation_id and the counts, per branch
    # :a, :b, :scope -> member_id, summoned_name, key (name key) and the counts, per member
    attendance_by_member: str
    member_attendance: str  # :a, :b, :member -> the counts
    current_names: str  # (*member_ids in its {marks}) -> member_id, name_key, full_name
    # (scope, year) -> removal_grounds' columns of the absences ground and org_id, org_name,
    # org_type, org_status
    absence_flags: str
    absences_of: str  # (member_id, year) -> meeting_id, in the order they were held


def _rate(row: Any | None) -> AttendanceRate:
    if row is None or not row["meetings"]:
        return AttendanceRate(0, 0, 0, 0, 0, 0)
    present, excused, unexcused = row["present"] or 0, row["excused"] or 0, row["unexcused"] or 0
    return AttendanceRate(present, excused, unexcused, present + excused + unexcused,
                          row["unrecorded"] or 0, row["meetings"])


class StatisticsQueries(ReadingBase):
    def attendance_rate(self, scope_organisation_id: str, from_: date, to: date) -> AttendanceRate:
        """Attendance over every held meeting in the subtree (a branch is its own subtree)."""
        a, b = check_period(from_, to)
        rows = self.db.query(self.sql.statistics.attendance_rate,
                             {"a": a, "b": b, "scope": self._scope(scope_organisation_id)})
        return _rate(rows[0] if rows else None)

    def attendance_by_branch(self, scope_organisation_id: str, from_: date,
                             to: date) -> list[BranchAttendance]:
        """Every branch in the subtree, in Vietnamese name order, with its attendance (zero
        meetings and a rate of None for a branch that held none)."""
        a, b = check_period(from_, to)
        scope = self._scope(scope_organisation_id)
        rows = self.db.query(self.sql.statistics.attendance_by_branch,
                             {"a": a, "b": b, "scope": scope})
        by_org = {r["organisation_id"]: r for r in rows}
        return [BranchAttendance(org_ref(br), _rate(by_org.get(br["org_id"])))
                for br in self._branches(scope)]

    def attendance_by_member(self, scope_organisation_id: str, from_: date, to: date,
                             first: int = 50,
                             after: str | None = None) -> Page[MemberAttendance]:
        """Each member summoned to a held meeting in the subtree, in Vietnamese name order."""
        a, b = check_period(from_, to)
        check_first(first)
        rows = self.db.query(self.sql.statistics.attendance_by_member,
                             {"a": a, "b": b, "scope": self._scope(scope_organisation_id)})
        names = self._current_names([r["member_id"] for r in rows])
        items = sorted(
            ((names.get(r["member_id"], (r["key"], r["summoned_name"])), r) for r in rows),
            key=lambda pair: (pair[0][0], pair[1]["member_id"]))
        cursor = decode_cursor(after, 2)
        if cursor:
            items = [p for p in items if (p[0][0], p[1]["member_id"]) > tuple(cursor)]
        page = items[:first]
        end = encode_cursor(page[-1][0][0], page[-1][1]["member_id"]) if page else None
        return Page([MemberAttendance(r["member_id"], name, _rate(r)) for (_, name), r in page],
                    len(rows), end, len(items) > first)

    def member_attendance(self, member_id: str, from_: date, to: date) -> AttendanceRate:
        a, b = check_period(from_, to)
        rows = self.db.query(self.sql.statistics.member_attendance,
                             {"a": a, "b": b, "member": member_id})
        return _rate(rows[0] if rows else None)

    def _current_names(self, member_ids: list[str]) -> dict[str, tuple[str, str]]:
        """member_id -> (name_key, full_name) from the roster view (names follow corrections)."""
        out: dict[str, tuple[str, str]] = {}
        for i in range(0, len(member_ids), 500):
            chunk = member_ids[i:i + 500]
            statement = with_marks(self.sql.statistics.current_names, self.sql.reading.mark,
                                   len(chunk))
            for r in self.db.query(statement, chunk):
                out[r["member_id"]] = (r["name_key"], r["full_name"])
        return out

    def unexcused_absentees(self, scope_organisation_id: str,
                            year: int) -> list[UnexcusedAbsentee]:
        """Members whose unexcused absences fell in the threshold's number of calendar months
        of the year (the removal ground of QĐ 24 §8.1) in a branch of the subtree, with every
        such absence of that year."""
        if not isinstance(year, int) or not 1900 <= year <= 2200:
            raise InvalidInput("year", "must be a calendar year")
        flags = self.db.query(self.sql.statistics.absence_flags,
                              (self._scope(scope_organisation_id), year))
        names = self._current_names([f["member_id"] for f in flags])
        out = []
        for f in flags:
            absences = self.db.query(self.sql.statistics.absences_of, (f["member_id"], year))
            key, name = names.get(f["member_id"], ("", ""))
            out.append((key, UnexcusedAbsentee(
                f["member_id"], name, org_ref(f), year, len(absences), f["threshold"],
                date_or_none(f["found_on"]), [r["meeting_id"] for r in absences],
                f["rule_version"], json.loads(f["months"]))))
        return [u for _, u in sorted(out, key=lambda p: (p[0], p[1].member_id))]
