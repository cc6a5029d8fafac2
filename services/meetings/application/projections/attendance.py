"""meeting_attendance: each meeting's frozen summoned list and every member's attendance."""

from __future__ import annotations

from dataclasses import dataclass

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection
from kit.text import vietnamese_name_key

from ...domain import events as e


@dataclass(frozen=True)
class MeetingAttendanceSql:
    """meeting_attendance's statements, written out once per SQL dialect (adapters)."""

    ddl: str  # meeting_attendance and its member index
    # (meeting_id, member_id, full_name, name_key, official, exempt,
    # temporarily_transferred_out, temporary_member, suspended): one summoned member
    summon: str
    record: str  # (status, reason, meeting_id, member_id)


class MeetingAttendance(DecodingProjection):
    name = "meeting_attendance"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("meeting_attendance",)

    def __init__(self, codec: EventCodec, sql: MeetingAttendanceSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_MeetingOpened(self, ev: e.MeetingOpened, env: Envelope, db) -> None:
        db.executemany(
            self.sql.summon,
            [(ev.meeting_id, m.member_id, m.full_name, vietnamese_name_key(m.full_name),
              int(m.official), int(m.exempt), int(m.temporarily_transferred_out),
              int(m.temporary_member), int(m.suspended)) for m in ev.summoned])

    def on_AttendanceRecorded(self, ev: e.AttendanceRecorded, env, db) -> None:
        db.execute(self.sql.record, (ev.status.value, ev.reason, ev.meeting_id, ev.member_id))

    handlers = {
        e.MeetingOpened: on_MeetingOpened,
        e.AttendanceRecorded: on_AttendanceRecorded,
    }
