"""classification_history: every decided classification and each correction of it, with the
dates it was in force, so the level of any subject in any year is known as of any date (the
distribution, the quota's headroom, KHT two years running, one member's history)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain import events as e


@dataclass(frozen=True)
class ClassificationHistorySql:
    ddl: str  # ev_classifications and its indexes
    # (evaluation_id, global_position, period_id, period_kind, year, subject_kind, subject_id,
    # organisation_id, grassroots_id, level, corrects, reason, decision_number,
    # decision_organisation_id, decision_organ, valid_from, rule_version)
    insert: str
    # (evaluation_id) -> the columns of its classification in force (valid_to IS NULL)
    current: str
    end: str  # (valid_to, evaluation_id): the one in force ends


class ClassificationHistory(DecodingProjection):
    name = "classification_history"
    rebuild_weight = 0.25  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("ev_classifications",)

    def __init__(self, codec: EventCodec, sql: ClassificationHistorySql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_ClassificationDecided(self, ev: e.ClassificationDecided, env: Envelope,
                                 db: sqlite3.Connection) -> None:
        d = ev.decision
        db.execute(self.sql.end, (d.decided_on.isoformat(), ev.evaluation_id))
        db.execute(self.sql.insert,
                   (ev.evaluation_id, env.global_position, ev.period_id, ev.period_kind.value,
                    ev.year, ev.subject_kind.value, ev.subject_id, ev.organisation_id,
                    ev.grassroots_id, ev.level.value, None, None, d.number, d.organisation_id,
                    d.organ.value, d.decided_on.isoformat(), ev.rule_version))

    def on_ClassificationCorrected(self, ev: e.ClassificationCorrected, env, db) -> None:
        d = ev.decision
        rows = db.execute(self.sql.current, (ev.evaluation_id,)).fetchall()
        period_kind, organisation_id = (rows[0][0], rows[0][1]) if rows else ("annual", "")
        db.execute(self.sql.end, (d.decided_on.isoformat(), ev.evaluation_id))
        db.execute(self.sql.insert,
                   (ev.evaluation_id, env.global_position, ev.period_id, period_kind, ev.year,
                    ev.subject_kind.value, ev.subject_id, organisation_id, ev.grassroots_id,
                    ev.level.value, ev.previous_level.value, ev.reason, d.number,
                    d.organisation_id, d.organ.value, d.decided_on.isoformat(),
                    ev.rule_version))

    handlers = {
        e.ClassificationDecided: on_ClassificationDecided,
        e.ClassificationCorrected: on_ClassificationCorrected,
    }
