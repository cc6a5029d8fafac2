"""tree_as_of: the tree and each member's placement as intervals of effective dates, so the tree,
a branch's members and the counts can be asked "as of" any past date (across merges too).

Every organisation and member fact is kept with its effective date (org_facts, member_facts);
the intervals of each organisation and member a batch touches are computed again from their
facts (intervals.py), so a fact entered late answers as if entered on time. A merge touches the
merged organisation, its children and every member ever placed in it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection, decode_batch

from ...domain import events as e
from .intervals import (
    MemberFact,
    Merges,
    OrgFact,
    member_placements,
    merged_into,
    organisation_versions,
)

_CHUNK = 500


@dataclass(frozen=True)
class TreeAsOfSql:
    """tree_as_of's statements, written out per dialect (adapters/read_model_sql). `{keys}`: a
    placeholder per id, filled in at run time."""

    ddl: str  # org_facts, member_facts, org_versions, member_placements and their indexes
    placeholder: str  # one parameter, for the lists written at run time
    insert_org_fact: str  # (organisation_id, seq, on_date, kind, name, type, parent_id,
    #                        into_id, global_position, recorded_at, actor)
    org_facts_of: str  # {keys} -> organisation_id, seq, on_date, kind, name, type, parent_id
    merges: str  # () -> organisation_id, into_id, on_date: every merge
    established_on: str  # (organisation_id) -> on_date of its creation
    children_of: str  # {keys} -> organisation_id: whose facts name a parent among keys
    insert_member_fact: str  # (member_id, seq, part, on_date, organisation_id, status, event)
    member_facts_of: str  # {keys} -> member_id, seq, part, on_date, organisation_id, status
    placed_in: str  # {keys} -> member_id: whose facts place them in an organisation among keys
    forget_versions: str  # {keys}: every org_versions row of those organisations
    insert_version: str  # (organisation_id, global_position, valid_from, valid_to, name, type,
    #                       parent_id)
    forget_placements: str  # {keys}: every member_placements row of those members
    insert_placement: str  # (member_id, global_position, valid_from, valid_to,
    #                         organisation_id, status)
    redate_member_fact: str  # (new on_date, member_id, status, old on_date): a corrected date


class TreeAsOf(DecodingProjection):
    name = "tree_as_of"
    rebuild_weight = 0.55  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    version = 3  # corrected admission and official dates (MemberFileCorrected) move the facts
    tables = ("org_versions", "member_placements", "org_facts", "member_facts")

    def __init__(self, codec: EventCodec, sql: TreeAsOfSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def handle(self, envelope: Envelope, db: sqlite3.Connection) -> None:
        self.handle_batch([envelope], db)

    def handle_batch(self, envelopes: Sequence[Envelope], db: sqlite3.Connection) -> None:
        """Keep the batch's facts, then compute the touched intervals again."""
        self._orgs: set[str] = set()
        self._members: set[str] = set()
        self._merged: set[str] = set()
        self._org_facts: list[tuple] = []
        self._member_facts: list[tuple] = []
        events = decode_batch(self.codec, envelopes)
        for envelope, event in zip(envelopes, events, strict=True):
            if event is None:
                raise ValueError(f"unknown event type {envelope.type} "
                                 f"v{envelope.schema_version}")
            handler = self._handlers.get(type(event))
            if handler is not None:
                handler(event, envelope, db)
        self._write_facts(db)
        merges = self._all_merges(db)
        if self._merged:
            merged = sorted(merged_into(self._merged, merges))
            self._orgs.update(self._ids(db, self.sql.children_of, merged))
            self._members.update(self._ids(db, self.sql.placed_in, merged))
        self._recompute_organisations(db, sorted(self._orgs), merges)
        self._recompute_members(db, sorted(self._members), merges)

    # -- facts -----------------------------------------------------------------------------------

    def _org_fact(self, env: Envelope, org_id: str, on: date, kind: str, name=None, type_=None,
                  parent_id=None, into_id=None) -> None:
        self._org_facts.append((org_id, env.stream_version, on.isoformat(), kind, name, type_,
                                parent_id, into_id, env.global_position,
                                env.recorded_at.isoformat(),
                                f"{env.actor.user_id} ({env.actor.role})"))
        self._orgs.add(org_id)

    def _member_fact(self, env: Envelope, member_id: str, on: date, organisation_id=None,
                     status=None, part: int = 0) -> None:
        self._member_facts.append((member_id, env.stream_version, part, on.isoformat(),
                                   organisation_id, status, env.type.split(".", 1)[-1]))
        self._members.add(member_id)

    def _write_facts(self, db) -> None:
        if self._org_facts:
            db.executemany(self.sql.insert_org_fact, self._org_facts)
        if self._member_facts:
            db.executemany(self.sql.insert_member_fact, self._member_facts)

    # -- recomputing -----------------------------------------------------------------------------

    def _all_merges(self, db) -> Merges:
        return {org: (into, on) for org, into, on in db.execute(self.sql.merges).fetchall()}

    def _rows(self, db, sql: str, ids: list[str]) -> Iterable[tuple]:
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            keys = ", ".join(self.sql.placeholder for _ in chunk)
            yield from db.execute(sql.format(keys=keys), chunk).fetchall()

    def _ids(self, db, sql: str, ids: list[str]) -> set[str]:
        return {row[0] for row in self._rows(db, sql, ids)}

    def _forget(self, db, sql: str, ids: list[str]) -> None:
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            db.execute(sql.format(keys=", ".join(self.sql.placeholder for _ in chunk)), chunk)

    def _recompute_organisations(self, db, ids: list[str], merges: Merges) -> None:
        if not ids:
            return
        facts: dict[str, list[OrgFact]] = {i: [] for i in ids}
        for org_id, seq, on, kind, name, type_, parent in self._rows(db, self.sql.org_facts_of,
                                                                     ids):
            facts[org_id].append(OrgFact(on, seq, kind, name, type_, parent))
        self._forget(db, self.sql.forget_versions, ids)
        rows = [(org_id, n, start, end, *values)
                for org_id in ids
                for n, (start, end, values) in enumerate(organisation_versions(facts[org_id],
                                                                               merges))]
        if rows:
            db.executemany(self.sql.insert_version, rows)

    def _recompute_members(self, db, ids: list[str], merges: Merges) -> None:
        if not ids:
            return
        facts: dict[str, list[MemberFact]] = {i: [] for i in ids}
        for member_id, seq, part, on, org_id, status in self._rows(
                db, self.sql.member_facts_of, ids):
            facts[member_id].append(MemberFact(on, seq, part, org_id, status))
        self._forget(db, self.sql.forget_placements, ids)
        rows = [(member_id, n, start, end, *values)
                for member_id in ids
                for n, (start, end, values) in enumerate(member_placements(facts[member_id],
                                                                           merges))]
        if rows:
            db.executemany(self.sql.insert_placement, rows)

    # -- organisations ---------------------------------------------------------------------------

    def on_OrganisationCreated(self, ev: e.OrganisationCreated, env, db) -> None:
        self._org_fact(env, ev.organisation_id, ev.established_on, "created", ev.name,
                       ev.type.value, ev.parent_id)

    def on_OrganisationRenamed(self, ev: e.OrganisationRenamed, env, db) -> None:
        self._org_fact(env, ev.organisation_id, ev.effective_on, "renamed", name=ev.name)

    def on_OrganisationMoved(self, ev: e.OrganisationMoved, env, db) -> None:
        self._org_fact(env, ev.organisation_id, ev.effective_on, "moved",
                       parent_id=ev.to_parent_id)

    def on_OrganisationMerged(self, ev: e.OrganisationMerged, env, db) -> None:
        self._org_fact(env, ev.organisation_id, ev.effective_on, "merged",
                       into_id=ev.into_organisation_id)
        self._merged.add(ev.organisation_id)

    def on_OrganisationDissolved(self, ev: e.OrganisationDissolved, env, db) -> None:
        self._org_fact(env, ev.organisation_id, ev.effective_on, "dissolved")

    # -- members ---------------------------------------------------------------------------------

    def on_ApplicationSubmitted(self, ev: e.ApplicationSubmitted, env, db) -> None:
        self._member_fact(env, ev.member_id, ev.submitted_on, ev.organisation_id, "applicant")

    def on_ExistingMemberRecorded(self, ev: e.ExistingMemberRecorded, env, db) -> None:
        # a file may predate its current branch: the placement starts when the branch did
        start = ev.admitted_on.isoformat()
        row = self._established(db, ev.organisation_id)
        if row and row > start:
            start = row
        self._member_facts.append((ev.member_id, env.stream_version, 0, start,
                                   ev.organisation_id, "probationary", "ExistingMemberRecorded"))
        self._members.add(ev.member_id)
        if ev.official_from:
            self._member_facts.append((ev.member_id, env.stream_version, 1,
                                       max(start, ev.official_from.isoformat()), None,
                                       "official", "ExistingMemberRecorded"))

    def _established(self, db, org_id: str) -> str | None:
        for fact in self._org_facts:  # created in this very batch
            if fact[0] == org_id and fact[3] == "created":
                return fact[2]
        row = db.execute(self.sql.established_on, (org_id,)).fetchone()
        return row[0] if row else None

    def on_MemberAdmitted(self, ev: e.MemberAdmitted, env, db) -> None:
        self._member_fact(env, ev.member_id, ev.decided_on, status="probationary")

    def on_MemberRecognisedAsOfficial(self, ev: e.MemberRecognisedAsOfficial, env, db) -> None:
        # official from the end of probation, which may precede facts recorded before it
        self._member_fact(env, ev.member_id, ev.official_from, status="official")

    def on_MemberTransferred(self, ev: e.MemberTransferred, env, db) -> None:
        self._member_fact(env, ev.member_id, ev.effective_on, ev.to_organisation_id)

    def on_MemberRemovedFromProbationaryList(self, ev, env, db) -> None:
        self._member_fact(env, ev.member_id, ev.decided_on, status="removed_from_probation")

    def on_MemberRemovedFromRolls(self, ev: e.MemberRemovedFromRolls, env, db) -> None:
        self._member_fact(env, ev.member_id, ev.decided_on, status="removed_from_rolls")

    def on_MemberDisciplined(self, ev: e.MemberDisciplined, env, db) -> None:
        if ev.form.value == "expulsion":
            self._member_fact(env, ev.member_id, ev.decided_on, status="expelled")

    def on_MemberDied(self, ev: e.MemberDied, env, db) -> None:
        self._member_fact(env, ev.member_id, ev.died_on, status="deceased")

    def on_MemberFileCorrected(self, ev: e.MemberFileCorrected, env, db) -> None:
        """A corrected admission or official date moves the status fact it dated."""
        status = {"admitted_on": "probationary", "official_from": "official"}.get(ev.field)
        if status is None:
            return
        old, new = ev.old_value, ev.new_value
        self._member_facts = [  # facts of this very batch, not written yet
            (m, seq, part, new if (m, st, on) == (ev.member_id, status, old) else on, org, st, n)
            for m, seq, part, on, org, st, n in self._member_facts]
        db.execute(self.sql.redate_member_fact, (new, ev.member_id, status, old))
        self._members.add(ev.member_id)

    handlers = {
        e.OrganisationCreated: on_OrganisationCreated,
        e.OrganisationRenamed: on_OrganisationRenamed,
        e.OrganisationMoved: on_OrganisationMoved,
        e.OrganisationMerged: on_OrganisationMerged,
        e.OrganisationDissolved: on_OrganisationDissolved,
        e.ApplicationSubmitted: on_ApplicationSubmitted,
        e.ExistingMemberRecorded: on_ExistingMemberRecorded,
        e.MemberAdmitted: on_MemberAdmitted,
        e.MemberRecognisedAsOfficial: on_MemberRecognisedAsOfficial,
        e.MemberTransferred: on_MemberTransferred,
        e.MemberRemovedFromProbationaryList: on_MemberRemovedFromProbationaryList,
        e.MemberRemovedFromRolls: on_MemberRemovedFromRolls,
        e.MemberDisciplined: on_MemberDisciplined,
        e.MemberDied: on_MemberDied,
        e.MemberFileCorrected: on_MemberFileCorrected,
    }
