"""Meetings mutation inputs: one per command, each able to build its command.

Every input carries a client-made `commandId` (a UUID): sending the same command again with the
same id changes nothing and answers `duplicate: true`. Date-times without an offset are read in
Asia/Ho_Chi_Minh; times of what happened must not lie in the future.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.toolkit import COMMAND_ID
from services.meetings import api as c

from .types import AttendanceStatus, MeetingKind, ResolutionType


@strawberry.input(description="Call a branch meeting: at least 90 minutes (120 when combined "
                              "with a chuyên đề) under HD 42-2025.")
class ScheduleMeetingInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID = strawberry.field(description="The branch (chi bộ).")
    kind: MeetingKind  # type: ignore[valid-type]
    scheduled_start: datetime
    planned_minutes: int
    agenda: list[str]
    topic: str | None = strawberry.field(
        default=None, description="The chuyên đề; required for THEMATIC and COMBINED.")

    def to_command(self) -> c.ScheduleMeeting:
        return c.ScheduleMeeting(str(self.organisation_id), self.kind.value,
                                 self.scheduled_start, self.planned_minutes, tuple(self.agenda),
                                 self.topic)


@strawberry.input
class RescheduleMeetingInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    meeting_id: strawberry.ID
    scheduled_start: datetime
    reason: str

    def to_command(self) -> c.RescheduleMeeting:
        return c.RescheduleMeeting(str(self.meeting_id), self.scheduled_start, self.reason)


@strawberry.input
class CancelMeetingInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    meeting_id: strawberry.ID
    reason: str

    def to_command(self) -> c.CancelMeeting:
        return c.CancelMeeting(str(self.meeting_id), self.reason)


@strawberry.input(description="Materials went out to members; late when less than the rule's "
                              "lead time before the start.")
class PublishMaterialsInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    meeting_id: strawberry.ID
    title: str
    published_at: datetime | None = strawberry.field(default=None,
                                                     description="Default: now.")

    def to_command(self) -> c.PublishMaterials:
        return c.PublishMaterials(str(self.meeting_id), self.title, self.published_at)


@strawberry.input(description="The actual start; freezes the summoned list from the branch's "
                              "rolls now.")
class OpenMeetingInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    meeting_id: strawberry.ID
    started_at: datetime

    def to_command(self) -> c.OpenMeeting:
        return c.OpenMeeting(str(self.meeting_id), self.started_at)


@strawberry.input(description="ABSENT_EXCUSED needs the approved reason.")
class RecordAttendanceInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    meeting_id: strawberry.ID
    member_id: strawberry.ID
    status: AttendanceStatus  # type: ignore[valid-type]
    reason: str = ""

    def to_command(self) -> c.RecordAttendance:
        return c.RecordAttendance(str(self.meeting_id), str(self.member_id), self.status.value,
                                  self.reason)


@strawberry.input
class AttendanceEntryInput:
    member_id: strawberry.ID
    status: AttendanceStatus  # type: ignore[valid-type]
    reason: str = ""


@strawberry.input(description="The roll call: several members' attendance at once.")
class RecordAttendanceSheetInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    meeting_id: strawberry.ID
    entries: list[AttendanceEntryInput]

    def to_command(self) -> c.RecordAttendanceSheet:
        return c.RecordAttendanceSheet(str(self.meeting_id), tuple(
            c.AttendanceEntry(str(e.member_id), e.status.value, e.reason) for e in self.entries))


@strawberry.input
class RecordSuperiorCadreAttendanceInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    meeting_id: strawberry.ID
    full_name: str
    title: str
    organisation_name: str

    def to_command(self) -> c.RecordSuperiorCadreAttendance:
        return c.RecordSuperiorCadreAttendance(str(self.meeting_id), self.full_name, self.title,
                                               self.organisation_name)


@strawberry.input(description="The vote on a resolution, recorded adopted or rejected: an "
                              "ORDINARY one needs approvals above half of the members counted "
                              "(summoned less those the rule excludes); ADMISSION, "
                              "OFFICIAL_RECOGNITION and PERSONNEL at least 2/3 of the branch's "
                              "official members.")
class AdoptResolutionInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    meeting_id: strawberry.ID
    title: str
    votes_for: int
    votes_against: int
    votes_abstaining: int
    resolution_type: ResolutionType = strawberry.field(  # type: ignore[valid-type]
        default=ResolutionType.ORDINARY)  # type: ignore[attr-defined]
    subject_member_id: strawberry.ID | None = strawberry.field(
        default=None, description="Required for ADMISSION (the applicant to this branch) and "
                                  "OFFICIAL_RECOGNITION (a probationary member summoned).")

    def to_command(self) -> c.AdoptResolution:
        return c.AdoptResolution(str(self.meeting_id), self.title, self.votes_for,
                                 self.votes_against, self.votes_abstaining,
                                 self.resolution_type.value,
                                 None if self.subject_member_id is None
                                 else str(self.subject_member_id))


@strawberry.input(description="The actual end.")
class CloseMeetingInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    meeting_id: strawberry.ID
    ended_at: datetime

    def to_command(self) -> c.CloseMeeting:
        return c.CloseMeeting(str(self.meeting_id), self.ended_at)


@strawberry.input(description="Close the minutes: needs every expected member's attendance; "
                              "nothing changes afterwards.")
class CloseMinutesInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    meeting_id: strawberry.ID

    def to_command(self) -> c.CloseMinutes:
        return c.CloseMinutes(str(self.meeting_id))


@strawberry.input
class DuesPaymentInput:
    member_id: strawberry.ID
    months: list[str] = strawberry.field(description="Calendar months paid for, of one year: "
                                                     "2026-03.")
    amount: int | None = strawberry.field(default=None, description="VND, when recorded.")


@strawberry.input(description="Dues (đảng phí) members paid at the meeting. A month's dues not "
                              "paid when its monthly meeting's minutes close count as unpaid "
                              "until paid; three such months in a year are a ground for xóa tên.")
class RecordDuesPaymentsInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    meeting_id: strawberry.ID
    payments: list[DuesPaymentInput]

    def to_command(self) -> c.RecordDuesPayments:
        return c.RecordDuesPayments(str(self.meeting_id), tuple(
            c.DuesPaymentEntry(str(p.member_id), tuple(p.months), p.amount)
            for p in self.payments))
