"""Questions clients ask of the meetings service, answered from its read models only.

`MeetingsQueries` is also the handlers' Directory: the organisation and roster view the meetings
service keeps from membership's events. Statistics live in statistics.py, compliance lists in
compliance.py; every list is scoped to a subtree (pass a branch for one branch).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from kit.paging import Page, check_first, decode_cursor, encode_cursor

from ..domain.branch import OrganisationInfo
from ..domain.events import SummonedMember
from .compliance import ComplianceQueries
from .deps import MemberPlacement
from .grounds import GroundsQueries
from .reading import check_period, date_or_none, datetime_or_none, summary, with_marks
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


@dataclass(frozen=True)
class QueriesSql:
    """The organisation, roster and meeting queries' statements, written out once per SQL
    dialect (adapters). A meeting row is a meeting summary's: the meeting's columns and
    org_id, org_name, org_type, org_status."""

    organisation: str  # (id) -> mt_organisations' columns
    # :org -> member_id, full_name, status, exempt, suspended, name_key, out_ (temporarily
    # elsewhere), in_ (temporarily here) of each member on its rolls or temporarily attending,
    # in Vietnamese name order
    roster: str
    # A page of meetings is one of these, the filters, maybe after_cursor, then newest_first:
    count_meetings: str  # (scope) -> n, the meetings in the subtree
    meetings_in: str  # (scope) -> the meeting rows in the subtree
    scheduled_between: str  # (first day, last day): a filter
    status_in: str  # (*statuses in its {marks}): a filter
    after_cursor: str  # (scheduled_start, scheduled_start, meeting_id): older than the cursor
    newest_first: str  # (limit): the order and the page's size
    meeting: str  # (meeting_id) -> its meeting row
    attendance_of: str  # (meeting_id) -> meeting_attendance's columns, in Vietnamese name order
    resolutions_of: str  # (meeting_id) -> meeting_resolutions' columns, in adoption order
    cadres_of: str  # (meeting_id) -> meeting_cadres' columns, in the order recorded
    materials_of: str  # (meeting_id) -> meeting_materials' columns, in publication order
    applied_position: str  # (source) -> n (read models following it), p (the least position)
    member_placement: str  # (member_id) -> member_id, organisation_id, status


class MeetingsQueries(GroundsQueries, ComplianceQueries):
    # -- organisations and rolls (the consumer-owned view of membership) ---------------------

    def organisation(self, organisation_id: str) -> OrganisationRef | None:
        info = self.organisation_info(organisation_id)
        return OrganisationRef(info.id, info.name, info.type, info.status) if info else None

    def organisation_info(self, organisation_id: str) -> OrganisationInfo | None:
        rows = self.db.query(self.sql.queries.organisation, (organisation_id,))
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

    def member_placement(self, member_id: str) -> MemberPlacement | None:
        """The branch that keeps a person (or that they applied to) and their status there."""
        rows = self.db.query(self.sql.queries.member_placement, (member_id,))
        return MemberPlacement(**rows[0]) if rows else None

    def summons_for(self, organisation_id: str) -> list[SummonedMember]:
        rows = self.db.query(self.sql.queries.roster, {"org": organisation_id})
        return [SummonedMember(r["member_id"], r["full_name"], r["status"] == "official",
                               bool(r["exempt"]), bool(r["out_"]), bool(r["in_"]),
                               bool(r["suspended"])) for r in rows]

    # -- meetings -------------------------------------------------------------------------------

    def meetings(self, scope_organisation_id: str, *, from_: date | None = None,
                 to: date | None = None, statuses: list[str] | None = None, first: int = 50,
                 after: str | None = None) -> Page[MeetingSummary]:
        """Meetings of a branch (or of every branch in a subtree), newest scheduled first;
        optionally only those scheduled within [from_, to] or with the given statuses."""
        sql = self.sql.queries
        params = [self._scope(scope_organisation_id)]
        limit = check_first(first) + 1
        filters = ""
        if from_ is not None or to is not None:
            filters += sql.scheduled_between
            params += check_period(from_ or date.min, to or date.max)
        if statuses:
            filters += with_marks(sql.status_in, self.sql.reading.mark, len(statuses))
            params += statuses
        total = self.db.query(sql.count_meetings + filters, params)[0]["n"]
        cursor = decode_cursor(after, 2)
        if cursor:
            filters += sql.after_cursor
            params += [cursor[0], cursor[0], cursor[1]]
        rows = self.db.query(sql.meetings_in + filters + sql.newest_first, [*params, limit])
        page = rows[:first]
        end = encode_cursor(page[-1]["scheduled_start"], page[-1]["meeting_id"]) if page else None
        return Page([summary(r) for r in page], total, end, len(rows) > first)

    def meeting(self, meeting_id: str) -> MeetingDetail | None:
        """One meeting with its agenda, attendance, resolutions, superior cadres and materials."""
        sql = self.sql.queries
        rows = self.db.query(sql.meeting, (meeting_id,))
        if not rows:
            return None
        row = rows[0]
        attendance = [
            AttendanceLine(r["member_id"], r["full_name"], bool(r["official"]),
                           bool(r["exempt"]), bool(r["temporarily_transferred_out"]),
                           bool(r["temporary_member"]), bool(r["suspended"]), r["status"],
                           r["reason"])
            for r in self.db.query(sql.attendance_of, (meeting_id,))]
        resolutions = [
            ResolutionView(r["resolution_id"], r["title"], r["votes_for"], r["votes_against"],
                           r["votes_abstaining"], r["summoned"], r["denominator"],
                           [(m, why) for m, why in json.loads(r["excluded"])], r["rule_version"],
                           r["resolution_type"], r["subject_member_id"], r["required_votes"],
                           bool(r["passed"]))
            for r in self.db.query(sql.resolutions_of, (meeting_id,))]
        cadres = [CadreView(r["full_name"], r["title"], r["organisation_name"])
                  for r in self.db.query(sql.cadres_of, (meeting_id,))]
        materials = [MaterialsView(r["title"], datetime_or_none(r["published_at"]), bool(r["late"]),
                                   r["lead_days_required"], r["rule_version"])
                     for r in self.db.query(sql.materials_of, (meeting_id,))]
        return MeetingDetail(summary(row), json.loads(row["agenda"]), attendance, resolutions,
                             cadres, materials, row["cancel_reason"])

    # -- freshness ------------------------------------------------------------------------------

    def applied_position(self, source: str) -> int:
        """The position every read model following `source` has applied (0 before any)."""
        rows = self.db.query(self.sql.queries.applied_position, (source,))
        return rows[0]["p"] or 0 if rows and rows[0]["n"] else 0

