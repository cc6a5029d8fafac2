"""What the meetings queries return: plain, typed, documented values (no database rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class OrganisationRef:
    id: str
    name: str
    type: str
    status: str  # active | merged | dissolved


@dataclass(frozen=True)
class RosterEntry:
    """A member as the next meeting of a branch would summon them (from the roster now)."""

    member_id: str
    full_name: str
    official: bool
    exempt: bool
    temporarily_transferred_out: bool
    temporary_member: bool
    suspended: bool


@dataclass(frozen=True)
class MeetingSummary:
    id: str
    organisation: OrganisationRef
    kind: str  # regular | thematic | combined
    topic: str | None
    status: str  # scheduled | cancelled | opened | ended | minutes_closed
    scheduled_start: datetime
    planned_minutes: int
    minimum_minutes: int
    rule_version: str
    started_at: datetime | None
    ended_at: datetime | None
    actual_minutes: int | None
    duration_compliant: bool | None  # None until the meeting ended
    materials_published_at: datetime | None  # the first publication
    materials_late: bool | None  # None while nothing is published
    summoned: int
    present: int | None  # counts are final once the minutes are closed
    absent_excused: int | None
    absent_unexcused: int | None


@dataclass(frozen=True)
class AttendanceLine:
    member_id: str
    full_name: str
    official: bool
    exempt: bool
    temporarily_transferred_out: bool
    temporary_member: bool
    suspended: bool
    status: str | None  # None while not recorded
    reason: str


@dataclass(frozen=True)
class ResolutionView:
    id: str
    title: str
    votes_for: int
    votes_against: int
    votes_abstaining: int
    summoned: int
    denominator: int
    excluded: list[tuple[str, str]]  # (member_id, reason)
    rule_version: str
    resolution_type: str  # ordinary | admission | official_recognition | personnel
    subject_member_id: str | None  # the applicant of an admission, the member recognised, ...
    required_votes: int  # the approvals its type needed out of the denominator
    passed: bool  # adopted, or put to the vote and rejected


@dataclass(frozen=True)
class CadreView:
    full_name: str
    title: str
    organisation_name: str


@dataclass(frozen=True)
class MaterialsView:
    title: str
    published_at: datetime
    late: bool
    lead_days_required: int
    rule_version: str


@dataclass(frozen=True)
class MeetingDetail:
    summary: MeetingSummary
    agenda: list[str]
    attendance: list[AttendanceLine]  # the frozen summoned list, in Vietnamese name order
    resolutions: list[ResolutionView]
    superior_cadres: list[CadreView]
    materials: list[MaterialsView]
    cancel_reason: str | None


@dataclass(frozen=True)
class AttendanceRate:
    """Attendance over held meetings. `expected` leaves out those not expected to attend:
    temporarily transferred out, suspended, and exempt members who stayed away."""

    present: int
    absent_excused: int
    absent_unexcused: int
    expected: int
    unrecorded: int  # summoned members whose attendance is not recorded yet
    meetings: int

    @property
    def rate(self) -> float | None:
        return self.present / self.expected if self.expected else None


@dataclass(frozen=True)
class BranchAttendance:
    organisation: OrganisationRef
    attendance: AttendanceRate


@dataclass(frozen=True)
class MemberAttendance:
    member_id: str
    full_name: str
    attendance: AttendanceRate


@dataclass(frozen=True)
class MissedMeeting:
    """A branch held no meeting of the required kind in a month (or quarter) that is over."""

    organisation: OrganisationRef
    requirement: str  # monthly | thematic_quarterly
    period: str  # 2026-03 or 2026-Q1
    starts_on: date
    ends_on: date
    held: int
    required: int
    rule_version: str


@dataclass(frozen=True)
class UnexcusedAbsentee:
    """A member whose unexcused absences of a year fell in the threshold's number of calendar
    months: `count` meetings missed, in `months`; `threshold` is of months."""

    member_id: str
    full_name: str
    organisation: OrganisationRef  # the branch where the threshold was reached
    year: int
    count: int
    threshold: int
    reached_on: date
    meeting_ids: list[str]
    rule_version: str
    months: list[str]  # the months with an unexcused absence, 2026-03, when it was reached


@dataclass(frozen=True)
class CadreVisit:
    """One branch on one assigned day of the superior-cadre schedule."""

    organisation: OrganisationRef
    assigned_on: date
    status: str  # attended | no_cadre | no_meeting
    meeting_id: str | None
    cadres: list[CadreView]


@dataclass(frozen=True)
class MaterialsIssue:
    meeting: MeetingSummary
    issue: str  # late | missing (held without any materials published)


@dataclass(frozen=True)
class RemovalGroundView:
    """A ground for xóa tên a branch found in its records (DOMAIN.md §3, ground 1): the months
    of `year` absent without reason (`absences`) or with dues unpaid (`dues`)."""

    member_id: str
    full_name: str
    organisation: OrganisationRef  # the branch whose records show it
    year: int
    ground: str  # absences | dues
    months: list[str]  # 2026-03, ... as they stood when the threshold was reached
    threshold: int
    meeting_id: str  # the meeting whose closed minutes crossed the threshold
    found_on: date
    rule_version: str
