"""One handler per command: load, authorise, decide. The service saves what they changed."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from kit.errors import InvalidInput, NotFound

from ..domain import commands as c
from ..domain.absences import AbsenceYear
from ..domain.meeting import Meeting
from ..domain.resolutions import ResolutionType
from ..domain.values import AttendanceStatus, MeetingKind, local_date, parse_enum, parse_id
from .deps import CommandScope
from .dues import judge_dues, record_dues_payments

ID_NAMESPACE = uuid.UUID("3d0b6c1e-8f57-4c8e-9a0e-5b2f7c9d4e61")


def new_id(command_id: str, kind: str) -> str:
    """Ids of new aggregates derive from the command id, so a retry names the same aggregate."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{kind}:{command_id}"))


def _meeting(meeting_id: str, scope: CommandScope) -> Meeting:
    return scope.meeting(parse_id(meeting_id, "meeting_id"))


def schedule_meeting(cmd: c.ScheduleMeeting, scope: CommandScope, command_id: str) -> dict:
    org = scope.organisation(parse_id(cmd.organisation_id, "organisation_id"))
    scope.authorise(org.id)
    meeting = Meeting(new_id(command_id, "meeting"))
    meeting.schedule(org, parse_enum(MeetingKind, cmd.kind, "kind"), cmd.topic,
                     cmd.scheduled_start, cmd.planned_minutes, tuple(cmd.agenda), scope.rules)
    scope.changed.append(meeting)
    return {"meeting_id": meeting.id}


def reschedule_meeting(cmd: c.RescheduleMeeting, scope: CommandScope, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, scope)
    m.reschedule(cmd.scheduled_start, cmd.reason, scope.rules)
    return {"meeting_id": m.id}


def cancel_meeting(cmd: c.CancelMeeting, scope: CommandScope, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, scope)
    m.cancel(cmd.reason, scope.now)
    return {"meeting_id": m.id}


def publish_materials(cmd: c.PublishMaterials, scope: CommandScope, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, scope)
    m.publish_materials(cmd.title, cmd.published_at or scope.now, scope.now, scope.rules)
    return {"meeting_id": m.id}


def open_meeting(cmd: c.OpenMeeting, scope: CommandScope, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, scope)
    m.open(cmd.started_at, scope.directory.summons_for(m.organisation_id), scope.now)
    return {"meeting_id": m.id}


def record_attendance(cmd: c.RecordAttendance, scope: CommandScope, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, scope)
    m.record_attendance(parse_id(cmd.member_id, "member_id"),
                        parse_enum(AttendanceStatus, cmd.status, "status"), cmd.reason)
    return {"meeting_id": m.id}


def record_attendance_sheet(cmd: c.RecordAttendanceSheet, scope: CommandScope,
                            command_id: str) -> dict:
    if not cmd.entries:
        raise InvalidInput("entries", "the sheet lists nobody")
    ids = [parse_id(e.member_id, f"entries[{i}].member_id") for i, e in enumerate(cmd.entries)]
    if len(set(ids)) != len(ids):
        raise InvalidInput("entries", "lists a member twice")
    m = _meeting(cmd.meeting_id, scope)
    for i, entry in enumerate(cmd.entries):
        try:
            m.record_attendance(parse_id(entry.member_id, f"entries[{i}].member_id"),
                                parse_enum(AttendanceStatus, entry.status, f"entries[{i}].status"),
                                entry.reason)
        except InvalidInput as error:
            if error.field.startswith("entries["):
                raise
            # name the entry at fault (a member not summoned, an excuse without its reason)
            raise InvalidInput(f"entries[{i}].{error.field}",
                               error.message.removeprefix(f"{error.field}: ")) from None
    return {"meeting_id": m.id}


def record_superior_cadre(cmd: c.RecordSuperiorCadreAttendance, scope: CommandScope,
                          command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, scope)
    m.record_superior_cadre(cmd.full_name, cmd.title, cmd.organisation_name)
    return {"meeting_id": m.id}


def adopt_resolution(cmd: c.AdoptResolution, scope: CommandScope, command_id: str) -> dict:
    kind = parse_enum(ResolutionType, cmd.resolution_type, "resolution_type")
    subject = (None if cmd.subject_member_id is None
               else parse_id(cmd.subject_member_id, "subject_member_id"))
    m = _meeting(cmd.meeting_id, scope)
    if subject is not None:
        placement = scope.directory.member_placement(subject)
        if placement is None:
            raise NotFound("member", subject)
        # an admission is the branch's proposal for someone who applied to it
        if kind is ResolutionType.ADMISSION and (placement.status != "applicant" or
                                                 placement.organisation_id != m.organisation_id):
            raise InvalidInput("subject_member_id", "is not an applicant to this branch")
    resolution_id = new_id(command_id, "resolution")
    m.adopt_resolution(resolution_id, cmd.title, cmd.votes_for, cmd.votes_against,
                       cmd.votes_abstaining, kind, subject, scope.rules)
    return {"meeting_id": m.id, "resolution_id": resolution_id}


def close_meeting(cmd: c.CloseMeeting, scope: CommandScope, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, scope)
    m.close(cmd.ended_at, scope.now, scope.rules)
    return {"meeting_id": m.id}


def close_minutes(cmd: c.CloseMinutes, scope: CommandScope, command_id: str) -> dict:
    """Closing the minutes makes attendance final, so unexcused absences are counted here,
    on each absentee's yearly record, and the month's dues fall due in the branch's dues book,
    in the same append as the meeting's."""
    m = _meeting(cmd.meeting_id, scope)
    m.close_minutes(scope.now)
    assert m.started_at is not None
    held_on = local_date(m.started_at)
    for absentee in m.unexcused_absentees():
        year = scope.repo.load(AbsenceYear, AbsenceYear.id_for(absentee.member_id, held_on.year))
        year.count(absentee.member_id, m.id, m.organisation_id, held_on, scope.rules)
        if year.pending:
            scope.changed.append(year)
    judge_dues(m, scope)
    return {"meeting_id": m.id}


HANDLERS: dict[type, Callable[[Any, CommandScope, str], dict]] = {
    c.ScheduleMeeting: schedule_meeting,
    c.RescheduleMeeting: reschedule_meeting,
    c.CancelMeeting: cancel_meeting,
    c.PublishMaterials: publish_materials,
    c.OpenMeeting: open_meeting,
    c.RecordAttendance: record_attendance,
    c.RecordAttendanceSheet: record_attendance_sheet,
    c.RecordSuperiorCadreAttendance: record_superior_cadre,
    c.AdoptResolution: adopt_resolution,
    c.CloseMeeting: close_meeting,
    c.CloseMinutes: close_minutes,
    c.RecordDuesPayments: record_dues_payments,
}
