"""One handler per command: load, authorise, decide. The service saves what they changed."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from kit.errors import InvalidInput

from ..domain import commands as c
from ..domain.absences import AbsenceYear
from ..domain.meeting import Meeting
from ..domain.values import AttendanceStatus, MeetingKind, local_date, parse_enum, parse_id
from .deps import Call

ID_NAMESPACE = uuid.UUID("3d0b6c1e-8f57-4c8e-9a0e-5b2f7c9d4e61")


def new_id(command_id: str, kind: str) -> str:
    """Ids of new aggregates derive from the command id, so a retry names the same aggregate."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{kind}:{command_id}"))


def _meeting(meeting_id: str, call: Call) -> Meeting:
    return call.meeting(parse_id(meeting_id, "meeting_id"))


def schedule_meeting(cmd: c.ScheduleMeeting, call: Call, command_id: str) -> dict:
    org = call.organisation(parse_id(cmd.organisation_id, "organisation_id"))
    call.authorise(org.id)
    meeting = Meeting(new_id(command_id, "meeting"))
    meeting.schedule(org, parse_enum(MeetingKind, cmd.kind, "kind"), cmd.topic,
                     cmd.scheduled_start, cmd.planned_minutes, tuple(cmd.agenda), call.rules)
    call.changed.append(meeting)
    return {"meeting_id": meeting.id}


def reschedule_meeting(cmd: c.RescheduleMeeting, call: Call, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, call)
    m.reschedule(cmd.scheduled_start, cmd.reason, call.rules)
    return {"meeting_id": m.id}


def cancel_meeting(cmd: c.CancelMeeting, call: Call, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, call)
    m.cancel(cmd.reason, call.now)
    return {"meeting_id": m.id}


def publish_materials(cmd: c.PublishMaterials, call: Call, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, call)
    m.publish_materials(cmd.title, cmd.published_at or call.now, call.now, call.rules)
    return {"meeting_id": m.id}


def open_meeting(cmd: c.OpenMeeting, call: Call, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, call)
    m.open(cmd.started_at, call.directory.summons_for(m.organisation_id), call.now)
    return {"meeting_id": m.id}


def record_attendance(cmd: c.RecordAttendance, call: Call, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, call)
    m.record_attendance(parse_id(cmd.member_id, "member_id"),
                        parse_enum(AttendanceStatus, cmd.status, "status"), cmd.reason)
    return {"meeting_id": m.id}


def record_attendance_sheet(cmd: c.RecordAttendanceSheet, call: Call, command_id: str) -> dict:
    if not cmd.entries:
        raise InvalidInput("entries", "the sheet lists nobody")
    ids = [parse_id(e.member_id, f"entries[{i}].member_id") for i, e in enumerate(cmd.entries)]
    if len(set(ids)) != len(ids):
        raise InvalidInput("entries", "lists a member twice")
    m = _meeting(cmd.meeting_id, call)
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


def record_superior_cadre(cmd: c.RecordSuperiorCadreAttendance, call: Call,
                          command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, call)
    m.record_superior_cadre(cmd.full_name, cmd.title, cmd.organisation_name)
    return {"meeting_id": m.id}


def adopt_resolution(cmd: c.AdoptResolution, call: Call, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, call)
    resolution_id = new_id(command_id, "resolution")
    m.adopt_resolution(resolution_id, cmd.title, cmd.votes_for, cmd.votes_against,
                       cmd.votes_abstaining, call.rules)
    return {"meeting_id": m.id, "resolution_id": resolution_id}


def close_meeting(cmd: c.CloseMeeting, call: Call, command_id: str) -> dict:
    m = _meeting(cmd.meeting_id, call)
    m.close(cmd.ended_at, call.now, call.rules)
    return {"meeting_id": m.id}


def close_minutes(cmd: c.CloseMinutes, call: Call, command_id: str) -> dict:
    """Closing the minutes makes attendance final, so unexcused absences are counted here,
    on each absentee's yearly record, in the same append as the meeting's."""
    m = _meeting(cmd.meeting_id, call)
    m.close_minutes(call.now)
    assert m.started_at is not None
    held_on = local_date(m.started_at)
    for absentee in m.unexcused_absentees():
        year = call.repo.load(AbsenceYear, AbsenceYear.id_for(absentee.member_id, held_on.year))
        year.count(absentee.member_id, m.id, m.organisation_id, held_on, call.rules)
        if year.pending:
            call.changed.append(year)
    return {"meeting_id": m.id}


HANDLERS: dict[type, Callable[[Any, Call, str], dict]] = {
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
}
