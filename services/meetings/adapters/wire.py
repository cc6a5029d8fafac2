"""Stable wire names and schema versions of meetings events, and the RPC names of its commands.

The event names here are the published contract (contracts/events/meetings/*.json); Python class
names and module paths may change freely.
"""

from __future__ import annotations

from typing import Any

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
    ("meetings.ResolutionAdopted", 2, e.ResolutionAdopted),
    ("meetings.MeetingClosed", 1, e.MeetingClosed),
    ("meetings.MinutesClosed", 1, e.MinutesClosed),
    ("meetings.UnexcusedAbsenceCounted", 1, e.UnexcusedAbsenceCounted),
    ("meetings.UnexcusedAbsenceThresholdReached", 1, e.UnexcusedAbsenceThresholdReached),
    ("meetings.ResolutionRejected", 1, e.ResolutionRejected),
    ("meetings.DuesPaymentsRecorded", 1, e.DuesPaymentsRecorded),
    ("meetings.DuesFellDue", 1, e.DuesFellDue),
    ("meetings.RemovalFromRollsGroundsFound", 1, e.RemovalFromRollsGroundsFound),
])


@CODEC.upcaster("meetings.ResolutionAdopted", from_version=1)
def _resolution_v1(data: dict[str, Any]) -> dict[str, Any]:
    """v1 resolutions were untyped: ordinary ones, adopted by more than half of the
    denominator (the only majority rule then), about no member in particular."""
    return {**data, "resolution_type": "ordinary", "subject_member_id": None,
            "required_votes": data["denominator"] // 2 + 1}

# still read from the streams that hold them, no longer recorded: UnexcusedAbsenceThresholdReached
# counted meetings, where the rule counts months (now RemovalFromRollsGroundsFound)
RETIRED = frozenset({"meetings.UnexcusedAbsenceThresholdReached"})

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
    "RecordDuesPayments": c.RecordDuesPayments,
}
