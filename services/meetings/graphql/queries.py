"""Meetings queries. Each is limited to the caller's subtree: outside it, null and FORBIDDEN.

Periods are inclusive dates (Asia/Ho_Chi_Minh). Statistics count held meetings by the day they
started; compliance lists judge only months and quarters that are over.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from gateway.toolkit import (
    DEFAULT_PAGE,
    Connection,
    Edge,
    Info,
    connection,
    domain_errors,
    raise_input,
    require_aggregates,
)

from .access import meetings_queries, statistics_queries
from .findings import (
    AttendanceRate,
    BranchAttendance,
    CadreVisit,
    CadreVisitStatus,
    MaterialsIssue,
    MaterialsIssueKind,
    MemberAttendance,
    MissedMeeting,
    RemovalGroundFound,
    UnexcusedAbsentee,
    member_attendance_cursor,
)
from .references import Organisation, organisation_or_none
from .types import Meeting, MeetingStatus, cadre, meeting_cursor, meeting_or_none

From = Annotated[date, strawberry.argument(name="from")]
OptionalFrom = Annotated[date | None, strawberry.argument(name="from")]


def check_period(from_: date, to: date) -> None:
    if to < from_:
        raise_input("to", "must not precede from")


@strawberry.type(description="Attendance in a subtree over a period: overall, per branch, "
                             "per member.")
class MeetingStatistics:
    organisation_id: strawberry.Private[str]
    from_: strawberry.Private[date]
    to: strawberry.Private[date]

    @strawberry.field(description="The subtree's root.")
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)

    @strawberry.field(description="Every held meeting in the subtree together.")
    def attendance(self, info: Info) -> AttendanceRate:
        with domain_errors():
            rate = statistics_queries(info.context).attendance_rate(self.organisation_id,
                                                                  self.from_, self.to)
        return AttendanceRate.from_view(rate)

    @strawberry.field(description="Every branch of the subtree in name order (a branch that "
                                  "held no meeting has meetings 0 and rate null).")
    def by_branch(self, info: Info) -> list[BranchAttendance]:
        with domain_errors():
            rows = statistics_queries(info.context).attendance_by_branch(
                self.organisation_id, self.from_, self.to)
        return [BranchAttendance(organisation_id=strawberry.ID(b.organisation.id),
                                 attendance=AttendanceRate.from_view(b.attendance))
                for b in rows]

    @strawberry.field(description="Each member summoned to a held meeting, in Vietnamese name "
                                  "order.")
    def by_member(self, info: Info, first: int = DEFAULT_PAGE,
                  after: str | None = None) -> Connection[MemberAttendance]:
        with domain_errors():
            page = meetings_queries(info.context).attendance_by_member(
                self.organisation_id, self.from_, self.to, first, after)
        return connection(page, [
            Edge(cursor=member_attendance_cursor(m),
                 node=MemberAttendance(member_id=strawberry.ID(m.member_id),
                                       full_name=m.full_name,
                                       attendance=AttendanceRate.from_view(m.attendance)))
            for m in page.items])


@strawberry.type(description="What a committee checks in a subtree over a period.")
class MeetingCompliance:
    organisation_id: strawberry.Private[str]
    from_: strawberry.Private[date]
    to: strawberry.Private[date]

    @strawberry.field(description="The subtree's root.")
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)

    @strawberry.field(description="Months without the required regular (or combined) meeting.")
    def missed_monthly_meetings(self, info: Info) -> list[MissedMeeting]:
        with domain_errors():
            rows = meetings_queries(info.context).missed_monthly_meetings(
                self.organisation_id, self.from_, self.to)
        return [MissedMeeting.from_view(m) for m in rows]

    @strawberry.field(description="Quarters without a thematic (chuyên đề) or combined meeting.")
    def missed_thematic_meetings(self, info: Info) -> list[MissedMeeting]:
        with domain_errors():
            rows = meetings_queries(info.context).missed_thematic_meetings(
                self.organisation_id, self.from_, self.to)
        return [MissedMeeting.from_view(m) for m in rows]

    @strawberry.field(description="Members with unexcused absences in three or more calendar "
                                  "months of a year (default: the year the period ends in).")
    def unexcused_absentees(self, info: Info, year: int | None = None) -> list[UnexcusedAbsentee]:
        with domain_errors():
            rows = meetings_queries(info.context).unexcused_absentees(
                self.organisation_id, self.to.year if year is None else year)
        return [UnexcusedAbsentee(
            member_id=strawberry.ID(u.member_id), full_name=u.full_name,
            organisation_id=strawberry.ID(u.organisation.id), year=u.year, count=u.count,
            threshold=u.threshold, reached_on=u.reached_on,
            meeting_ids=[strawberry.ID(m) for m in u.meeting_ids], rule_version=u.rule_version,
            months=u.months)
            for u in rows]

    @strawberry.field(description="Grounds for xóa tên the branches' records show in a calendar "
                                  "year (default: the year the period ends in): months absent "
                                  "without reason, months of dues unpaid.")
    def removal_grounds(self, info: Info, year: int | None = None) -> list[RemovalGroundFound]:
        with domain_errors():
            rows = meetings_queries(info.context).removal_grounds(
                self.organisation_id, self.to.year if year is None else year)
        return [RemovalGroundFound.from_view(g) for g in rows]

    @strawberry.field(description="Each branch on each assigned day of the superior-cadre "
                                  "schedule (days already past): did a cadre attend?")
    def superior_cadre_attendance(self, info: Info) -> list[CadreVisit]:
        with domain_errors():
            rows = meetings_queries(info.context).superior_cadre_attendance(
                self.organisation_id, self.from_, self.to)
        return [CadreVisit(organisation_id=strawberry.ID(c.organisation.id),
                           assigned_on=c.assigned_on, status=CadreVisitStatus(c.status),
                           meeting_id=strawberry.ID(c.meeting_id) if c.meeting_id else None,
                           cadres=[cadre(x) for x in c.cadres]) for c in rows]

    @strawberry.field(description="Meetings whose materials went out late, or were held "
                                  "without any.")
    def materials_issues(self, info: Info) -> list[MaterialsIssue]:
        with domain_errors():
            rows = meetings_queries(info.context).materials_issues(
                self.organisation_id, self.from_, self.to)
        return [MaterialsIssue(issue=MaterialsIssueKind(m.issue),
                               meeting=Meeting.from_view(m.meeting)) for m in rows]

    @strawberry.field(description="Meetings that lasted less than the rule's minimum.")
    def short_meetings(self, info: Info) -> list[Meeting]:
        with domain_errors():
            rows = meetings_queries(info.context).short_meetings(
                self.organisation_id, self.from_, self.to)
        return [Meeting.from_view(m) for m in rows]


@strawberry.type
class MeetingsQuery:
    @strawberry.field(description="Meetings of a branch, or of every branch in a subtree, "
                                  "newest first; optionally only those scheduled within "
                                  "[from, to] or with the given statuses.")
    def meetings(self, info: Info, organisation_id: strawberry.ID, from_: OptionalFrom = None,
                 to: date | None = None, statuses: list[MeetingStatus] | None = None,  # type: ignore[valid-type]
                 first: int = DEFAULT_PAGE,
                 after: str | None = None) -> Connection[Meeting] | None:
        ctx = info.context
        ctx.require_organisation(organisation_id)
        if from_ is not None and to is not None:
            check_period(from_, to)
        with domain_errors():
            page = meetings_queries(ctx).meetings(
                organisation_id, from_=from_, to=to,
                statuses=[s.value for s in statuses] if statuses else None,
                first=first, after=after)
        return connection(page, [Edge(cursor=meeting_cursor(m), node=Meeting.from_view(m))
                                 for m in page.items])

    @strawberry.field(description="One meeting with its agenda, attendance, superior cadres, "
                                  "materials and resolutions.")
    def meeting(self, info: Info, id: strawberry.ID) -> Meeting | None:
        return meeting_or_none(info, id)

    @strawberry.field(description="Attendance rates of a subtree (a branch is its own subtree; "
                                  "default: your organisation's, a central token's: the "
                                  "province's).")
    def meeting_statistics(self, info: Info, organisation_id: strawberry.ID | None = None, *,
                           from_: From, to: date) -> MeetingStatistics | None:
        org = require_aggregates(info.context, organisation_id)  # rates: a central token's too
        check_period(from_, to)
        statistics_queries(info.context)  # unavailable: say so here, not on every field below
        return MeetingStatistics(organisation_id=strawberry.ID(org), from_=from_, to=to)

    @strawberry.field(description="The compliance lists of a subtree for a period.")
    def meeting_compliance(self, info: Info, organisation_id: strawberry.ID, from_: From,
                           to: date) -> MeetingCompliance | None:
        _scoped_period(info, organisation_id, from_, to)
        return MeetingCompliance(organisation_id=organisation_id, from_=from_, to=to)

    @strawberry.field(description="One member's attendance over a period.")
    def member_attendance(self, info: Info, member_id: strawberry.ID, from_: From,
                          to: date) -> AttendanceRate | None:
        ctx = info.context
        check_period(from_, to)
        if ctx.member(member_id) is None:
            return None
        with domain_errors():
            return AttendanceRate.from_view(
                meetings_queries(ctx).member_attendance(member_id, from_, to))


def _scoped_period(info: Info, organisation_id: str, from_: date, to: date) -> None:
    ctx = info.context
    ctx.require_organisation(organisation_id)
    check_period(from_, to)
    meetings_queries(ctx)  # unavailable: say so here, not on every field below
