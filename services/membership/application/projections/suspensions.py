"""member_suspensions: when each member was suspended (đình chỉ sinh hoạt), as intervals of
effective dates, so "suspended" can be asked of any day (a roster as of a date, its counts)."""

from __future__ import annotations

from dataclasses import dataclass

from kit.codec import EventCodec
from kit.projections.decoding import DecodingProjection

from ...domain import change_events as ce
from ...domain import events as e
from ...domain import province_transfer_events as pe


@dataclass(frozen=True)
class SuspensionsSql:
    """member_suspensions' statements, written out per dialect (adapters/read_model_sql)."""

    ddl: str  # member_suspensions and its index
    open: str  # (member_id, global_position, valid_from, ground, reason, rule_version)
    close: str  # (valid_to, member_id): the open interval, if any


class MemberSuspensions(DecodingProjection):
    name = "member_suspensions"
    rebuild_weight = 0.05  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("member_suspensions",)

    def __init__(self, codec: EventCodec, sql: SuspensionsSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def _close(self, db, member_id: str, on) -> None:
        db.execute(self.sql.close, (on.isoformat(), member_id))

    def on_MemberSuspended(self, ev: ce.MemberSuspended, env, db) -> None:
        db.execute(self.sql.open, (ev.member_id, env.global_position, ev.effective_on.isoformat(),
                                   ev.ground.value, ev.reason, ev.rule_version))

    def on_SuspensionEnded(self, ev: ce.SuspensionEnded, env, db) -> None:
        self._close(db, ev.member_id, ev.effective_on)

    # leaving the rolls ends a suspension
    def on_MemberRemovedFromRolls(self, ev: e.MemberRemovedFromRolls, env, db) -> None:
        self._close(db, ev.member_id, ev.decided_on)

    def on_MemberRemovedFromProbationaryList(self, ev, env, db) -> None:
        self._close(db, ev.member_id, ev.decided_on)

    def on_MemberDisciplined(self, ev: e.MemberDisciplined, env, db) -> None:
        if ev.form.value == "expulsion":
            self._close(db, ev.member_id, ev.decided_on)

    def on_MemberDied(self, ev: e.MemberDied, env, db) -> None:
        self._close(db, ev.member_id, ev.died_on)

    def on_TransferLetterIssued(self, ev: ce.TransferLetterIssued, env, db) -> None:
        if ev.out_of_province:
            self._close(db, ev.member_id, ev.issued_on)

    def on_TransferToProvinceCompleted(self, ev, env, db) -> None:
        self._close(db, ev.member_id, ev.received_on)

    handlers = {
        pe.TransferToProvinceCompleted: on_TransferToProvinceCompleted,
        ce.MemberSuspended: on_MemberSuspended,
        ce.SuspensionEnded: on_SuspensionEnded,
        e.MemberRemovedFromRolls: on_MemberRemovedFromRolls,
        e.MemberRemovedFromProbationaryList: on_MemberRemovedFromProbationaryList,
        e.MemberDisciplined: on_MemberDisciplined,
        e.MemberDied: on_MemberDied,
        ce.TransferLetterIssued: on_TransferLetterIssued,
    }
