"""tree_as_of with the placements of transfers in transit and across the province's border:
the member moves to the receiving branch the day the letter is presented, leaves the rolls
(transferred_out) the day a letter out of the province is issued, and joins them the day a
member from another province is received. timeline.py's intervals, these events' handlers."""

from __future__ import annotations

import operator
from collections.abc import Sequence

from kit.envelope import Envelope

from ...domain import change_events as ce
from .placements import Placements
from .timeline import _FOLDS, TreeAsOf


class TreeAsOfWithTransfers(TreeAsOf):
    def handle_batch(self, envelopes: Sequence[Envelope], db) -> None:
        self.fold(envelopes, db, Placements(db, self.sql), _FOLDS | _CHANGE_FOLDS,
                  operator.attrgetter("member_id"))

    def on_TransferLetterIssued(self, ev: ce.TransferLetterIssued, env, db) -> None:
        if ev.out_of_province:
            self._member(db, ev.member_id, ev.issued_on, env, status="transferred_out")

    def on_TransferredMemberReceived(self, ev: ce.TransferredMemberReceived, env, db) -> None:
        self._member(db, ev.member_id, ev.received_on, env,
                     organisation_id=ev.to_organisation_id)

    def on_MemberReceivedFromProvince(self, ev: ce.MemberReceivedFromProvince, env,
                                      db) -> None:
        self._open_member(db, ev.member_id, ev.received_on, env, ev.organisation_id,
                          ev.status.value)

    handlers = {
        **TreeAsOf.handlers,
        ce.TransferLetterIssued: on_TransferLetterIssued,
        ce.TransferredMemberReceived: on_TransferredMemberReceived,
        ce.MemberReceivedFromProvince: on_MemberReceivedFromProvince,
    }


_CHANGE_FOLDS = frozenset({ce.TransferLetterIssued, ce.TransferredMemberReceived,
                           ce.MemberReceivedFromProvince})
