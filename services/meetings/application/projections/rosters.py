"""branch_rosters: who is on each branch's rolls now, with what a meeting's summons needs.

Built from membership's events through meetings' own classes. `suspended` (đình chỉ sinh hoạt,
tạm giam) is kept for the resolution rule although membership publishes no such event yet: it
stays 0 until one exists.
"""

from __future__ import annotations

import sqlite3

from kit.envelope import Envelope
from kit.text import vietnamese_name_key

from .. import membership_view as v
from .membership_view_projection import MembershipViewProjection

ON_ROLLS = ("probationary", "official")


class BranchRosters(MembershipViewProjection):
    name = "branch_rosters"
    tables = ("mt_roster",)
    ddl = """
    CREATE TABLE IF NOT EXISTS mt_roster (
        member_id                 TEXT PRIMARY KEY,
        organisation_id           TEXT NOT NULL,
        full_name                 TEXT NOT NULL,
        name_key                  TEXT NOT NULL COLLATE BINARY,
        status                    TEXT NOT NULL,
        exempt                    INTEGER NOT NULL DEFAULT 0,
        temporary_organisation_id TEXT,
        suspended                 INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS mt_roster_org ON mt_roster (organisation_id, status);
    CREATE INDEX IF NOT EXISTS mt_roster_temporary ON mt_roster (temporary_organisation_id)
    """

    def _upsert(self, db: sqlite3.Connection, member_id: str, organisation_id: str,
                full_name: str, status: str) -> None:
        db.execute(
            "INSERT INTO mt_roster (member_id, organisation_id, full_name, name_key, status) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET "
            "organisation_id = excluded.organisation_id, full_name = excluded.full_name, "
            "name_key = excluded.name_key, status = excluded.status, exempt = 0, "
            "temporary_organisation_id = NULL",
            (member_id, organisation_id, full_name, vietnamese_name_key(full_name), status))

    def _set(self, db: sqlite3.Connection, member_id: str, sql: str, *params: object) -> None:
        db.execute(f"UPDATE mt_roster SET {sql} WHERE member_id = ?", (*params, member_id))

    def _leave(self, db: sqlite3.Connection, member_id: str) -> None:
        self._set(db, member_id, "status = 'left', exempt = 0, temporary_organisation_id = NULL")

    def on_ApplicationSubmitted(self, ev: v.ApplicationSubmitted, env: Envelope, db) -> None:
        self._upsert(db, ev.member_id, ev.organisation_id, ev.profile.full_name, "applicant")

    def on_ExistingMemberRecorded(self, ev: v.ExistingMemberRecorded, env, db) -> None:
        self._upsert(db, ev.member_id, ev.organisation_id, ev.profile.full_name, ev.status)

    def on_MemberAdmitted(self, ev: v.MemberAdmitted, env, db) -> None:
        self._set(db, ev.member_id, "status = 'probationary'")

    def on_MemberRecognisedAsOfficial(self, ev: v.MemberRecognisedAsOfficial, env, db) -> None:
        self._set(db, ev.member_id, "status = 'official'")

    def on_MemberTransferred(self, ev: v.MemberTransferred, env, db) -> None:
        self._set(db, ev.member_id, "organisation_id = ?", ev.to_organisation_id)

    def on_MemberTemporarilyTransferred(self, ev: v.MemberTemporarilyTransferred, env,
                                        db) -> None:
        self._set(db, ev.member_id, "temporary_organisation_id = ?", ev.to_organisation_id)

    def on_TemporaryTransferEnded(self, ev: v.TemporaryTransferEnded, env, db) -> None:
        self._set(db, ev.member_id, "temporary_organisation_id = NULL")

    def on_MemberExempted(self, ev: v.MemberExempted, env, db) -> None:
        self._set(db, ev.member_id, "exempt = 1")

    def on_ExemptionEnded(self, ev: v.ExemptionEnded, env, db) -> None:
        self._set(db, ev.member_id, "exempt = 0")

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
        self._set(db, ev.member_id, "full_name = ?, name_key = ?", ev.profile.full_name,
                  vietnamese_name_key(ev.profile.full_name))

    def on_OrganisationMerged(self, ev: v.OrganisationMerged, env, db) -> None:
        db.execute("UPDATE mt_roster SET organisation_id = ? WHERE organisation_id = ?",
                   (ev.into_organisation_id, ev.organisation_id))
        db.execute("UPDATE mt_roster SET temporary_organisation_id = ? "
                   "WHERE temporary_organisation_id = ?",
                   (ev.into_organisation_id, ev.organisation_id))

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
    }
