"""branch_rosters: who is on each branch's rolls now, with what a meeting's summons needs.

Built from membership's events through meetings' own classes. `suspended` (đình chỉ sinh hoạt,
tạm giam) and `suspended_on` follow membership's MemberSuspended / SuspensionEnded.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kit.envelope import Envelope
from kit.text import vietnamese_name_key

from .. import membership_view as v
from ..membership_view import SOURCE
from .membership_view_projection import MembershipViewProjection

ON_ROLLS = ("probationary", "official")


@dataclass(frozen=True)
class BranchRostersSql:
    """branch_rosters' statements, written out once per SQL dialect (adapters)."""

    ddl: str  # mt_roster and its indexes
    # (member_id, organisation_id, full_name, name_key, status): in that branch with that
    # status, neither exempt, suspended nor temporarily elsewhere, whatever the row said before
    upsert: str
    set_status: str  # (status, member_id)
    leave: str  # (member_id): off the rolls, neither exempt nor temporarily elsewhere
    move: str  # (organisation_id, member_id)
    move_temporarily: str  # (temporary_organisation_id, member_id)
    end_temporary_transfer: str  # (member_id)
    set_exempt: str  # (exempt 0 | 1, member_id)
    rename: str  # (full_name, name_key, member_id)
    merge_organisation: str  # (into organisation_id, merged organisation_id)
    merge_temporary_organisation: str  # (into organisation_id, merged organisation_id)
    record_merge: str  # (merged organisation_id, into organisation_id)
    survivor: str  # (organisation_id) -> into organisation_id, if it was merged
    set_suspended: str  # (suspended 0 | 1, suspended_on or None, member_id)


class BranchRosters(MembershipViewProjection):
    name = "branch_rosters"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    version = 4  # v2's survivors of merges, with suspended_on; left for another province
    tables = ("mt_roster", "mt_roster_merges")

    def __init__(self, sql: BranchRostersSql, source: str = SOURCE) -> None:
        super().__init__(source)
        self.sql = sql
        self.ddl = sql.ddl

    def _now(self, db: sqlite3.Connection, org_id: str) -> str:
        """The branch keeping org_id's members now: itself or its merges' survivor (a fact
        entered after the merge names the branch as it was on its date)."""
        for _ in range(20):
            row = db.execute(self.sql.survivor, (org_id,)).fetchone()
            if row is None:
                return org_id
            org_id = row[0]
        return org_id

    def _upsert(self, db: sqlite3.Connection, member_id: str, organisation_id: str,
                full_name: str, status: str) -> None:
        db.execute(self.sql.upsert, (member_id, self._now(db, organisation_id), full_name,
                                     vietnamese_name_key(full_name), status))

    def _leave(self, db: sqlite3.Connection, member_id: str) -> None:
        db.execute(self.sql.leave, (member_id,))

    def on_ApplicationSubmitted(self, ev: v.ApplicationSubmitted, env: Envelope, db) -> None:
        self._upsert(db, ev.member_id, ev.organisation_id, ev.profile.full_name, "applicant")

    def on_ExistingMemberRecorded(self, ev: v.ExistingMemberRecorded, env, db) -> None:
        self._upsert(db, ev.member_id, ev.organisation_id, ev.profile.full_name, ev.status)

    def on_MemberAdmitted(self, ev: v.MemberAdmitted, env, db) -> None:
        db.execute(self.sql.set_status, ("probationary", ev.member_id))

    def on_MemberRecognisedAsOfficial(self, ev: v.MemberRecognisedAsOfficial, env, db) -> None:
        db.execute(self.sql.set_status, ("official", ev.member_id))

    def on_MemberTransferred(self, ev: v.MemberTransferred, env, db) -> None:
        db.execute(self.sql.move, (self._now(db, ev.to_organisation_id), ev.member_id))

    def on_MemberTemporarilyTransferred(self, ev: v.MemberTemporarilyTransferred, env,
                                        db) -> None:
        db.execute(self.sql.move_temporarily, (self._now(db, ev.to_organisation_id),
                                               ev.member_id))

    def on_TemporaryTransferEnded(self, ev: v.TemporaryTransferEnded, env, db) -> None:
        db.execute(self.sql.end_temporary_transfer, (ev.member_id,))

    def on_MemberExempted(self, ev: v.MemberExempted, env, db) -> None:
        db.execute(self.sql.set_exempt, (1, ev.member_id))

    def on_ExemptionEnded(self, ev: v.ExemptionEnded, env, db) -> None:
        db.execute(self.sql.set_exempt, (0, ev.member_id))

    def on_MemberRemovedFromRolls(self, ev: v.MemberRemovedFromRolls, env, db) -> None:
        self._leave(db, ev.member_id)

    def on_MemberRemovedFromProbationaryList(self, ev: v.MemberRemovedFromProbationaryList, env,
                                             db) -> None:
        self._leave(db, ev.member_id)

    def on_MemberDisciplined(self, ev: v.MemberDisciplined, env, db) -> None:
        if ev.form == "expulsion":
            self._leave(db, ev.member_id)

    def on_MemberDied(self, ev: v.MemberDied, env, db) -> None:
        self._leave(db, ev.member_id)

    def on_MemberProfileUpdated(self, ev: v.MemberProfileUpdated, env, db) -> None:
        db.execute(self.sql.rename, (ev.profile.full_name,
                                     vietnamese_name_key(ev.profile.full_name), ev.member_id))

    def on_MemberFileCorrected(self, ev: v.MemberFileCorrected, env, db) -> None:
        if ev.field == "full_name":  # the roster shows nothing else the file corrects
            db.execute(self.sql.rename, (ev.new_value, vietnamese_name_key(ev.new_value),
                                         ev.member_id))

    def on_OrganisationMerged(self, ev: v.OrganisationMerged, env, db) -> None:
        into = self._now(db, ev.into_organisation_id)
        db.execute(self.sql.record_merge, (ev.organisation_id, into))
        db.execute(self.sql.merge_organisation, (into, ev.organisation_id))
        db.execute(self.sql.merge_temporary_organisation, (into, ev.organisation_id))

    # -- suspension and transfers across the province's border -----------------------------------

    def on_MemberSuspended(self, ev: v.MemberSuspended, env, db) -> None:
        db.execute(self.sql.set_suspended, (1, ev.effective_on.isoformat(), ev.member_id))

    def on_SuspensionEnded(self, ev: v.SuspensionEnded, env, db) -> None:
        db.execute(self.sql.set_suspended, (0, None, ev.member_id))

    def on_TransferLetterIssued(self, ev: v.TransferLetterIssued, env, db) -> None:
        if ev.out_of_province:  # within the province the member stays until received
            self._leave(db, ev.member_id)

    def on_TransferToProvinceCompleted(self, ev: v.TransferToProvinceCompleted, env,
                                       db) -> None:
        self._leave(db, ev.member_id)

    def on_TransferredMemberReceived(self, ev: v.TransferredMemberReceived, env, db) -> None:
        db.execute(self.sql.move, (self._now(db, ev.to_organisation_id), ev.member_id))

    def on_MemberReceivedFromProvince(self, ev: v.MemberReceivedFromProvince, env, db) -> None:
        self._upsert(db, ev.member_id, ev.organisation_id, ev.profile.full_name, ev.status)

    handlers = {
        v.ApplicationSubmitted: on_ApplicationSubmitted,
        v.ExistingMemberRecorded: on_ExistingMemberRecorded,
        v.MemberAdmitted: on_MemberAdmitted,
        v.MemberRecognisedAsOfficial: on_MemberRecognisedAsOfficial,
        v.MemberTransferred: on_MemberTransferred,
        v.MemberTemporarilyTransferred: on_MemberTemporarilyTransferred,
        v.TemporaryTransferEnded: on_TemporaryTransferEnded,
        v.MemberExempted: on_MemberExempted,
        v.ExemptionEnded: on_ExemptionEnded,
        v.MemberRemovedFromRolls: on_MemberRemovedFromRolls,
        v.MemberRemovedFromProbationaryList: on_MemberRemovedFromProbationaryList,
        v.MemberDisciplined: on_MemberDisciplined,
        v.MemberDied: on_MemberDied,
        v.MemberProfileUpdated: on_MemberProfileUpdated,
        v.OrganisationMerged: on_OrganisationMerged,
        v.MemberSuspended: on_MemberSuspended,
        v.SuspensionEnded: on_SuspensionEnded,
        v.TransferLetterIssued: on_TransferLetterIssued,
        v.TransferToProvinceCompleted: on_TransferToProvinceCompleted,
        v.TransferredMemberReceived: on_TransferredMemberReceived,
        v.MemberReceivedFromProvince: on_MemberReceivedFromProvince,
        v.MemberFileCorrected: on_MemberFileCorrected,
    }
