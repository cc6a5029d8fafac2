"""members: who is on which organisation's rolls now, with the profile fields clients filter on."""

from __future__ import annotations

import functools
import operator
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection
from kit.projections.rebuilding import created_tables
from kit.sql.rows import Rows
from kit.text import fold, vietnamese_name_key

from ...domain import events as e
from ...domain.profile import MemberProfile
from . import corrected


@functools.lru_cache(maxsize=65_536)
def _name_keys(full_name: str) -> tuple[str, str]:
    """(sort key, search form) of a name: pure, and names repeat (profile updates, namesakes)."""
    return vietnamese_name_key(full_name), fold(full_name)


def _profile_columns(p: MemberProfile) -> dict[str, Any]:
    name_key, search_name = _name_keys(p.full_name)
    return {
        "full_name": p.full_name, "name_key": name_key, "search_name": search_name,
        "gender": p.gender.value, "date_of_birth": p.date_of_birth.isoformat(),
        "ethnicity": p.ethnicity, "hometown": p.hometown, "citizen_id": p.citizen_id,
        "education": p.education.value, "political_theory": p.political_theory.value,
        "occupation": p.occupation, "qualification": p.qualification,
    }


def _iso(d) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True)
class MembersSql:
    """members' statements, written out per dialect (adapters/read_model_sql)."""

    ddl: str  # members, name_key compared bytewise, and its indexes
    placeholder: str  # one parameter, for the column lists below written at run time
    update: str  # {assignments} ("column = <placeholder>", ...): (values..., id)
    insert: str  # {columns}, {values} (a placeholder each): (values...)
    first_admission: str  # (id): first_admitted_on from admitted_on, unless already set
    merge_organisation: str  # (into organisation_id, merged organisation_id)
    merge_temporary_organisation: str  # (into organisation_id, merged organisation_id)
    record_merge: str  # (merged organisation_id, into organisation_id)
    survivor: str  # (organisation_id) -> into organisation_id, if it was merged
    merge_transit_organisation: str  # (into organisation_id, merged organisation_id)


class MembersByOrganisation(DecodingProjection):
    name = "members"
    rebuild_weight = 1.3  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    version = 3  # a placement entered after its organisation's merge: the survivor's rolls

    def __init__(self, codec: EventCodec, sql: MembersSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl
        self.tables = created_tables(sql.ddl)  # members, merges, member_counts

    def handle_batch(self, envelopes: Sequence[Envelope], db: sqlite3.Connection) -> None:
        """Every member event folds into the batch's rows in memory; a merge (a bulk UPDATE)
        runs as SQL after they are written."""
        folds = self._handlers.keys() - {e.OrganisationMerged}  # each changes one member's row
        self.fold(envelopes, db, Rows(db, "members", "id"), folds, operator.attrgetter("member_id"))

    def _set(self, db: sqlite3.Connection | Rows, member_id: str, env: Envelope,
             **cols: Any) -> None:
        cols["updated_position"] = env.global_position
        if isinstance(db, Rows):
            db.update(member_id, **cols)
            return
        mark = self.sql.placeholder
        assignments = ", ".join(f"{k} = {mark}" for k in cols)
        db.execute(self.sql.update.format(assignments=assignments), (*cols.values(), member_id))

    def _insert(self, db: sqlite3.Connection | Rows, env: Envelope, **cols: Any) -> None:
        cols["updated_position"] = env.global_position
        if isinstance(db, Rows):
            db.insert(**cols)
            return
        values = ", ".join(self.sql.placeholder for _ in cols)
        db.execute(self.sql.insert.format(columns=", ".join(cols), values=values),
                   tuple(cols.values()))

    def _now(self, db: sqlite3.Connection | Rows, org_id: str) -> str:
        """The organisation keeping org_id's members now: itself or its merges' survivor (a
        fact entered after the merge names the organisation as it was on its date). A batch
        folding into Rows asks once per organisation (a merge is a statement of its own, so
        `forget` has cleared what was looked up before it)."""
        if not isinstance(db, Rows):
            return self._survivor(db, org_id)
        key = ("survivor", org_id)
        found = db.lookups.get(key)
        if found is None:
            found = db.lookups[key] = self._survivor(db.db, org_id)
        return found

    def _survivor(self, conn: sqlite3.Connection, org_id: str) -> str:
        for _ in range(20):
            row = conn.execute(self.sql.survivor, (org_id,)).fetchone()
            if row is None:
                return org_id
            org_id = row[0]
        return org_id

    def on_ApplicationSubmitted(self, ev: e.ApplicationSubmitted, env, db) -> None:
        cols = {**_profile_columns(ev.profile), "organisation_id": self._now(db, ev.organisation_id),
                "status": "applicant", "submitted_on": ev.submitted_on.isoformat(),
                "left_on": None}
        if ev.readmission:
            self._set(db, ev.member_id, env, **cols)
        else:
            self._insert(db, env, id=ev.member_id, **cols)

    def on_ExistingMemberRecorded(self, ev: e.ExistingMemberRecorded, env, db) -> None:
        self._insert(
            db, env, id=ev.member_id, **_profile_columns(ev.profile),
            organisation_id=self._now(db, ev.organisation_id), status=ev.status.value,
            admitted_on=ev.admitted_on.isoformat(), first_admitted_on=ev.admitted_on.isoformat(),
            ceremony_on=_iso(ev.ceremony_on), official_from=_iso(ev.official_from),
            probation_ends_on=_iso(ev.probation_ends_on),
            card_number=ev.card_number,
        )

    def on_MemberAdmitted(self, ev: e.MemberAdmitted, env, db) -> None:
        self._set(db, ev.member_id, env, status="probationary",
                  admitted_on=ev.decided_on.isoformat(), ceremony_on=None, probation_ends_on=None)
        if isinstance(db, Rows):
            row = db.get(ev.member_id)
            if row is not None and row["first_admitted_on"] is None:
                db.update(ev.member_id, first_admitted_on=row["admitted_on"])
            return
        db.execute(self.sql.first_admission, (ev.member_id,))

    def on_AdmissionCeremonyHeld(self, ev: e.AdmissionCeremonyHeld, env, db) -> None:
        self._set(db, ev.member_id, env, ceremony_on=ev.held_on.isoformat(),
                  probation_ends_on=ev.probation_ends_on.isoformat())

    def on_MemberRecognisedAsOfficial(self, ev: e.MemberRecognisedAsOfficial, env, db) -> None:
        self._set(db, ev.member_id, env, status="official",
                  official_from=ev.official_from.isoformat())

    def on_PartyCardIssued(self, ev: e.PartyCardIssued, env, db) -> None:
        self._set(db, ev.member_id, env, card_number=ev.card_number)

    def on_MemberRemovedFromProbationaryList(self, ev, env, db) -> None:
        self._leave(db, ev.member_id, env, "removed_from_probation", ev.decided_on)

    def on_MemberTransferred(self, ev: e.MemberTransferred, env, db) -> None:
        self._set(db, ev.member_id, env, organisation_id=self._now(db, ev.to_organisation_id))

    def on_MemberTemporarilyTransferred(self, ev: e.MemberTemporarilyTransferred, env,
                                        db) -> None:
        self._set(db, ev.member_id, env,
                  temporary_organisation_id=self._now(db, ev.to_organisation_id),
                  temporary_until=ev.ends_on.isoformat())

    def on_TemporaryTransferEnded(self, ev: e.TemporaryTransferEnded, env, db) -> None:
        self._set(db, ev.member_id, env, temporary_organisation_id=None, temporary_until=None)

    def on_MemberExempted(self, ev: e.MemberExempted, env, db) -> None:
        self._set(db, ev.member_id, env, exempt=1)

    def on_ExemptionEnded(self, ev: e.ExemptionEnded, env, db) -> None:
        self._set(db, ev.member_id, env, exempt=0)

    def on_MemberRemovedFromRolls(self, ev: e.MemberRemovedFromRolls, env, db) -> None:
        self._leave(db, ev.member_id, env, "removed_from_rolls", ev.decided_on)

    def on_MemberDisciplined(self, ev: e.MemberDisciplined, env, db) -> None:
        self._set(db, ev.member_id, env, last_disciplined=ev.form.value)
        if ev.form.value == "expulsion":
            self._leave(db, ev.member_id, env, "expelled", ev.decided_on)

    def on_MemberDied(self, ev: e.MemberDied, env, db) -> None:
        self._leave(db, ev.member_id, env, "deceased", ev.died_on)

    def on_MemberProfileUpdated(self, ev: e.MemberProfileUpdated, env, db) -> None:
        self._set(db, ev.member_id, env, **_profile_columns(ev.profile))

    def on_MemberFileCorrected(self, ev: e.MemberFileCorrected, env, db) -> None:
        rows = db if isinstance(db, Rows) else Rows(db, "members", "id")
        row = rows.get(ev.member_id)
        if row is not None:
            self._set(rows, ev.member_id, env, **corrected.member_columns(ev, row))
        if rows is not db:
            rows.flush()

    def on_OrganisationMerged(self, ev: e.OrganisationMerged, env, db) -> None:
        into = self._now(db, ev.into_organisation_id)
        db.execute(self.sql.record_merge, (ev.organisation_id, into))
        db.execute(self.sql.merge_organisation, (into, ev.organisation_id))
        db.execute(self.sql.merge_temporary_organisation, (into, ev.organisation_id))

    def _leave(self, db, member_id: str, env: Envelope, status: str, on) -> None:
        self._set(db, member_id, env, status=status, left_on=on.isoformat(), exempt=0,
                  temporary_organisation_id=None, temporary_until=None)

    handlers = {
        e.ApplicationSubmitted: on_ApplicationSubmitted,
        e.ExistingMemberRecorded: on_ExistingMemberRecorded,
        e.MemberAdmitted: on_MemberAdmitted,
        e.AdmissionCeremonyHeld: on_AdmissionCeremonyHeld,
        e.MemberRecognisedAsOfficial: on_MemberRecognisedAsOfficial,
        e.PartyCardIssued: on_PartyCardIssued,
        e.MemberRemovedFromProbationaryList: on_MemberRemovedFromProbationaryList,
        e.MemberTransferred: on_MemberTransferred,
        e.MemberTemporarilyTransferred: on_MemberTemporarilyTransferred,
        e.TemporaryTransferEnded: on_TemporaryTransferEnded,
        e.MemberExempted: on_MemberExempted,
        e.ExemptionEnded: on_ExemptionEnded,
        e.MemberRemovedFromRolls: on_MemberRemovedFromRolls,
        e.MemberDisciplined: on_MemberDisciplined,
        e.MemberDied: on_MemberDied,
        e.MemberProfileUpdated: on_MemberProfileUpdated,
        e.OrganisationMerged: on_OrganisationMerged,
        e.MemberFileCorrected: on_MemberFileCorrected,
    }
