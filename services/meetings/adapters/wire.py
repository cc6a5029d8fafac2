"""Stable wire names and schema versions of meetings events.

The names here are the published contract (contracts/events/meetings/*.json); Python class
names and module paths may change freely.
"""

from __future__ import annotations

from kit.codec import EventCodec

from ..domain import events as e

CODEC = EventCodec()
SERVICE = "meetings"
TOPIC = "meetings.events"

for _cls, _version in [
    (e.MeetingScheduled, 1),
    (e.MeetingRescheduled, 1),
    (e.MeetingCancelled, 1),
    (e.MaterialsPublished, 1),
    (e.MeetingOpened, 1),
    (e.AttendanceRecorded, 1),
    (e.SuperiorCadreAttended, 1),
    (e.ResolutionAdopted, 1),
    (e.MeetingClosed, 1),
    (e.MinutesClosed, 1),
    (e.UnexcusedAbsenceCounted, 1),
    (e.UnexcusedAbsenceThresholdReached, 1),
]:
    CODEC.register(f"{SERVICE}.{_cls.__name__}", _version)(_cls)
