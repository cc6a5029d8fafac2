"""unexcused_absences: each member's meetings missed without reason, by calendar year, and the
threshold flags published for the committee."""

from __future__ import annotations

import json
from dataclasses import dataclass

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain import events as e


@dataclass(frozen=True)
class UnexcusedAbsencesSql:
    """unexcused_absences' statements, written out once per SQL dialect (adapters)."""

    ddl: str  # absence_counts (with its year index) and absence_flags
    count: str  # (member_id, year, meeting_id, organisation_id, held_on, count)
    # (member_id, year, organisation_id, count, threshold, meeting_ids, reached_on,
    # rule_version, flagged_at)
    flag: str


class UnexcusedAbsences(DecodingProjection):
    name = "unexcused_absences"
    tables = ("absence_counts", "absence_flags")

    def __init__(self, codec: EventCodec, sql: UnexcusedAbsencesSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_UnexcusedAbsenceCounted(self, ev: e.UnexcusedAbsenceCounted, env: Envelope,
                                   db) -> None:
        db.execute(self.sql.count,
                   (ev.member_id, ev.year, ev.meeting_id, ev.organisation_id,
                    ev.held_on.isoformat(), ev.count))

    def on_UnexcusedAbsenceThresholdReached(self, ev: e.UnexcusedAbsenceThresholdReached,
                                            env: Envelope, db) -> None:
        db.execute(self.sql.flag,
                   (ev.member_id, ev.year, ev.organisation_id, ev.count, ev.threshold,
                    json.dumps(list(ev.meeting_ids)), ev.reached_on.isoformat(),
                    ev.rule_version, env.recorded_at.isoformat()))

    handlers = {
        e.UnexcusedAbsenceCounted: on_UnexcusedAbsenceCounted,
        e.UnexcusedAbsenceThresholdReached: on_UnexcusedAbsenceThresholdReached,
    }
