"""unexcused_absences: each member's meetings missed without reason, by calendar year, and the
threshold flags published for the committee."""

from __future__ import annotations

import json

from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain import events as e


class UnexcusedAbsences(DecodingProjection):
    name = "unexcused_absences"
    tables = ("absence_counts", "absence_flags")
    ddl = """
    CREATE TABLE IF NOT EXISTS absence_counts (
        member_id       TEXT NOT NULL,
        year            INTEGER NOT NULL,
        meeting_id      TEXT NOT NULL,
        organisation_id TEXT NOT NULL,
        held_on         TEXT NOT NULL,
        count           INTEGER NOT NULL,
        PRIMARY KEY (member_id, meeting_id)
    );
    CREATE INDEX IF NOT EXISTS absence_counts_year ON absence_counts (year, member_id);
    CREATE TABLE IF NOT EXISTS absence_flags (
        member_id       TEXT NOT NULL,
        year            INTEGER NOT NULL,
        organisation_id TEXT NOT NULL,
        count           INTEGER NOT NULL,
        threshold       INTEGER NOT NULL,
        meeting_ids     TEXT NOT NULL,
        reached_on      TEXT NOT NULL,
        rule_version    TEXT NOT NULL,
        flagged_at      TEXT NOT NULL,
        PRIMARY KEY (member_id, year)
    )
    """

    def on_UnexcusedAbsenceCounted(self, ev: e.UnexcusedAbsenceCounted, env: Envelope,
                                   db) -> None:
        db.execute("INSERT INTO absence_counts VALUES (?, ?, ?, ?, ?, ?)",
                   (ev.member_id, ev.year, ev.meeting_id, ev.organisation_id,
                    ev.held_on.isoformat(), ev.count))

    def on_UnexcusedAbsenceThresholdReached(self, ev: e.UnexcusedAbsenceThresholdReached,
                                            env: Envelope, db) -> None:
        db.execute("INSERT INTO absence_flags VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (ev.member_id, ev.year, ev.organisation_id, ev.count, ev.threshold,
                    json.dumps(list(ev.meeting_ids)), ev.reached_on.isoformat(),
                    ev.rule_version, env.recorded_at.isoformat()))

    handlers = {
        e.UnexcusedAbsenceCounted: on_UnexcusedAbsenceCounted,
        e.UnexcusedAbsenceThresholdReached: on_UnexcusedAbsenceThresholdReached,
    }
