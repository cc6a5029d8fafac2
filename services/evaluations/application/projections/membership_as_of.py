"""membership_as_of: evaluations' view of membership as it stood on any date — the tree (who
was under whom), the rolls (status, branch, exemption, temporary stays), names, admission dates
and every discipline with what it was for — from membership's events through evaluations' own
classes (application/membership_view.py). application/membership_roll.py asks it who a period
evaluates as of its reference date and what facts of a year disqualify a subject.

Each dated fact is kept with its effective date (ev_asof_org_facts, ev_asof_member_facts); the
rolls of every member a batch touches, and the tree's paths when an organisation changed, are
folded again from the facts (kit.projections.intervals), so a fact entered late answers as if
on time, and a rebuild gives the live state. A merge is followed from its date. (The fold is
meetings' membership_as_of, kept apart: services never import each other.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection, decode_batch
from kit.projections.intervals import (
    Interval,
    Successors,
    coalesce,
    follow,
    predecessors,
    set_step,
    steps_to_intervals,
)

from .. import membership_view as v
from ..membership_view import MEMBERSHIP_VIEW, SOURCE
from .membership_as_of_shape import CONTINUES, ENDED, MembershipAsOfSql, roll_intervals

_CHUNK = 500


class MembershipAsOf(DecodingProjection):
    """Follows membership's published events through evaluations' own classes; membership
    event types it does not read are skipped, not dead-lettered."""

    name = "roll_and_facts_as_of"  # not meetings' membership_as_of: metrics are by name
    rebuild_weight = 2.5  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    version = 2  # members who left for another province's deployment
    tables = ("ev_asof_org_facts", "ev_asof_org_paths", "ev_asof_organisations",
              "ev_asof_member_facts", "ev_asof_rolls", "ev_asof_members", "ev_asof_disciplines")
    reads = MEMBERSHIP_VIEW

    def __init__(self, sql: MembershipAsOfSql, source: str = SOURCE) -> None:
        super().__init__(MEMBERSHIP_VIEW)
        self.sources = (source,)
        self.sql = sql
        self.ddl = sql.ddl

    def handle(self, envelope: Envelope, db: Any) -> None:
        if self.codec.knows(envelope.type):
            self.handle_batch([envelope], db)

    def handle_batch(self, envelopes: Sequence[Envelope], db: Any) -> None:
        self._org_facts: list[tuple] = []
        self._member_facts: list[tuple] = []
        self._members: set[str] = set()
        self._merged: set[str] = set()
        known = [env for env in envelopes if self.codec.knows(env.type)]
        for envelope, event in zip(known, decode_batch(self.codec, known), strict=True):
            handler = self._handlers.get(type(event))
            if handler is not None:
                handler(event, envelope, db)
        if self._org_facts:
            db.executemany(self.sql.insert_org_fact, self._org_facts)
        if self._member_facts:
            db.executemany(self.sql.insert_member_fact, self._member_facts)
        if not (self._org_facts or self._members):
            return
        org_facts = db.execute(self.sql.org_facts).fetchall()
        merges: Successors = {o: (into, on) for o, _, on, kind, _, into in org_facts
                              if kind == "merged"}
        if self._org_facts:
            self._paths(db, org_facts, merges)
        if self._merged:
            merged = sorted(predecessors(self._merged, merges))
            self._members |= {r[0] for r in self._rows(db, self.sql.placed_in, merged)}
        self._rolls(db, sorted(self._members), merges)

    # -- folding ---------------------------------------------------------------------------------

    def _rows(self, db: Any, sql: str, ids: list[str]) -> Iterable[tuple]:
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            marks = ", ".join(self.sql.placeholder for _ in chunk)
            yield from db.execute(sql.format(keys=marks),
                                  chunk * sql.count("{keys}")).fetchall()

    def _paths(self, db: Any, org_facts: list[tuple], merges: Successors) -> None:
        """Every organisation's materialised path over time (organisation changes are few)."""
        parents: dict[str, list[tuple[str, tuple]]] = {}
        ends: dict[str, str] = {}
        for org, _, on, kind, parent, _ in sorted(org_facts, key=lambda f: (f[2], f[1])):
            if kind in ("created", "moved"):
                set_step(parents.setdefault(org, []), on, (parent,))
            elif kind in ("merged", "dissolved"):
                ends[org] = on
        memo: dict[str, list[Interval]] = {}

        def paths(org: str, depth: int = 0) -> list[Interval]:
            if org in memo or depth > 30:
                return memo.get(org, [])
            out: list[Interval] = []
            for start, end, (parent,) in steps_to_intervals(parents.get(org, []),
                                                             ends.get(org)):
                if parent is None:
                    out.append((start, end, (f"/{org}/",)))
                    continue
                for s, e, p in follow(parent, start, end, merges):
                    for ps, pe, (ppath,) in paths(p, depth + 1):
                        lo = max(s, ps)
                        hi = pe if e is None else e if pe is None else min(e, pe)
                        if hi is None or lo < hi:
                            out.append((lo, hi, (f"{ppath}{org}/",)))
            memo[org] = coalesce(sorted(out, key=lambda i: i[0]))
            return memo[org]

        rows = [(org, n, s, e, path) for org in sorted(parents)
                for n, (s, e, (path,)) in enumerate(paths(org))]
        db.execute(self.sql.forget_paths)
        if rows:
            db.executemany(self.sql.insert_path, rows)

    def _rolls(self, db: Any, ids: list[str], merges: Successors) -> None:
        if not ids:
            return
        facts: dict[str, list[tuple]] = {i: [] for i in ids}
        for row in self._rows(db, self.sql.member_facts_of, ids):
            facts[row[0]].append(tuple(row[1:]))
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            db.execute(self.sql.forget_rolls.format(
                keys=", ".join(self.sql.placeholder for _ in chunk)), chunk)
        rows = [(m, n, s, e, *values) for m in ids
                for n, (s, e, values) in enumerate(roll_intervals(facts[m], merges))]
        if rows:
            db.executemany(self.sql.insert_roll, rows)

    # -- facts -----------------------------------------------------------------------------------

    def _org(self, env: Envelope, org_id: str, on: date, kind: str, parent_id: str | None = None,
             into_id: str | None = None) -> None:
        self._org_facts.append((org_id, env.stream_version, on.isoformat(), kind, parent_id,
                                into_id))

    def _member(self, env: Envelope, member_id: str, on: date, org: str | None = None,
                status: str | None = None, exempt: int | None = None,
                temporary: str | None = None, part: int = 0) -> None:
        self._member_facts.append((member_id, env.stream_version, part, on.isoformat(), org,
                                   status, exempt, temporary))
        self._members.add(member_id)

    def _file(self, db: Any, member_id: str, name: str | None = None,
              admitted_on: date | None = None, corrected: tuple[str, str] | None = None) -> None:
        """The member's name and admission dates (ISO, in the order recorded): set in stream
        order, as membership recorded them; a correction puts right the last one it names."""
        row = db.execute(self.sql.member, (member_id,)).fetchone()
        full_name = name or (row[0] if row else "")
        admissions = (row[1] if row else "").split()
        if admitted_on is not None:
            admissions.append(admitted_on.isoformat())
        if corrected is not None and corrected[0] in admissions:
            at = len(admissions) - 1 - admissions[::-1].index(corrected[0])
            admissions[at] = corrected[1]
        db.execute(self.sql.save_member, (member_id, full_name, " ".join(admissions)))

    def _discipline(self, env: Envelope, db: Any, kind: str, subject_id: str, on: date,
                    form: str, misconduct: str | None) -> None:
        db.execute(self.sql.insert_discipline, (subject_id, env.stream_version, kind,
                                                on.isoformat(), form, misconduct))

    def _left(self, env: Envelope, member_id: str, on: date) -> None:
        self._member(env, member_id, on, status="left", exempt=0, temporary=ENDED)

    # -- organisations -----------------------------------------------------------------------

    def on_OrganisationCreated(self, ev: v.OrganisationCreated, env, db) -> None:
        self._org(env, ev.organisation_id, ev.established_on, "created", ev.parent_id)
        db.execute(self.sql.save_organisation, (ev.organisation_id, ev.name, ev.type))

    def on_OrganisationRenamed(self, ev: v.OrganisationRenamed, env, db) -> None:
        db.execute(self.sql.rename_organisation, (ev.name, ev.organisation_id))

    def on_OrganisationMoved(self, ev: v.OrganisationMoved, env, db) -> None:
        self._org(env, ev.organisation_id, ev.effective_on, "moved", ev.to_parent_id)

    def on_OrganisationMerged(self, ev: v.OrganisationMerged, env, db) -> None:
        self._org(env, ev.organisation_id, ev.effective_on, "merged",
                  into_id=ev.into_organisation_id)
        self._merged.add(ev.organisation_id)

    def on_OrganisationDissolved(self, ev: v.OrganisationDissolved, env, db) -> None:
        self._org(env, ev.organisation_id, ev.effective_on, "dissolved")

    def on_OrganisationDisciplined(self, ev: v.OrganisationDisciplined, env, db) -> None:
        self._discipline(env, db, "organisation", ev.organisation_id, ev.decided_on, ev.form,
                         ev.misconduct)

    # -- members -----------------------------------------------------------------------------

    def on_ApplicationSubmitted(self, ev: v.ApplicationSubmitted, env, db) -> None:
        self._member(env, ev.member_id, ev.submitted_on, ev.organisation_id, "applicant",
                     exempt=0, temporary=ENDED)
        self._file(db, ev.member_id, ev.profile.full_name)

    def on_ExistingMemberRecorded(self, ev: v.ExistingMemberRecorded, env, db) -> None:
        self._member(env, ev.member_id, ev.admitted_on, ev.organisation_id, "probationary",
                     exempt=0, temporary=ENDED)
        if ev.official_from:
            self._member(env, ev.member_id, max(ev.official_from, ev.admitted_on),
                         status="official", part=1)
        self._file(db, ev.member_id, ev.profile.full_name, ev.admitted_on)

    def on_MemberReceivedFromProvince(self, ev: v.MemberReceivedFromProvince, env, db) -> None:
        self._member(env, ev.member_id, ev.received_on, ev.organisation_id, ev.status,
                     exempt=0, temporary=ENDED)
        self._file(db, ev.member_id, ev.profile.full_name, ev.admitted_on)

    def on_MemberAdmitted(self, ev: v.MemberAdmitted, env, db) -> None:
        self._member(env, ev.member_id, ev.decided_on, status="probationary")
        self._file(db, ev.member_id, admitted_on=ev.decided_on)

    def on_MemberRecognisedAsOfficial(self, ev: v.MemberRecognisedAsOfficial, env, db) -> None:
        self._member(env, ev.member_id, ev.official_from, status="official")

    def on_MemberProfileUpdated(self, ev: v.MemberProfileUpdated, env, db) -> None:
        self._file(db, ev.member_id, ev.profile.full_name)

    def on_MemberFileCorrected(self, ev: v.MemberFileCorrected, env, db) -> None:
        if ev.field == "full_name":
            self._file(db, ev.member_id, ev.new_value)
        elif ev.field == "admitted_on":
            self._file(db, ev.member_id, corrected=(ev.old_value, ev.new_value))

    def on_MemberTransferred(self, ev: v.MemberTransferred, env, db) -> None:
        self._member(env, ev.member_id, ev.effective_on, ev.to_organisation_id)

    def on_MemberTemporarilyTransferred(self, ev: v.MemberTemporarilyTransferred, env,
                                        db) -> None:
        self._member(env, ev.member_id, ev.starts_on, temporary=ev.to_organisation_id)
        if ev.ends_on:  # a member away past the stay's end is home again
            self._member(env, ev.member_id, ev.ends_on, temporary=ENDED, part=1)

    def on_TemporaryTransferExtended(self, ev: v.TemporaryTransferExtended, env, db) -> None:
        self._member(env, ev.member_id, ev.previous_ends_on, temporary=CONTINUES)
        self._member(env, ev.member_id, ev.ends_on, temporary=ENDED, part=1)

    def on_TemporaryTransferEnded(self, ev: v.TemporaryTransferEnded, env, db) -> None:
        self._member(env, ev.member_id, ev.ended_on, temporary=ENDED)

    def on_MemberExempted(self, ev: v.MemberExempted, env, db) -> None:
        self._member(env, ev.member_id, ev.effective_on, exempt=1)

    def on_ExemptionEnded(self, ev: v.ExemptionEnded, env, db) -> None:
        self._member(env, ev.member_id, ev.effective_on, exempt=0)

    def on_TransferLetterIssued(self, ev: v.TransferLetterIssued, env, db) -> None:
        if ev.out_of_province:  # within the province the member stays until received
            self._left(env, ev.member_id, ev.issued_on)

    def on_TransferToProvinceCompleted(self, ev: v.TransferToProvinceCompleted, env,
                                       db) -> None:
        self._left(env, ev.member_id, ev.received_on)

    def on_TransferredMemberReceived(self, ev: v.TransferredMemberReceived, env, db) -> None:
        self._member(env, ev.member_id, ev.received_on, ev.to_organisation_id,
                     temporary=ENDED)

    def on_MemberRemovedFromRolls(self, ev: v.MemberRemovedFromRolls, env, db) -> None:
        self._left(env, ev.member_id, ev.decided_on)

    def on_MemberRemovedFromProbationaryList(self, ev: v.MemberRemovedFromProbationaryList, env,
                                             db) -> None:
        self._left(env, ev.member_id, ev.decided_on)

    def on_MemberDisciplined(self, ev: v.MemberDisciplined, env, db) -> None:
        self._discipline(env, db, "member", ev.member_id, ev.decided_on, ev.form, ev.misconduct)
        if ev.form == "expulsion":
            self._left(env, ev.member_id, ev.decided_on)

    def on_MemberDied(self, ev: v.MemberDied, env, db) -> None:
        self._left(env, ev.member_id, ev.died_on)

    handlers = {
        v.OrganisationCreated: on_OrganisationCreated,
        v.OrganisationRenamed: on_OrganisationRenamed,
        v.OrganisationMoved: on_OrganisationMoved,
        v.OrganisationMerged: on_OrganisationMerged,
        v.OrganisationDissolved: on_OrganisationDissolved,
        v.OrganisationDisciplined: on_OrganisationDisciplined,
        v.ApplicationSubmitted: on_ApplicationSubmitted,
        v.ExistingMemberRecorded: on_ExistingMemberRecorded,
        v.MemberReceivedFromProvince: on_MemberReceivedFromProvince,
        v.MemberAdmitted: on_MemberAdmitted,
        v.MemberRecognisedAsOfficial: on_MemberRecognisedAsOfficial,
        v.MemberProfileUpdated: on_MemberProfileUpdated,
        v.MemberFileCorrected: on_MemberFileCorrected,
        v.MemberTransferred: on_MemberTransferred,
        v.MemberTemporarilyTransferred: on_MemberTemporarilyTransferred,
        v.TemporaryTransferExtended: on_TemporaryTransferExtended,
        v.TemporaryTransferEnded: on_TemporaryTransferEnded,
        v.MemberExempted: on_MemberExempted,
        v.ExemptionEnded: on_ExemptionEnded,
        v.TransferLetterIssued: on_TransferLetterIssued,
        v.TransferToProvinceCompleted: on_TransferToProvinceCompleted,
        v.TransferredMemberReceived: on_TransferredMemberReceived,
        v.MemberRemovedFromRolls: on_MemberRemovedFromRolls,
        v.MemberRemovedFromProbationaryList: on_MemberRemovedFromProbationaryList,
        v.MemberDisciplined: on_MemberDisciplined,
        v.MemberDied: on_MemberDied,
    }
