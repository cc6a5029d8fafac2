"""unexcused_absences: each member's meetings missed without reason, by calendar year (the
grounds for xóa tên they give are kept by removal_grounds)."""

from __future__ import annotations

from dataclasses import dataclass

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain import events as e


@dataclass(frozen=True)
class UnexcusedAbsencesSql:
    """unexcused_absences' statements, written out once per SQL dialect (adapters)."""

    ddl: str  # absence_counts, with its year index
    count: str  # (member_id, year, meeting_id, organisation_id, held_on, count)


class UnexcusedAbsences(DecodingProjection):
    name = "unexcused_absences"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    version = 2  # v1 also kept the flags of meetings counted (now removal_grounds, by months)
    tables = ("absence_counts",)

    def __init__(self, codec: EventCodec, sql: UnexcusedAbsencesSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_UnexcusedAbsenceCounted(self, ev: e.UnexcusedAbsenceCounted, env: Envelope,
                                   db) -> None:
        db.execute(self.sql.count,
                   (ev.member_id, ev.year, ev.meeting_id, ev.organisation_id,
                    ev.held_on.isoformat(), ev.count))

    handlers = {
        e.UnexcusedAbsenceCounted: on_UnexcusedAbsenceCounted,
    }
