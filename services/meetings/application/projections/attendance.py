"""meeting_attendance: each meeting's frozen summoned list and every member's attendance."""

from __future__ import annotations

from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection
from kit.text import vietnamese_name_key

from ...domain import events as e


class MeetingAttendance(DecodingProjection):
    name = "meeting_attendance"
    tables = ("meeting_attendance",)
    ddl = """
    CREATE TABLE IF NOT EXISTS meeting_attendance (
        meeting_id                  TEXT NOT NULL,
        member_id                   TEXT NOT NULL,
        full_name                   TEXT NOT NULL,
        name_key                    TEXT NOT NULL COLLATE BINARY,
        official                    INTEGER NOT NULL,
        exempt                      INTEGER NOT NULL,
        temporarily_transferred_out INTEGER NOT NULL,
        temporary_member            INTEGER NOT NULL,
        suspended                   INTEGER NOT NULL,
        status                      TEXT,
        reason                      TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (meeting_id, member_id)
    );
    CREATE INDEX IF NOT EXISTS meeting_attendance_member ON meeting_attendance (member_id)
    """

    def on_MeetingOpened(self, ev: e.MeetingOpened, env: Envelope, db) -> None:
        db.executemany(
            "INSERT INTO meeting_attendance (meeting_id, member_id, full_name, name_key, "
            "official, exempt, temporarily_transferred_out, temporary_member, suspended) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(ev.meeting_id, m.member_id, m.full_name, vietnamese_name_key(m.full_name),
              int(m.official), int(m.exempt), int(m.temporarily_transferred_out),
              int(m.temporary_member), int(m.suspended)) for m in ev.summoned])

    def on_AttendanceRecorded(self, ev: e.AttendanceRecorded, env, db) -> None:
        db.execute("UPDATE meeting_attendance SET status = ?, reason = ? "
                   "WHERE meeting_id = ? AND member_id = ?",
                   (ev.status.value, ev.reason, ev.meeting_id, ev.member_id))

    handlers = {
        e.MeetingOpened: on_MeetingOpened,
        e.AttendanceRecorded: on_AttendanceRecorded,
    }
