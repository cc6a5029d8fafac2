"""badges_due with members transferred out of and into the province: a member received from
another province counts party age from their admission, as a file entered from the records;
one transferred out leaves the basis the day the letter is issued."""

from __future__ import annotations

from ...domain import change_events as ce
from ...domain import province_transfer_events as pe
from .badges import BadgesDue, _Basis


class BadgesDueAcrossProvinces(BadgesDue):
    def on_MemberReceivedFromProvince(self, ev: ce.MemberReceivedFromProvince, env, db) -> None:
        if isinstance(db, _Basis):
            db.insert(member_id=ev.member_id, first_admitted_on=ev.admitted_on.isoformat(),
                      gaps="", left_on=None)
        else:
            db.execute(self.sql.insert_basis, (ev.member_id, ev.admitted_on.isoformat()))
        self._recompute(db, ev.member_id)

    def on_TransferLetterIssued(self, ev: ce.TransferLetterIssued, env, db) -> None:
        if ev.out_of_province:
            self._left(ev.member_id, ev.issued_on, db)

    def on_TransferToProvinceCompleted(self, ev: pe.TransferToProvinceCompleted, env,
                                       db) -> None:
        self._left(ev.member_id, ev.received_on, db)

    handlers = {
        **BadgesDue.handlers,
        pe.TransferToProvinceCompleted: on_TransferToProvinceCompleted,
        ce.MemberReceivedFromProvince: on_MemberReceivedFromProvince,
        ce.TransferLetterIssued: on_TransferLetterIssued,
    }
