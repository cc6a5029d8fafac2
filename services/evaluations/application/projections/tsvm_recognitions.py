"""tsvm_recognitions: the organisations recognised "trong sạch, vững mạnh" tiêu biểu, by year,
with their run of HTXS years (TSVM 5 năm liền)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain import events as e


@dataclass(frozen=True)
class TsvmRecognitionsSql:
    ddl: str  # ev_tsvm
    # (evaluation_id, organisation_id, year, years_running, five_years_running, decision_number,
    # decided_on, rule_version, global_position)
    insert: str


class TsvmRecognitions(DecodingProjection):
    name = "tsvm_recognitions"
    rebuild_weight = 0.02  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("ev_tsvm",)

    def __init__(self, codec: EventCodec, sql: TsvmRecognitionsSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_PartyOrganisationRecognised(self, ev: e.PartyOrganisationRecognised, env: Envelope,
                                       db: sqlite3.Connection) -> None:
        db.execute(self.sql.insert,
                   (ev.evaluation_id, ev.organisation_id, ev.year, ev.years_running,
                    int(ev.five_years_running), ev.decision.number,
                    ev.decision.decided_on.isoformat(), ev.rule_version, env.global_position))

    handlers = {e.PartyOrganisationRecognised: on_PartyOrganisationRecognised}
