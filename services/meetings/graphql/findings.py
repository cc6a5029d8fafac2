"""GraphQL types of attendance statistics and compliance findings (see types.py for the
scope rules: organisations through membership, `member` fields scoped to the caller's subtree)."""

from __future__ import annotations

import enum
from datetime import date

import strawberry

from gateway.toolkit import Info, name_key
from kit.paging import encode_cursor
from services.meetings import api as mv

from .references import Member, Organisation, member_or_none, organisation_or_none
from .types import Meeting, SuperiorCadre, meeting_or_none


def member_attendance_cursor(m: mv.MemberAttendance) -> str:
    """The cursor attendance by member pages on (name order, then id), for one edge."""
    return encode_cursor(name_key(m.full_name), m.member_id)


@strawberry.enum(description="What was wrong with a meeting's materials.")
class MaterialsIssueKind(enum.Enum):
    LATE = "late"
    MISSING = "missing"


@strawberry.enum(description="How an assigned superior-cadre day went at a branch.")
class CadreVisitStatus(enum.Enum):
    ATTENDED = "attended"
    NO_CADRE = "no_cadre"
    NO_MEETING = "no_meeting"


@strawberry.enum(description="Which meeting requirement a branch missed.")
class MeetingRequirement(enum.Enum):
    MONTHLY = "monthly"
    THEMATIC_QUARTERLY = "thematic_quarterly"


# -- statistics and compliance -------------------------------------------------------------


@strawberry.type(description="Attendance over held meetings. `expected` leaves out members not "
                             "expected to attend: temporarily transferred out, suspended, and "
                             "exempt members who stayed away.")
class AttendanceRate:
    present: int
    absent_excused: int
    absent_unexcused: int
    expected: int
    unrecorded: int = strawberry.field(description="Summoned, attendance not recorded yet.")
    meetings: int
    rate: float | None = strawberry.field(description="present / expected; null without any.")

    @classmethod
    def from_view(cls, a: mv.AttendanceRate) -> AttendanceRate:
        return cls(present=a.present, absent_excused=a.absent_excused,
                   absent_unexcused=a.absent_unexcused, expected=a.expected,
                   unrecorded=a.unrecorded, meetings=a.meetings, rate=a.rate)


@strawberry.type
class BranchAttendance:
    organisation_id: strawberry.ID
    attendance: AttendanceRate

    @strawberry.field
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)


@strawberry.type
class MemberAttendance:
    member_id: strawberry.ID
    full_name: str
    attendance: AttendanceRate

    @strawberry.field(description="The member's file now; null with FORBIDDEN when kept on "
                                  "rolls outside your subtree.")
    def member(self, info: Info) -> Member | None:
        return member_or_none(info, self.member_id)


@strawberry.type(description="A branch held fewer meetings of a kind than the rule asks in a "
                             "month (or quarter) that is over.")
class MissedMeeting:
    organisation_id: strawberry.ID
    requirement: MeetingRequirement
    period: str = strawberry.field(description="2026-03, or 2026-Q1.")
    starts_on: date
    ends_on: date
    held: int
    required: int
    rule_version: str

    @strawberry.field
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)

    @classmethod
    def from_view(cls, m: mv.MissedMeeting) -> MissedMeeting:
        return cls(organisation_id=strawberry.ID(m.organisation.id),
                   requirement=MeetingRequirement(m.requirement), period=m.period,
                   starts_on=m.starts_on, ends_on=m.ends_on, held=m.held, required=m.required,
                   rule_version=m.rule_version)


@strawberry.type(description="A member whose unexcused absences of a year fell in the "
                             "threshold's number of calendar months (xóa tên ground, QĐ 24 "
                             "§8.1): `count` meetings missed, in `months`.")
class UnexcusedAbsentee:
    member_id: strawberry.ID
    full_name: str
    organisation_id: strawberry.ID = strawberry.field(
        description="The branch where the threshold was reached.")
    year: int
    count: int
    threshold: int = strawberry.field(description="Of calendar months.")
    reached_on: date
    meeting_ids: list[strawberry.ID]
    rule_version: str
    months: list[str] = strawberry.field(
        description="The months with an unexcused absence when it was reached: 2026-03.")

    @strawberry.field
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)

    @strawberry.field(description="The member's file now; null with FORBIDDEN when kept on "
                                  "rolls outside your subtree.")
    def member(self, info: Info) -> Member | None:
        return member_or_none(info, self.member_id)


@strawberry.enum(description="Which ground for xóa tên a branch's records show (DOMAIN.md §3, "
                             "ground 1).")
class BranchRecordGround(enum.Enum):
    ABSENCES = "absences"  # months absent without reason
    DUES = "dues"  # months of dues unpaid


@strawberry.type(description="A ground for xóa tên a branch found in its records: the months "
                             "of the year absent without reason, or with dues unpaid, reached "
                             "the rule's threshold. The branch proposes; the competent "
                             "committee decides.")
class RemovalGroundFound:
    member_id: strawberry.ID
    full_name: str
    organisation_id: strawberry.ID = strawberry.field(
        description="The branch whose records show it.")
    year: int
    ground: BranchRecordGround
    months: list[str] = strawberry.field(description="2026-03, ... when it was found.")
    threshold: int
    meeting_id: strawberry.ID = strawberry.field(
        description="The meeting whose closed minutes crossed the threshold.")
    found_on: date
    rule_version: str

    @strawberry.field
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)

    @strawberry.field(description="The member's file now; null with FORBIDDEN when kept on "
                                  "rolls outside your subtree.")
    def member(self, info: Info) -> Member | None:
        return member_or_none(info, self.member_id)

    @classmethod
    def from_view(cls, g: mv.RemovalGroundView) -> RemovalGroundFound:
        return cls(member_id=strawberry.ID(g.member_id), full_name=g.full_name,
                   organisation_id=strawberry.ID(g.organisation.id), year=g.year,
                   ground=BranchRecordGround(g.ground), months=g.months, threshold=g.threshold,
                   meeting_id=strawberry.ID(g.meeting_id), found_on=g.found_on,
                   rule_version=g.rule_version)


@strawberry.type(description="One branch on one assigned day of the superior-cadre schedule.")
class CadreVisit:
    organisation_id: strawberry.ID
    assigned_on: date
    status: CadreVisitStatus
    meeting_id: strawberry.ID | None
    cadres: list[SuperiorCadre]

    @strawberry.field
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)

    @strawberry.field
    def meeting(self, info: Info) -> Meeting | None:
        return meeting_or_none(info, self.meeting_id)


@strawberry.type
class MaterialsIssue:
    issue: MaterialsIssueKind
    meeting: Meeting


