"""Meetings events: facts, in the past tense. Wire names and versions live in adapters/wire.py.

Times are moments with an offset in business time (Asia/Ho_Chi_Minh); every decision taken
against the rule book names the rule version it used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .removal import RemovalGround
from .resolutions import ResolutionType
from .values import AttendanceStatus, Exclusion, MeetingKind


@dataclass(frozen=True)
class SummonedMember:
    """One member on the summoned list, as the branch's roster stood when the meeting opened."""

    member_id: str
    full_name: str
    official: bool  # probationary members attend but do not vote
    exempt: bool  # miễn công tác và sinh hoạt: counted only when present
    temporarily_transferred_out: bool  # sinh hoạt tạm thời elsewhere
    temporary_member: bool  # sinh hoạt tạm thời in this branch, on another branch's rolls
    suspended: bool  # đình chỉ sinh hoạt / tạm giam


@dataclass(frozen=True)
class Excluded:
    """A summoned member left out of a resolution's denominator, and why."""

    member_id: str
    reason: Exclusion


# -- the meeting stream ---------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingScheduled:
    """A branch meeting was called, with its kind, agenda and planned duration."""

    meeting_id: str
    organisation_id: str
    kind: MeetingKind
    topic: str | None  # the chuyên đề of a thematic or combined meeting
    scheduled_start: datetime
    planned_minutes: int
    minimum_minutes: int
    agenda: tuple[str, ...]
    rule_version: str


@dataclass(frozen=True)
class MeetingRescheduled:
    """The meeting was moved to another start; materials already out are judged again."""

    meeting_id: str
    scheduled_start: datetime
    minimum_minutes: int
    reason: str
    materials_late: bool | None  # None while no materials are published
    rule_version: str


@dataclass(frozen=True)
class MeetingCancelled:
    """The meeting was called off before it opened."""

    meeting_id: str
    cancelled_at: datetime
    reason: str


@dataclass(frozen=True)
class MaterialsPublished:
    """Meeting materials went out to members (Sổ tay đảng viên điện tử); late is a fact, not a refusal."""

    meeting_id: str
    title: str
    published_at: datetime
    lead_days_required: int
    late: bool
    rule_version: str


@dataclass(frozen=True)
class MeetingOpened:
    """The meeting started; the summoned list is frozen here and never follows the roster again."""

    meeting_id: str
    organisation_id: str
    started_at: datetime
    summoned: tuple[SummonedMember, ...]


@dataclass(frozen=True)
class AttendanceRecorded:
    """A summoned member's attendance (a later record for the same member corrects it)."""

    meeting_id: str
    member_id: str
    status: AttendanceStatus
    reason: str


@dataclass(frozen=True)
class SuperiorCadreAttended:
    """A cadre sent by a superior committee attended (cán bộ cấp trên dự sinh hoạt)."""

    meeting_id: str
    full_name: str
    title: str
    organisation_name: str


@dataclass(frozen=True)
class ResolutionAdopted:
    """A resolution passed: approvals reached `required_votes`, the rule's share of the
    denominator its type counts against (v2: typed; a v1 resolution was ordinary)."""

    meeting_id: str
    resolution_id: str
    title: str
    votes_for: int
    votes_against: int
    votes_abstaining: int
    summoned: int
    excluded: tuple[Excluded, ...]
    denominator: int
    rule_version: str
    resolution_type: ResolutionType
    subject_member_id: str | None  # the applicant of an admission, the member recognised, ...
    required_votes: int


@dataclass(frozen=True)
class MeetingClosed:
    """The meeting ended; whether it lasted the rule's minimum is recorded as a compliance fact."""

    meeting_id: str
    ended_at: datetime
    actual_minutes: int
    minimum_minutes: int
    duration_compliant: bool
    rule_version: str


@dataclass(frozen=True)
class MinutesClosed:
    """The minutes (biên bản) were closed: the meeting's record is final."""

    meeting_id: str
    closed_at: datetime
    present: int
    absent_excused: int
    absent_unexcused: int


# -- a member's attendance record for one calendar year ---------------------------------------


@dataclass(frozen=True)
class UnexcusedAbsenceCounted:
    """A member missed a meeting without reason (counted when its minutes closed)."""

    member_id: str
    year: int
    meeting_id: str
    organisation_id: str
    held_on: date
    count: int


@dataclass(frozen=True)
class UnexcusedAbsenceThresholdReached:
    """A member reached the year's unexcused-absence threshold: a ground for removal (xóa tên)
    that the committee may act on. Published once per member per calendar year."""

    member_id: str
    year: int
    organisation_id: str
    count: int
    threshold: int
    meeting_ids: tuple[str, ...]
    reached_on: date
    rule_version: str


# -- typed resolutions, dues, and the grounds for xóa tên found ---------------------------------


@dataclass(frozen=True)
class ResolutionRejected:
    """A resolution was put to the vote and did not pass: approvals fell short of
    `required_votes` (the rule's share of the denominator its type counts against)."""

    meeting_id: str
    resolution_id: str
    title: str
    votes_for: int
    votes_against: int
    votes_abstaining: int
    summoned: int
    excluded: tuple[Excluded, ...]
    denominator: int
    rule_version: str
    resolution_type: ResolutionType
    subject_member_id: str | None  # the applicant of an admission, the member recognised, ...
    required_votes: int


@dataclass(frozen=True)
class DuesPayment:
    """Dues a member paid at a meeting for one or more calendar months (2026-03); the amount
    (VND) when the branch records it (QĐ 342's rates are not checked here)."""

    member_id: str
    months: tuple[str, ...]
    amount: int | None


@dataclass(frozen=True)
class DuesPaymentsRecorded:
    """Dues paid at a branch meeting, entered in the branch's dues book (sổ thu đảng phí) of
    the year the months paid belong to."""

    organisation_id: str
    year: int
    meeting_id: str
    payments: tuple[DuesPayment, ...]


@dataclass(frozen=True)
class DuesFellDue:
    """The month's dues fell due for the members on the branch's rolls at its monthly meeting
    (judged when the minutes closed); those who have not paid for it owe it."""

    organisation_id: str
    year: int
    month: str
    meeting_id: str
    member_ids: tuple[str, ...]


@dataclass(frozen=True)
class RemovalFromRollsGroundsFound:
    """The branch's records show a ground for xóa tên (DOMAIN.md §3, ground 1): `months` of the
    calendar year with an unexcused absence (`absences`) or with dues unpaid (`dues`) reached
    the rule's threshold when a meeting's minutes closed. The branch proposes the removal; the
    competent committee decides. Published once per member, year and ground (dues: and
    branch, whose dues book it is)."""

    member_id: str
    year: int
    ground: RemovalGround
    organisation_id: str  # the branch whose records show it
    months: tuple[str, ...]
    threshold: int
    meeting_id: str  # the meeting whose closed minutes crossed the threshold
    found_on: date
    rule_version: str
