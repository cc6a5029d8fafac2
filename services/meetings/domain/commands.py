"""Meetings commands: what a client asks for, imperative. Plain data; handlers validate.

Names are annotated as such: their characters are checked before any handler runs. Times
(`MeetingTime`) are read at +07:00 when they carry no offset, and must lie within a few years
of today (kit.dates). Times of things that happened (`published_at`, `started_at`, `ended_at`)
must not lie in the future.

Every id a command carries is typed by what it names: the runner refuses, as not found, a
meeting or organisation outside the caller's subtree (kit.references); a member in attendance is
known only to a meeting that summoned them, and the meeting refuses anyone else alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from kit.dates import MeetingTime
from kit.references import Ref
from kit.text import Name, NumberedName

MeetingId = Annotated[str, Ref("meeting")]
OrganisationId = Annotated[str, Ref("organisation")]
SummonedMemberId = Annotated[str, Ref("member", within="meeting_id")]
MemberId = Annotated[str, Ref("member")]


@dataclass(frozen=True)
class ScheduleMeeting:
    """Call a branch meeting. `kind`: regular | thematic | combined; thematic and combined
    meetings need a `topic` (the chuyên đề)."""

    organisation_id: OrganisationId
    kind: str
    scheduled_start: MeetingTime
    planned_minutes: int
    agenda: tuple[str, ...]
    topic: str | None = None


@dataclass(frozen=True)
class RescheduleMeeting:
    meeting_id: MeetingId
    scheduled_start: MeetingTime
    reason: str


@dataclass(frozen=True)
class CancelMeeting:
    meeting_id: MeetingId
    reason: str


@dataclass(frozen=True)
class PublishMaterials:
    """Materials went out to members; `published_at` defaults to now."""

    meeting_id: MeetingId
    title: str
    published_at: MeetingTime | None = None


@dataclass(frozen=True)
class OpenMeeting:
    """Record the actual start: freezes the summoned list from the branch's roster now."""

    meeting_id: MeetingId
    started_at: MeetingTime


@dataclass(frozen=True)
class RecordAttendance:
    """`status`: present | absent_excused (needs the approved reason) | absent_unexcused."""

    meeting_id: MeetingId
    member_id: SummonedMemberId
    status: str
    reason: str = ""


@dataclass(frozen=True)
class AttendanceEntry:
    member_id: SummonedMemberId
    status: str
    reason: str = ""


@dataclass(frozen=True)
class RecordAttendanceSheet:
    """Several members' attendance at once (the roll call); one event per member."""

    meeting_id: MeetingId
    entries: tuple[AttendanceEntry, ...]


@dataclass(frozen=True)
class RecordSuperiorCadreAttendance:
    meeting_id: MeetingId
    full_name: Name
    title: str  # of an office (Phó Bí thư Đảng ủy xã), not a name
    organisation_name: NumberedName


@dataclass(frozen=True)
class AdoptResolution:
    """Put a resolution to the vote and record the result: adopted when approvals reach what
    its type needs (ordinary: more than half of the members counted; admission, official
    recognition, personnel: at least 2/3 of the branch's official members), rejected
    otherwise. `resolution_type`: ordinary | admission | official_recognition | personnel;
    an admission names its applicant, an official recognition its probationary member
    (`subject_member_id`)."""

    meeting_id: MeetingId
    title: str
    votes_for: int
    votes_against: int
    votes_abstaining: int
    resolution_type: str = "ordinary"
    subject_member_id: MemberId | None = None


@dataclass(frozen=True)
class CloseMeeting:
    """Record the actual end."""

    meeting_id: MeetingId
    ended_at: MeetingTime


@dataclass(frozen=True)
class CloseMinutes:
    """Close the minutes: needs the attendance of every summoned member expected to attend
    (not those temporarily transferred out, suspended or exempt); then nothing changes."""

    meeting_id: MeetingId


@dataclass(frozen=True)
class DuesPaymentEntry:
    """One member's payment: the calendar months paid for (2026-03), of one year, and the
    amount in VND when the branch records it."""

    member_id: SummonedMemberId
    months: tuple[str, ...]
    amount: int | None = None


@dataclass(frozen=True)
class RecordDuesPayments:
    """Dues members paid at the meeting (đảng phí), entered in the branch's dues book. A month's
    dues not paid by the time its monthly meeting's minutes close count as unpaid until paid."""

    meeting_id: MeetingId
    payments: tuple[DuesPaymentEntry, ...]
