"""transfers_between_provinces: this province's side of every transfer between province
deployments, by transfer id — the letters it sent (in transit, completed, returned) and those it
received (awaiting the member, arrived, refused). Matched at the federation with the other
province's side (federation/reconciliation.py); here it answers "which letters to or from other
provinces are open in my subtree, and which are past their limit" without the quarterly count."""

from __future__ import annotations

from dataclasses import dataclass

from kit.codec import EventCodec
from kit.projections.decoding import DecodingProjection

from ...domain import province_transfer_events as pe


@dataclass(frozen=True)
class ProvinceTransfersSql:
    ddl: str
    # (transfer_id, direction, member_id, from_province, to_province, organisation_id,
    #  other_organisation_id, letter_number, issued_on, present_by, state, global_position)
    open: str
    close: str  # (state, closed_on, organisation_id or None to keep, transfer_id)
    # (lo, hi, root 0|1) -> rows whose own side lies in the subtree (a root also sees letters
    # addressed to an organisation it does not have), by issued_on, transfer_id
    of_subtree: str


class TransfersBetweenProvinces(DecodingProjection):
    name = "transfers_between_provinces"
    rebuild_weight = 0.05  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("transfers_between_provinces",)

    def __init__(self, codec: EventCodec, sql: ProvinceTransfersSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_MemberSentToProvince(self, ev: pe.MemberSentToProvince, env, db) -> None:
        db.execute(self.sql.open, (
            ev.transfer_id, "out", ev.member_id, env.province, ev.to_province,
            ev.from_organisation_id, ev.to_organisation_id, ev.letter_number,
            ev.issued_on.isoformat(), ev.present_by.isoformat(), "in_transit",
            env.global_position))

    def on_TransferToProvinceCompleted(self, ev: pe.TransferToProvinceCompleted, env,
                                       db) -> None:
        db.execute(self.sql.close, ("completed", ev.received_on.isoformat(), None,
                                    ev.transfer_id))

    def on_TransferReturnedFromProvince(self, ev: pe.TransferReturnedFromProvince, env,
                                        db) -> None:
        db.execute(self.sql.close, ("returned", ev.refused_on.isoformat(), None,
                                    ev.transfer_id))

    def on_IncomingTransferOpened(self, ev: pe.IncomingTransferOpened, env, db) -> None:
        db.execute(self.sql.open, (
            ev.transfer_id, "in", ev.member_id, ev.from_province, env.province,
            ev.to_organisation_id, ev.from_organisation_id, ev.letter_number,
            ev.issued_on.isoformat(), ev.present_by.isoformat(), "awaiting",
            env.global_position))

    def on_IncomingTransferAccepted(self, ev: pe.IncomingTransferAccepted, env, db) -> None:
        db.execute(self.sql.close, ("arrived", ev.received_on.isoformat(), ev.organisation_id,
                                    ev.transfer_id))

    def on_IncomingTransferRefused(self, ev: pe.IncomingTransferRefused, env, db) -> None:
        db.execute(self.sql.close, ("refused", ev.refused_on.isoformat(), None,
                                    ev.transfer_id))

    handlers = {
        pe.MemberSentToProvince: on_MemberSentToProvince,
        pe.TransferToProvinceCompleted: on_TransferToProvinceCompleted,
        pe.TransferReturnedFromProvince: on_TransferReturnedFromProvince,
        pe.IncomingTransferOpened: on_IncomingTransferOpened,
        pe.IncomingTransferAccepted: on_IncomingTransferAccepted,
        pe.IncomingTransferRefused: on_IncomingTransferRefused,
    }
