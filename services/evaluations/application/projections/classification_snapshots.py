"""classification_snapshots: each step of each evaluation exactly as its event recorded it (the
event's data in its wire form), with the event's id and position, so a past year's
classification is shown as submitted and traced to the log."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain import events as e


@dataclass(frozen=True)
class ClassificationSnapshotsSql:
    ddl: str  # ev_steps
    # (evaluation_id, global_position, event_id, type, on_date, data)
    insert: str


def _step(db: sqlite3.Connection, sql: ClassificationSnapshotsSql, evaluation_id: str,
          on: date, env: Envelope) -> None:
    db.execute(sql.insert, (evaluation_id, env.global_position, env.event_id, env.type,
                            on.isoformat(), json.dumps(env.data, ensure_ascii=False,
                                                       sort_keys=True)))


class ClassificationSnapshots(DecodingProjection):
    name = "classification_snapshots"
    rebuild_weight = 1.05  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("ev_steps",)

    def __init__(self, codec: EventCodec, sql: ClassificationSnapshotsSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_SelfAssessmentSubmitted(self, ev: e.SelfAssessmentSubmitted, env, db) -> None:
        _step(db, self.sql, ev.evaluation_id, ev.submitted_on, env)

    def on_CollectiveCommentsRecorded(self, ev: e.CollectiveCommentsRecorded, env, db) -> None:
        _step(db, self.sql, ev.evaluation_id, ev.recorded_on, env)

    def on_EvaluationAppraised(self, ev: e.EvaluationAppraised, env, db) -> None:
        _step(db, self.sql, ev.evaluation_id, ev.appraised_on, env)

    def on_ClassificationDecided(self, ev: e.ClassificationDecided, env, db) -> None:
        _step(db, self.sql, ev.evaluation_id, ev.decision.decided_on, env)

    def on_ClassificationCorrected(self, ev: e.ClassificationCorrected, env, db) -> None:
        _step(db, self.sql, ev.evaluation_id, ev.decision.decided_on, env)

    def on_PartyOrganisationRecognised(self, ev: e.PartyOrganisationRecognised, env,
                                       db) -> None:
        _step(db, self.sql, ev.evaluation_id, ev.decision.decided_on, env)

    handlers = {
        e.SelfAssessmentSubmitted: on_SelfAssessmentSubmitted,
        e.CollectiveCommentsRecorded: on_CollectiveCommentsRecorded,
        e.EvaluationAppraised: on_EvaluationAppraised,
        e.ClassificationDecided: on_ClassificationDecided,
        e.ClassificationCorrected: on_ClassificationCorrected,
        e.PartyOrganisationRecognised: on_PartyOrganisationRecognised,
    }
