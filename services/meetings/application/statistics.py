"""Attendance statistics and the unexcused-absence list, for any subtree and period.

Periods are inclusive dates of the meetings' actual start (Asia/Ho_Chi_Minh). A meeting counts
once it opened; cancelled and merely scheduled meetings never count.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kit.errors import InvalidInput
from kit.paging import Page, check_first, decode_cursor, encode_cursor

from .reading import (
    HELD,
    ReadingBase,
    check_period,
    date_or_none,
    org_ref,
)
from .views import AttendanceRate, BranchAttendance, MemberAttendance, UnexcusedAbsentee

_COUNTED = "a.temporarily_transferred_out = 0 AND a.suspended = 0"
_EXPECTED = f"{_COUNTED} AND a.exempt = 0"
_COUNTS = f"""
    SUM(CASE WHEN a.status = 'present' AND {_COUNTED} THEN 1 ELSE 0 END) AS present,
    SUM(CASE WHEN a.status = 'absent_excused' AND {_EXPECTED} THEN 1 ELSE 0 END) AS excused,
    SUM(CASE WHEN a.status = 'absent_unexcused' AND {_EXPECTED} THEN 1 ELSE 0 END) AS unexcused,
    SUM(CASE WHEN a.status IS NULL AND {_EXPECTED} THEN 1 ELSE 0 END) AS unrecorded,
    COUNT(DISTINCT a.meeting_id) AS meetings
"""
_FROM = ("FROM meeting_attendance a JOIN meetings m ON m.meeting_id = a.meeting_id "
         "JOIN mt_organisations o ON o.id = m.organisation_id "
         f"WHERE m.status IN ({', '.join(repr(s) for s in HELD)}) "
         "AND m.held_on BETWEEN :a AND :b")


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
        rows = self.db.query(f"SELECT {_COUNTS} {_FROM} AND o.path LIKE :scope",
                             {"a": a, "b": b, "scope": self._scope(scope_organisation_id)})
        return _rate(rows[0] if rows else None)

    def attendance_by_branch(self, scope_organisation_id: str, from_: date,
                             to: date) -> list[BranchAttendance]:
        """Every branch in the subtree, in Vietnamese name order, with its attendance (zero
        meetings and a rate of None for a branch that held none)."""
        a, b = check_period(from_, to)
        scope = self._scope(scope_organisation_id)
        rows = self.db.query(f"SELECT m.organisation_id, {_COUNTS} {_FROM} AND o.path LIKE :scope "
                             "GROUP BY m.organisation_id", {"a": a, "b": b, "scope": scope})
        by_org = {r["organisation_id"]: r for r in rows}
        return [BranchAttendance(org_ref(br), _rate(by_org.get(br["org_id"])))
                for br in self._branches(scope)]

    def attendance_by_member(self, scope_organisation_id: str, from_: date, to: date,
                             first: int = 50,
                             after: str | None = None) -> Page[MemberAttendance]:
        """Each member summoned to a held meeting in the subtree, in Vietnamese name order."""
        a, b = check_period(from_, to)
        check_first(first)
        rows = self.db.query(
            f"SELECT a.member_id, MAX(a.full_name) AS summoned_name, MAX(a.name_key) AS key, "
            f"{_COUNTS} {_FROM} AND o.path LIKE :scope GROUP BY a.member_id",
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
        rows = self.db.query(f"SELECT {_COUNTS} {_FROM} AND a.member_id = :member",
                             {"a": a, "b": b, "member": member_id})
        return _rate(rows[0] if rows else None)

    def _current_names(self, member_ids: list[str]) -> dict[str, tuple[str, str]]:
        """member_id -> (name_key, full_name) from the roster view (names follow corrections)."""
        out: dict[str, tuple[str, str]] = {}
        for i in range(0, len(member_ids), 500):
            chunk = member_ids[i:i + 500]
            marks = ", ".join("?" for _ in chunk)
            for r in self.db.query(f"SELECT member_id, name_key, full_name FROM mt_roster "
                                   f"WHERE member_id IN ({marks})", chunk):
                out[r["member_id"]] = (r["name_key"], r["full_name"])
        return out

    def unexcused_absentees(self, scope_organisation_id: str,
                            year: int) -> list[UnexcusedAbsentee]:
        """Members who reached the year's unexcused-absence threshold (the removal ground of
        QĐ 24 §8.1) in a branch of the subtree, with every such absence of that year."""
        if not isinstance(year, int) or not 1900 <= year <= 2200:
            raise InvalidInput("year", "must be a calendar year")
        flags = self.db.query(
            "SELECT f.*, o.id AS org_id, o.name AS org_name, o.type AS org_type, "
            "o.status AS org_status FROM absence_flags f "
            "JOIN mt_organisations o ON o.id = f.organisation_id "
            "WHERE o.path LIKE ? AND f.year = ?", (self._scope(scope_organisation_id), year))
        names = self._current_names([f["member_id"] for f in flags])
        out = []
        for f in flags:
            absences = self.db.query("SELECT meeting_id FROM absence_counts WHERE member_id = ? "
                                     "AND year = ? ORDER BY held_on, meeting_id",
                                     (f["member_id"], year))
            key, name = names.get(f["member_id"], ("", ""))
            out.append((key, UnexcusedAbsentee(
                f["member_id"], name, org_ref(f), year, len(absences), f["threshold"],
                date_or_none(f["reached_on"]), [r["meeting_id"] for r in absences],
                f["rule_version"])))
        return [u for _, u in sorted(out, key=lambda p: (p[0], p[1].member_id))]
