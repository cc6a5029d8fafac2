"""Meetings commands: what a client asks for, imperative. Plain data; handlers validate.

Names are annotated as such: their characters are checked before any handler runs. Times
(`datetime`) are read in Asia/Ho_Chi_Minh when they carry no offset. Times of things that
happened (`published_at`, `started_at`, `ended_at`) must not lie in the future.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kit.text import Name, NumberedName


@dataclass(frozen=True)
class ScheduleMeeting:
    """Call a branch meeting. `kind`: regular | thematic | combined; thematic and combined
    meetings need a `topic` (the chuyên đề)."""

    organisation_id: str
    kind: str
    scheduled_start: datetime
    planned_minutes: int
    agenda: tuple[str, ...]
    topic: str | None = None


@dataclass(frozen=True)
class RescheduleMeeting:
    meeting_id: str
    scheduled_start: datetime
    reason: str


@dataclass(frozen=True)
class CancelMeeting:
    meeting_id: str
    reason: str


@dataclass(frozen=True)
class PublishMaterials:
    """Materials went out to members; `published_at` defaults to now."""

    meeting_id: str
    title: str
    published_at: datetime | None = None


@dataclass(frozen=True)
class OpenMeeting:
    """Record the actual start: freezes the summoned list from the branch's roster now."""

    meeting_id: str
    started_at: datetime


@dataclass(frozen=True)
class RecordAttendance:
    """`status`: present | absent_excused (needs the approved reason) | absent_unexcused."""

    meeting_id: str
    member_id: str
    status: str
    reason: str = ""


@dataclass(frozen=True)
class AttendanceEntry:
    member_id: str
    status: str
    reason: str = ""


@dataclass(frozen=True)
class RecordAttendanceSheet:
    """Several members' attendance at once (the roll call); one event per member."""

    meeting_id: str
    entries: tuple[AttendanceEntry, ...]


@dataclass(frozen=True)
class RecordSuperiorCadreAttendance:
    meeting_id: str
    full_name: Name
    title: str  # of an office (Phó Bí thư Đảng ủy xã), not a name
    organisation_name: NumberedName


@dataclass(frozen=True)
class AdoptResolution:
    """Refused (RuleViolated `resolution.majority`) unless approvals exceed half the
    denominator; a refused vote appends nothing."""

    meeting_id: str
    title: str
    votes_for: int
    votes_against: int
    votes_abstaining: int


@dataclass(frozen=True)
class CloseMeeting:
    """Record the actual end."""

    meeting_id: str
    ended_at: datetime


@dataclass(frozen=True)
class CloseMinutes:
    """Close the minutes: needs the attendance of every summoned member expected to attend
    (not those temporarily transferred out, suspended or exempt); then nothing changes."""

    meeting_id: str
