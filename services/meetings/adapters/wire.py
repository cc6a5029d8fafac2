"""Stable wire names and schema versions of meetings events, and the RPC names of its commands.

The event names here are the published contract (contracts/events/meetings/*.json); Python class
names and module paths may change freely.
"""

from __future__ import annotations

from kit.codec import EventCodec

from ..domain import commands as c
from ..domain import events as e

SERVICE = "meetings"
TOPIC = "meetings.events"

# (wire name, schema version, class): the names are literals, so renaming a class changes nothing
# on the wire
CODEC = EventCodec([
    ("meetings.MeetingScheduled", 1, e.MeetingScheduled),
    ("meetings.MeetingRescheduled", 1, e.MeetingRescheduled),
    ("meetings.MeetingCancelled", 1, e.MeetingCancelled),
    ("meetings.MaterialsPublished", 1, e.MaterialsPublished),
    ("meetings.MeetingOpened", 1, e.MeetingOpened),
    ("meetings.AttendanceRecorded", 1, e.AttendanceRecorded),
    ("meetings.SuperiorCadreAttended", 1, e.SuperiorCadreAttended),
    ("meetings.ResolutionAdopted", 1, e.ResolutionAdopted),
    ("meetings.MeetingClosed", 1, e.MeetingClosed),
    ("meetings.MinutesClosed", 1, e.MinutesClosed),
    ("meetings.UnexcusedAbsenceCounted", 1, e.UnexcusedAbsenceCounted),
    ("meetings.UnexcusedAbsenceThresholdReached", 1, e.UnexcusedAbsenceThresholdReached),
])

# (RPC name, command class) for every command with a handler: literals too, and the service's
# declaration refuses a table that disagrees with its handlers
COMMAND_NAMES = {
    "ScheduleMeeting": c.ScheduleMeeting,
    "RescheduleMeeting": c.RescheduleMeeting,
    "CancelMeeting": c.CancelMeeting,
    "PublishMaterials": c.PublishMaterials,
    "OpenMeeting": c.OpenMeeting,
    "RecordAttendance": c.RecordAttendance,
    "RecordAttendanceSheet": c.RecordAttendanceSheet,
    "RecordSuperiorCadreAttendance": c.RecordSuperiorCadreAttendance,
    "AdoptResolution": c.AdoptResolution,
    "CloseMeeting": c.CloseMeeting,
    "CloseMinutes": c.CloseMinutes,
}
