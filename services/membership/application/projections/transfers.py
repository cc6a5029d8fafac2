"""member_transfers: every transfer letter (giới thiệu sinh hoạt đảng) with its deadlines, and
where it stands: in transit, received, out of the province, or ended by the member leaving.
Members received from another province are a row too. Answers "which transfers are in transit
in my subtree, and which are past their limit"."""

from __future__ import annotations

from dataclasses import dataclass

from kit.codec import EventCodec
from kit.projections.decoding import DecodingProjection

from ...domain import change_events as ce
from ...domain import events as e
from ...domain import province_transfer_events as pe


@dataclass(frozen=True)
class TransfersSql:
    """member_transfers' statements, written out per dialect (adapters/read_model_sql)."""

    ddl: str  # member_transfers and its indexes
    # (member_id, global_position, kind, status, from_organisation_id, to_organisation_id,
    #  other_province, other_organisation, issued_on, letter_number, moved_on, start_due_on,
    #  present_by, received_on, working_days, late_reason, calendar_version, rule_version)
    insert: str
    receive: str  # (received_on, working_days, late_reason, member_id): the one in transit
    end: str  # (member_id): the one in transit ended (the member left the rolls)
    merge_from: str  # (into organisation_id, merged organisation_id)
    merge_to: str  # (into organisation_id, merged organisation_id)


class MemberTransfers(DecodingProjection):
    name = "member_transfers"
    rebuild_weight = 0.05  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("member_transfers",)

    def __init__(self, codec: EventCodec, sql: TransfersSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_TransferLetterIssued(self, ev: ce.TransferLetterIssued, env, db) -> None:
        kind, status = (("out_of_province", "transferred_out") if ev.out_of_province
                        else ("within_province", "in_transit"))
        db.execute(self.sql.insert, (
            ev.member_id, env.global_position, kind, status, ev.from_organisation_id,
            ev.to_organisation_id, ev.destination_province, ev.destination_organisation,
            ev.issued_on.isoformat(), ev.letter_number, _iso(ev.moved_on), _iso(ev.start_due_on),
            ev.present_by.isoformat(), None, None, ev.late_reason, ev.calendar_version,
            ev.rule_version))

    def on_TransferredMemberReceived(self, ev: ce.TransferredMemberReceived, env, db) -> None:
        db.execute(self.sql.receive, (ev.received_on.isoformat(), ev.working_days,
                                      ev.late_reason, ev.member_id))

    def on_MemberReceivedFromProvince(self, ev: ce.MemberReceivedFromProvince, env, db) -> None:
        db.execute(self.sql.insert, (
            ev.member_id, env.global_position, "into_province", "received", None,
            ev.organisation_id, ev.from_province, ev.from_organisation,
            ev.letter_issued_on.isoformat(), ev.letter_number, None, None,
            ev.present_by.isoformat(), ev.received_on.isoformat(), None, ev.late_reason,
            ev.calendar_version, ev.rule_version))

    def on_MemberSentToProvince(self, ev: pe.MemberSentToProvince, env, db) -> None:
        db.execute(self.sql.insert, (
            ev.member_id, env.global_position, "to_province", "in_transit",
            ev.from_organisation_id, None, ev.to_province, ev.to_organisation_id,
            ev.issued_on.isoformat(), ev.letter_number, _iso(ev.moved_on), _iso(ev.start_due_on),
            ev.present_by.isoformat(), None, None, ev.late_reason, ev.calendar_version,
            ev.rule_version))

    def on_TransferToProvinceCompleted(self, ev: pe.TransferToProvinceCompleted, env,
                                       db) -> None:
        db.execute(self.sql.receive, (ev.received_on.isoformat(), None, "", ev.member_id))

    def on_TransferReturnedFromProvince(self, ev: pe.TransferReturnedFromProvince, env,
                                        db) -> None:
        db.execute(self.sql.end, (ev.member_id,))

    def _end(self, ev, env, db) -> None:
        db.execute(self.sql.end, (ev.member_id,))

    def on_MemberRemovedFromRolls(self, ev, env, db) -> None:
        self._end(ev, env, db)

    def on_MemberDied(self, ev, env, db) -> None:
        self._end(ev, env, db)

    def on_MemberDisciplined(self, ev: e.MemberDisciplined, env, db) -> None:
        if ev.form.value == "expulsion":
            self._end(ev, env, db)

    def on_OrganisationMerged(self, ev: e.OrganisationMerged, env, db) -> None:
        db.execute(self.sql.merge_from, (ev.into_organisation_id, ev.organisation_id))
        db.execute(self.sql.merge_to, (ev.into_organisation_id, ev.organisation_id))

    handlers = {
        ce.TransferLetterIssued: on_TransferLetterIssued,
        ce.TransferredMemberReceived: on_TransferredMemberReceived,
        ce.MemberReceivedFromProvince: on_MemberReceivedFromProvince,
        pe.MemberSentToProvince: on_MemberSentToProvince,
        pe.TransferToProvinceCompleted: on_TransferToProvinceCompleted,
        pe.TransferReturnedFromProvince: on_TransferReturnedFromProvince,
        e.MemberRemovedFromRolls: on_MemberRemovedFromRolls,
        e.MemberDied: on_MemberDied,
        e.MemberDisciplined: on_MemberDisciplined,
        e.OrganisationMerged: on_OrganisationMerged,
    }


def _iso(day) -> str | None:
    return day.isoformat() if day else None
