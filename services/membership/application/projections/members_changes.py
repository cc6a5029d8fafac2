"""The members read model's handling of the 2025 membership changes: suspension, a temporary
transfer extended, a permanent transfer in transit, members transferred out of or into the
province. `MembersByOrganisationAndStanding` is members.py's read model with these handlers.

Columns: `suspended`/`suspended_on`; `transit_to_organisation_id`/`transit_present_by` while a
letter is out; `temporary_until` is the end date of a temporary transfer, after which the member
is no longer away even when no end was recorded (queries compare it with the day asked about).
"""

from __future__ import annotations

from typing import Any

from ...domain import change_events as ce
from ...domain import events as e
from ...domain import province_transfer_events as pe
from .members import MembersByOrganisation, _iso, _profile_columns

# what leaving the rolls clears besides members.py's columns
LEAVE_CLEARS: dict[str, Any] = {"suspended": 0, "suspended_on": None,
                                "transit_to_organisation_id": None, "transit_present_by": None}


class MembersByOrganisationAndStanding(MembersByOrganisation):
    # v3's survivors of merges, the suspension and transit columns, corrections; transfers
    # to another province's deployment
    version = 6

    def _leave(self, db, member_id: str, env, status: str, on) -> None:
        super()._leave(db, member_id, env, status, on)
        self._set(db, member_id, env, **LEAVE_CLEARS)

    def on_MemberTransferred(self, ev: e.MemberTransferred, env, db) -> None:
        # a permanent transfer is taken only when no temporary one runs: one past its end goes
        self._set(db, ev.member_id, env, organisation_id=self._now(db, ev.to_organisation_id),
                  temporary_organisation_id=None, temporary_until=None)

    def on_OrganisationMerged(self, ev: e.OrganisationMerged, env, db) -> None:
        super().on_OrganisationMerged(ev, env, db)
        db.execute(self.sql.merge_transit_organisation,
                   (self._now(db, ev.into_organisation_id), ev.organisation_id))

    def on_MemberSuspended(self, ev: ce.MemberSuspended, env, db) -> None:
        self._set(db, ev.member_id, env, suspended=1, suspended_on=ev.effective_on.isoformat())

    def on_SuspensionEnded(self, ev: ce.SuspensionEnded, env, db) -> None:
        self._set(db, ev.member_id, env, suspended=0, suspended_on=None)

    def on_TemporaryTransferExtended(self, ev: ce.TemporaryTransferExtended, env, db) -> None:
        self._set(db, ev.member_id, env, temporary_until=ev.ends_on.isoformat())

    def on_TransferLetterIssued(self, ev: ce.TransferLetterIssued, env, db) -> None:
        if ev.out_of_province:
            self._leave(db, ev.member_id, env, "transferred_out", ev.issued_on)
            return
        self._set(db, ev.member_id, env,
                  transit_to_organisation_id=self._now(db, ev.to_organisation_id),
                  transit_present_by=ev.present_by.isoformat())

    def on_TransferredMemberReceived(self, ev: ce.TransferredMemberReceived, env, db) -> None:
        self._set(db, ev.member_id, env, organisation_id=self._now(db, ev.to_organisation_id),
                  transit_to_organisation_id=None, transit_present_by=None,
                  temporary_organisation_id=None, temporary_until=None)

    def on_MemberReceivedFromProvince(self, ev: ce.MemberReceivedFromProvince, env, db) -> None:
        self._insert(
            db, env, id=ev.member_id, **_profile_columns(ev.profile),
            organisation_id=self._now(db, ev.organisation_id), status=ev.status.value,
            admitted_on=ev.admitted_on.isoformat(), first_admitted_on=ev.admitted_on.isoformat(),
            ceremony_on=_iso(ev.ceremony_on), official_from=_iso(ev.official_from),
            probation_ends_on=_iso(ev.probation_ends_on), card_number=ev.card_number,
        )

    def on_TransferToProvinceCompleted(self, ev: pe.TransferToProvinceCompleted, env,
                                       db) -> None:
        self._leave(db, ev.member_id, env, "transferred_out", ev.received_on)

    handlers = {
        **MembersByOrganisation.handlers,
        pe.TransferToProvinceCompleted: on_TransferToProvinceCompleted,
        e.MemberTransferred: on_MemberTransferred,
        e.OrganisationMerged: on_OrganisationMerged,
        ce.MemberSuspended: on_MemberSuspended,
        ce.SuspensionEnded: on_SuspensionEnded,
        ce.TemporaryTransferExtended: on_TemporaryTransferExtended,
        ce.TransferLetterIssued: on_TransferLetterIssued,
        ce.TransferredMemberReceived: on_TransferredMemberReceived,
        ce.MemberReceivedFromProvince: on_MemberReceivedFromProvince,
    }
