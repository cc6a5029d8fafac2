"""tree_as_of with the placements of transfers in transit and across the province's border:
the member moves to the receiving branch the day the letter is presented, leaves the rolls
(transferred_out) the day a letter out of the province is issued, and joins them the day a
member from another province is received. timeline.py's dated facts, these events' handlers."""

from __future__ import annotations

from ...domain import change_events as ce
from ...domain import province_transfer_events as pe
from .timeline import TreeAsOf


class TreeAsOfWithTransfers(TreeAsOf):
    version = 5  # transfers to another province's deployment; v2's dated facts with the transfers in transit and across the border, and
    # corrected admission and official dates (MemberFileCorrected)

    def on_TransferLetterIssued(self, ev: ce.TransferLetterIssued, env, db) -> None:
        if ev.out_of_province:
            self._member_fact(env, ev.member_id, ev.issued_on, status="transferred_out")

    def on_TransferredMemberReceived(self, ev: ce.TransferredMemberReceived, env, db) -> None:
        self._member_fact(env, ev.member_id, ev.received_on, ev.to_organisation_id)

    def on_MemberReceivedFromProvince(self, ev: ce.MemberReceivedFromProvince, env,
                                      db) -> None:
        self._member_fact(env, ev.member_id, ev.received_on, ev.organisation_id,
                          ev.status.value)

    def on_TransferToProvinceCompleted(self, ev: pe.TransferToProvinceCompleted, env,
                                       db) -> None:
        self._member_fact(env, ev.member_id, ev.received_on, status="transferred_out")

    handlers = {
        **TreeAsOf.handlers,
        pe.TransferToProvinceCompleted: on_TransferToProvinceCompleted,
        ce.TransferLetterIssued: on_TransferLetterIssued,
        ce.TransferredMemberReceived: on_TransferredMemberReceived,
        ce.MemberReceivedFromProvince: on_MemberReceivedFromProvince,
    }
