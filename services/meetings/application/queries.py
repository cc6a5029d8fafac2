"""Questions clients ask of the meetings service, answered from its read models only.

`MeetingsQueries` is also the handlers' Directory: the organisation and roster view the meetings
service keeps from membership's events. Statistics live in statistics.py, compliance lists in
compliance.py; every list is scoped to a subtree (pass a branch for one branch).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from kit.paging import Page, check_first, decode_cursor, encode_cursor

from ..domain.branch import OrganisationInfo
from ..domain.events import SummonedMember
from .compliance import ComplianceQueries
from .reading import (
    SUMMARY_SQL,
    check_period,
    date_or_none,
    datetime_or_none,
    summary,
)
from .statistics import StatisticsQueries
from .views import (
    AttendanceLine,
    CadreView,
    MaterialsView,
    MeetingDetail,
    MeetingSummary,
    OrganisationRef,
    ResolutionView,
    RosterEntry,
)

_ROSTER_SQL = """
SELECT member_id, full_name, status, exempt, suspended, name_key,
       temporary_organisation_id IS NOT NULL AND organisation_id = :org AS out_,
       organisation_id <> :org AS in_
FROM mt_roster
WHERE status IN ('probationary', 'official')
  AND (organisation_id = :org OR temporary_organisation_id = :org)
ORDER BY name_key, member_id
"""


class MeetingsQueries(StatisticsQueries, ComplianceQueries):
    # -- organisations and rolls (the consumer-owned view of membership) ---------------------

    def organisation(self, organisation_id: str) -> OrganisationRef | None:
        info = self.organisation_info(organisation_id)
        return OrganisationRef(info.id, info.name, info.type, info.status) if info else None

    def organisation_info(self, organisation_id: str) -> OrganisationInfo | None:
        rows = self.db.query("SELECT * FROM mt_organisations WHERE id = ?", (organisation_id,))
        if not rows:
            return None
        r = rows[0]
        return OrganisationInfo(r["id"], r["name"], r["type"], r["parent_id"], r["status"],
                                date.fromisoformat(r["established_on"]),
                                date_or_none(r["ended_on"]))

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool:
        """True when the organisation is the scope or below it (a merged organisation sits
        under the one that absorbed it)."""
        path = self._path(organisation_id)
        return path is not None and f"/{scope_organisation_id}/" in path

    def roster(self, organisation_id: str) -> list[RosterEntry]:
        """Who the branch's next meeting would summon, as of now, in Vietnamese name order:
        its members on the rolls (flagged when exempt or temporarily transferred out) and the
        members temporarily attending it from another branch."""
        return [RosterEntry(**m.__dict__) for m in self.summons_for(organisation_id)]

    def summons_for(self, organisation_id: str) -> list[SummonedMember]:
        rows = self.db.query(_ROSTER_SQL, {"org": organisation_id})
        return [SummonedMember(r["member_id"], r["full_name"], r["status"] == "official",
                               bool(r["exempt"]), bool(r["out_"]), bool(r["in_"]),
                               bool(r["suspended"])) for r in rows]

    # -- meetings -------------------------------------------------------------------------------

    def meetings(self, scope_organisation_id: str, *, from_: date | None = None,
                 to: date | None = None, statuses: list[str] | None = None, first: int = 50,
                 after: str | None = None) -> Page[MeetingSummary]:
        """Meetings of a branch (or of every branch in a subtree), newest scheduled first;
        optionally only those scheduled within [from_, to] or with the given statuses."""
        params: dict[str, Any] = {"scope": self._scope(scope_organisation_id),
                                  "limit": check_first(first) + 1}
        where = ["o.path LIKE :scope"]
        if from_ is not None or to is not None:
            params["a"], params["b"] = check_period(from_ or date.min, to or date.max)
            where.append("m.scheduled_on BETWEEN :a AND :b")
        if statuses:
            where.append(f"m.status IN ({', '.join(f':s{i}' for i in range(len(statuses)))})")
            params.update({f"s{i}": s for i, s in enumerate(statuses)})
        base = " WHERE " + " AND ".join(where)
        total = self.db.query("SELECT COUNT(*) AS n FROM meetings m JOIN mt_organisations o "
                              f"ON o.id = m.organisation_id{base}", params)[0]["n"]
        cursor = decode_cursor(after, 2)
        if cursor:
            base += (" AND (m.scheduled_start < :cs OR (m.scheduled_start = :cs "
                     "AND m.meeting_id < :cid))")
            params.update(cs=cursor[0], cid=cursor[1])
        rows = self.db.query(f"{SUMMARY_SQL}{base} ORDER BY m.scheduled_start DESC, "
                             "m.meeting_id DESC LIMIT :limit", params)
        page = rows[:first]
        end = encode_cursor(page[-1]["scheduled_start"], page[-1]["meeting_id"]) if page else None
        return Page([summary(r) for r in page], total, end, len(rows) > first)

    def meeting(self, meeting_id: str) -> MeetingDetail | None:
        """One meeting with its agenda, attendance, resolutions, superior cadres and materials."""
        rows = self.db.query(f"{SUMMARY_SQL} WHERE m.meeting_id = ?", (meeting_id,))
        if not rows:
            return None
        row = rows[0]
        attendance = [
            AttendanceLine(r["member_id"], r["full_name"], bool(r["official"]),
                           bool(r["exempt"]), bool(r["temporarily_transferred_out"]),
                           bool(r["temporary_member"]), bool(r["suspended"]), r["status"],
                           r["reason"])
            for r in self.db.query("SELECT * FROM meeting_attendance WHERE meeting_id = ? "
                                   "ORDER BY name_key, member_id", (meeting_id,))]
        resolutions = [
            ResolutionView(r["resolution_id"], r["title"], r["votes_for"], r["votes_against"],
                           r["votes_abstaining"], r["summoned"], r["denominator"],
                           [(m, why) for m, why in json.loads(r["excluded"])], r["rule_version"])
            for r in self.db.query("SELECT * FROM meeting_resolutions WHERE meeting_id = ? "
                                   "ORDER BY global_position", (meeting_id,))]
        cadres = [CadreView(r["full_name"], r["title"], r["organisation_name"])
                  for r in self.db.query("SELECT * FROM meeting_cadres WHERE meeting_id = ? "
                                         "ORDER BY global_position", (meeting_id,))]
        materials = [MaterialsView(r["title"], datetime_or_none(r["published_at"]), bool(r["late"]),
                                   r["lead_days_required"], r["rule_version"])
                     for r in self.db.query("SELECT * FROM meeting_materials WHERE meeting_id = ?"
                                            " ORDER BY published_at, global_position",
                                            (meeting_id,))]
        return MeetingDetail(summary(row), json.loads(row["agenda"]), attendance, resolutions,
                             cadres, materials, row["cancel_reason"])

    # -- freshness ------------------------------------------------------------------------------

    def applied_position(self, source: str) -> int:
        """The position every read model following `source` has applied (0 before any)."""
        rows = self.db.query("SELECT COUNT(*) AS n, MIN(position) AS p FROM projection_checkpoints "
                             "WHERE source = ?", (source,))
        return rows[0]["p"] or 0 if rows and rows[0]["n"] else 0

