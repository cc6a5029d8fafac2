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

from .types import AttendanceStatus, MeetingKind


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


@strawberry.input(description="Valid only when approvals exceed half of the members counted "
                              "(summoned less those the rule excludes).")
class AdoptResolutionInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    meeting_id: strawberry.ID
    title: str
    votes_for: int
    votes_against: int
    votes_abstaining: int

    def to_command(self) -> c.AdoptResolution:
        return c.AdoptResolution(str(self.meeting_id), self.title, self.votes_for,
                                 self.votes_against, self.votes_abstaining)


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
