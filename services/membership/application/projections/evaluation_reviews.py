"""evaluation_reviews: members rated KHT two years running, whose review (or xóa tên proposal)
is due at membership's deciding body — the work queue's `evaluation_review` items.

Follows evaluations' published events (application/evaluations_view.py), never membership's
own log: its rows depend on one source only, so a rebuild equals the live table whatever order
the two logs interleaved in. Whether the member is still on the rolls is asked at query time
(application/work_queue.py, QUERY_KINDS). An item closes when a later year (or a correction of
the year that opened it) rates the member above KHT.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain.deadlines import Deadlines
from ..evaluations_view import (
    EVALUATIONS_VIEW,
    SOURCE,
    ClassificationCorrected,
    ClassificationDecided,
    UnsatisfactoryTwoYearsRunning,
)

RULE = "evaluation_review.working_days"


@dataclass(frozen=True)
class EvaluationReviewsSql:
    """Its statements, written out per dialect (adapters/read_model_sql/evaluation_reviews.py)."""

    ddl: str
    open: str  # (member_id, years, last_year, since, due_on, rule, rule_version,
    #             calendar_version, global_position): replaces the member's row
    close: str  # (closed_on, member_id, year): the open row whose last year is `year` or before
    items: str  # :lo, :hi, :day -> members row + years, since, due_on, rule, rule_version,
    #             calendar_version, organisation_name: open on `day`, member on the rolls


class EvaluationReviewsDue(DecodingProjection):
    name = "evaluation_reviews"
    rebuild_weight = 0.05  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("evaluation_reviews",)
    reads = EVALUATIONS_VIEW

    def __init__(self, sql: EvaluationReviewsSql, deadlines: Deadlines,
                 source: str = SOURCE) -> None:
        super().__init__(EVALUATIONS_VIEW)
        self.sql = sql
        self.ddl = sql.ddl
        self.deadlines = deadlines
        self.sources = (source,)

    def handle(self, envelope: Envelope, db: sqlite3.Connection) -> None:
        if self.codec.knows(envelope.type):  # evaluations may publish new kinds of fact
            super().handle(envelope, db)

    def handle_batch(self, envelopes: Any, db: sqlite3.Connection) -> None:
        for envelope in envelopes:
            self.handle(envelope, db)

    def on_unsatisfactory(self, ev: UnsatisfactoryTwoYearsRunning, env: Envelope,
                          db: sqlite3.Connection) -> None:
        d = self.deadlines.working_days(ev.decided_on, RULE)
        db.execute(self.sql.open, (ev.member_id, " ".join(map(str, ev.years)), max(ev.years),
                                   d.since.isoformat(), d.due_on.isoformat(), d.rule,
                                   d.rule_version, d.calendar_version, env.global_position))

    def on_decided(self, ev: ClassificationDecided, env: Envelope,
                   db: sqlite3.Connection) -> None:
        if ev.subject_kind == "member" and ev.period_kind == "annual" and ev.level != "kht":
            db.execute(self.sql.close, (ev.decision.decided_on.isoformat(), ev.subject_id,
                                        ev.year))

    def on_corrected(self, ev: ClassificationCorrected, env: Envelope,
                     db: sqlite3.Connection) -> None:
        if ev.subject_kind == "member" and ev.level != "kht":
            db.execute(self.sql.close, (ev.decision.decided_on.isoformat(), ev.subject_id,
                                        ev.year))

    handlers = {UnsatisfactoryTwoYearsRunning: on_unsatisfactory,
                ClassificationDecided: on_decided, ClassificationCorrected: on_corrected}
