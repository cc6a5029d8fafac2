"""personnel_evaluations_view: the two-years-running good standing evaluations published, from
evaluations' events through personnel's own classes (services never import each other)."""

from __future__ import annotations

from typing import Any

from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from .. import evaluations_view as v
from ..evaluations_view import EVALUATIONS_VIEW, SOURCE
from ..training_sql import TrainingSql


class PersonnelEvaluationsView(DecodingProjection):
    name = "personnel_evaluations_view"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    reads = EVALUATIONS_VIEW
    tables = ("ps_good_standing",)

    def __init__(self, sql: TrainingSql, source: str = SOURCE) -> None:
        super().__init__(EVALUATIONS_VIEW)
        self.sources = (source,)
        self.sql = sql
        self.ddl = sql.good_standing_ddl

    def handle(self, envelope: Envelope, db: Any) -> None:
        if self.codec.knows(envelope.type):  # evaluations' other facts are not read here
            super().handle(envelope, db)

    def handle_batch(self, envelopes: Any, db: Any) -> None:
        for envelope in envelopes:
            self.handle(envelope, db)

    def on_GoodStanding(self, ev: v.GoodStandingTwoYearsRunning, env, db) -> None:
        db.execute(self.sql.insert_good_standing, (
            ev.evaluation_id, ev.member_id, min(ev.years), max(ev.years),
            ev.decided_on.isoformat(), ev.rule_version))

    handlers = {v.GoodStandingTwoYearsRunning: on_GoodStanding}
