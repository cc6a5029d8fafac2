"""GraphQL types of meetings: a meeting with its record, statistics and compliance findings.

Meetings and statistics come from the meetings service's read models. Organisations are
resolved through membership (the same `Organisation` type, under the same scope guard); a
person's file (`member`) is scoped like every member field: null with FORBIDDEN when the member
is now kept on rolls outside the caller's subtree. Names on a meeting's record are the names
the minutes hold, part of a meeting the caller may read.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.toolkit import Info, graphql_enum
from kit.paging import encode_cursor
from services.meetings import api as mv

from .access import meeting_detail
from .references import Member, Organisation, member_or_none, organisation_or_none

MeetingKind = graphql_enum(mv.MeetingKind, "MeetingKind",
                           "Regular (thường kỳ, monthly), thematic (chuyên đề) or both at once.")
MeetingStatus = graphql_enum(mv.MeetingStatus, "MeetingStatus", "Where a meeting stands.")
AttendanceStatus = graphql_enum(mv.AttendanceStatus, "AttendanceStatus",
                                "Present, absent with an approved reason, or absent without one.")
Exclusion = graphql_enum(mv.Exclusion, "Exclusion",
                         "Why a summoned member is left out of a resolution's denominator.")
ResolutionType = graphql_enum(mv.ResolutionType, "ResolutionType",
                              "What a resolution decides: ORDINARY ones need more than half of "
                              "the members counted; ADMISSION, OFFICIAL_RECOGNITION and "
                              "PERSONNEL at least 2/3 of the branch's official members.")


@strawberry.type(description="One summoned member on the meeting's frozen list.")
class AttendanceLine:
    member_id: strawberry.ID
    full_name: str = strawberry.field(description="As the summoned list recorded it.")
    official: bool
    exempt: bool
    temporarily_transferred_out: bool
    temporary_member: bool = strawberry.field(
        description="Attending here for a time, kept on another branch's rolls.")
    suspended: bool
    status: AttendanceStatus | None = strawberry.field(  # type: ignore[valid-type]
        description="Null while not recorded.")
    reason: str

    @strawberry.field(description="The member's file now; null with FORBIDDEN when kept on "
                                  "rolls outside your subtree.")
    def member(self, info: Info) -> Member | None:
        return member_or_none(info, self.member_id)


@strawberry.type
class ExcludedMember:
    member_id: strawberry.ID
    reason: Exclusion  # type: ignore[valid-type]


@strawberry.type(description="A resolution (nghị quyết) put to the vote, adopted when "
                             "approvals reached what its type needs, rejected otherwise.")
class Resolution:
    id: strawberry.ID
    title: str
    votes_for: int
    votes_against: int
    votes_abstaining: int
    summoned: int
    denominator: int = strawberry.field(description="Summoned less the excluded.")
    excluded: list[ExcludedMember]
    rule_version: str
    resolution_type: ResolutionType  # type: ignore[valid-type]
    required_votes: int = strawberry.field(description="The approvals its type needed.")
    passed: bool = strawberry.field(description="Adopted; false: put to the vote, rejected.")
    subject_member_id: strawberry.ID | None = strawberry.field(
        description="The applicant of an admission, the member recognised as official, ...")

    @strawberry.field(description="The member the resolution decides about, now; null with "
                                  "FORBIDDEN when kept on rolls outside your subtree.")
    def subject(self, info: Info) -> Member | None:
        return member_or_none(info, self.subject_member_id) if self.subject_member_id else None


@strawberry.type(description="A cadre of a superior committee who attended.")
class SuperiorCadre:
    full_name: str
    title: str
    organisation_name: str


@strawberry.type(description="Materials sent to members (Sổ tay đảng viên điện tử).")
class Materials:
    title: str
    published_at: datetime
    late: bool = strawberry.field(description="Published later than the rule's lead time.")
    lead_days_required: int
    rule_version: str


@strawberry.type(description="A branch meeting (cuộc sinh hoạt chi bộ). Counts of attendance "
                             "are final once the minutes are closed.")
class Meeting:
    id: strawberry.ID
    organisation_id: strawberry.ID
    kind: MeetingKind  # type: ignore[valid-type]
    topic: str | None
    status: MeetingStatus  # type: ignore[valid-type]
    scheduled_start: datetime
    planned_minutes: int
    minimum_minutes: int
    rule_version: str
    started_at: datetime | None
    ended_at: datetime | None
    actual_minutes: int | None
    duration_compliant: bool | None = strawberry.field(description="Null until it ended.")
    materials_published_at: datetime | None
    materials_late: bool | None = strawberry.field(description="Null while nothing is out.")
    summoned: int
    present: int | None
    absent_excused: int | None
    absent_unexcused: int | None

    @classmethod
    def from_view(cls, m: mv.MeetingSummary) -> Meeting:
        fields = {k: val for k, val in m.__dict__.items() if k != "organisation"}
        fields.update(kind=MeetingKind(m.kind), status=MeetingStatus(m.status),
                      organisation_id=strawberry.ID(m.organisation.id))
        return cls(**fields)

    @strawberry.field(description="The branch that holds the meeting.")
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)

    @strawberry.field
    def agenda(self, info: Info) -> list[str]:
        return _detail(info, self.id).agenda

    @strawberry.field(description="The frozen summoned list in Vietnamese name order (empty "
                                  "until the meeting opens).")
    def attendance(self, info: Info) -> list[AttendanceLine]:
        return [AttendanceLine(
            member_id=strawberry.ID(a.member_id), full_name=a.full_name, official=a.official,
            exempt=a.exempt, temporarily_transferred_out=a.temporarily_transferred_out,
            temporary_member=a.temporary_member, suspended=a.suspended,
            status=AttendanceStatus(a.status) if a.status else None, reason=a.reason)
            for a in _detail(info, self.id).attendance]

    @strawberry.field
    def resolutions(self, info: Info) -> list[Resolution]:
        return [Resolution(
            id=strawberry.ID(r.id), title=r.title, votes_for=r.votes_for,
            votes_against=r.votes_against, votes_abstaining=r.votes_abstaining,
            summoned=r.summoned, denominator=r.denominator, rule_version=r.rule_version,
            excluded=[ExcludedMember(member_id=strawberry.ID(m), reason=Exclusion(why))
                      for m, why in r.excluded],
            resolution_type=ResolutionType(r.resolution_type), required_votes=r.required_votes,
            passed=r.passed, subject_member_id=(strawberry.ID(r.subject_member_id)
                                                if r.subject_member_id else None))
            for r in _detail(info, self.id).resolutions]

    @strawberry.field
    def superior_cadres(self, info: Info) -> list[SuperiorCadre]:
        return [cadre(c) for c in _detail(info, self.id).superior_cadres]

    @strawberry.field
    def materials(self, info: Info) -> list[Materials]:
        return [Materials(title=m.title, published_at=m.published_at, late=m.late,
                          lead_days_required=m.lead_days_required, rule_version=m.rule_version)
                for m in _detail(info, self.id).materials]

    @strawberry.field
    def cancel_reason(self, info: Info) -> str | None:
        return _detail(info, self.id).cancel_reason


def _detail(info: Info, meeting_id: str) -> mv.MeetingDetail:
    detail = meeting_detail(info.context, meeting_id)
    assert detail is not None  # the meeting was read a moment ago
    return detail


def cadre(c: mv.CadreView) -> SuperiorCadre:
    return SuperiorCadre(full_name=c.full_name, title=c.title,
                         organisation_name=c.organisation_name)


def meeting_or_none(info: Info, meeting_id: str | None) -> Meeting | None:
    detail = meeting_detail(info.context, meeting_id) if meeting_id else None
    return Meeting.from_view(detail.summary) if detail else None


def meeting_cursor(m: mv.MeetingSummary) -> str:
    """The cursor the meetings list pages on (newest start first, then id), for one edge."""
    return encode_cursor(m.scheduled_start.isoformat(), m.id)
