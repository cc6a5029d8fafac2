"""membership_as_of: the branch rolls and the organisation tree as they stood on any date, from
membership's events through meetings' own classes, so a meeting summons the roll of its own date
and statistics count each meeting where its branch stood that day.

Each fact is kept with its effective date (mt_asof_org_facts, mt_asof_member_facts); the rolls of
every member a batch touches, and the tree's paths when an organisation changed, are folded again
from the facts (kit.projections.intervals), so a fact entered late answers as if on time. A merge
is followed from its date: a branch merged on m keeps its members up to m, its survivor after.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from kit.envelope import Envelope
from kit.projections.decoding import decode_batch
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
from ..membership_view import SOURCE
from .membership_view_projection import MembershipViewProjection

_CHUNK = 500
_ENDED = ""  # a temporary transfer's end, where None means "no change"
_CONTINUES = "+"  # an extension: the stay goes on past the end it had planned that day


@dataclass(frozen=True)
class MembershipAsOfSql:
    """membership_as_of's statements and the queries that read it, once per SQL dialect.
    `{keys}`: a placeholder per id, filled in at run time."""

    ddl: str  # mt_asof_org_facts, mt_asof_member_facts, mt_org_paths_then, mt_rolls_then
    placeholder: str
    insert_org_fact: str  # (organisation_id, seq, on_date, kind, parent_id, into_id)
    org_facts: str  # () -> organisation_id, seq, on_date, kind, parent_id, into_id: all
    forget_paths: str  # (): every mt_org_paths_then row
    insert_path: str  # (organisation_id, n, valid_from, valid_to, path)
    insert_member_fact: str  # (member_id, seq, part, on_date, organisation_id, status, exempt,
    #                           temporary_organisation_id, suspended)
    member_facts_of: str  # {keys} -> the columns insert_member_fact writes
    placed_in: str  # {keys} -> member_id: whose facts name an organisation among keys
    forget_rolls: str  # {keys}: every mt_rolls_then row of those members
    insert_roll: str  # (member_id, n, valid_from, valid_to, organisation_id, status, exempt,
    #                    temporary_organisation_id, suspended)
    # :org, :day -> member_id, full_name, status, exempt, suspended, name_key, out_, in_: the
    # roster query's columns, of the roll on that day, in Vietnamese name order
    roll_then: str
    # :scope ('%/<id>/%'), :a, :b -> the branch columns of ReadingSql.branches, of each branch
    # within the scope on some day of [a, b] (the tree as of each day), in Vietnamese name order
    branches_then: str
    # :scope, :a, :b -> organisation_id, valid_from, valid_to of each span of a path then
    # within the scope that overlaps [a, b]
    within_then: str


class MembershipAsOf(MembershipViewProjection):
    name = "membership_as_of"
    # named in its statements, so rebuilt with them (test_rebuild_apart)
    uses_tables_of: tuple[str, ...] = ("branch_rosters", "organisation_paths")
    # v2 (suspension, letters, receipts) with temporary stays ending on ends_on; members who
    # left for another province's deployment
    version = 4
    tables = ("mt_asof_org_facts", "mt_asof_member_facts", "mt_org_paths_then",
              "mt_rolls_then")

    def __init__(self, sql: MembershipAsOfSql, source: str = SOURCE) -> None:
        super().__init__(source)
        self.sql = sql
        self.ddl = sql.ddl

    def handle(self, envelope: Envelope, db: sqlite3.Connection) -> None:
        if self.codec.knows(envelope.type):
            self.handle_batch([envelope], db)

    def handle_batch(self, envelopes: Sequence[Envelope], db: sqlite3.Connection) -> None:
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

    def _rows(self, db, sql: str, ids: list[str]) -> Iterable[tuple]:
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            marks = ", ".join(self.sql.placeholder for _ in chunk)
            yield from db.execute(sql.format(keys=marks),
                                  chunk * sql.count("{keys}")).fetchall()

    def _paths(self, db, org_facts: list[tuple], merges: Successors) -> None:
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

    def _rolls(self, db, ids: list[str], merges: Successors) -> None:
        if not ids:
            return
        facts: dict[str, list[tuple]] = {i: [] for i in ids}
        for row in self._rows(db, self.sql.member_facts_of, ids):
            facts[row[0]].append(row[1:])
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            db.execute(self.sql.forget_rolls.format(
                keys=", ".join(self.sql.placeholder for _ in chunk)), chunk)
        rows = [(m, n, s, e, *values) for m in ids
                for n, (s, e, values) in enumerate(roll_intervals(facts[m], merges))]
        if rows:
            db.executemany(self.sql.insert_roll, rows)

    # -- facts -----------------------------------------------------------------------------------

    def _org(self, env: Envelope, org_id: str, on: date, kind: str, parent_id=None,
             into_id=None) -> None:
        self._org_facts.append((org_id, env.stream_version, on.isoformat(), kind, parent_id,
                                into_id))

    def _member(self, env: Envelope, member_id: str, on: date, org=None, status=None,
                exempt=None, temporary=None, part: int = 0, suspended=None) -> None:
        self._member_facts.append((member_id, env.stream_version, part, on.isoformat(), org,
                                   status, exempt, temporary, suspended))
        self._members.add(member_id)

    def on_OrganisationCreated(self, ev: v.OrganisationCreated, env, db) -> None:
        self._org(env, ev.organisation_id, ev.established_on, "created", ev.parent_id)

    def on_OrganisationMoved(self, ev: v.OrganisationMoved, env, db) -> None:
        self._org(env, ev.organisation_id, ev.effective_on, "moved", ev.to_parent_id)

    def on_OrganisationMerged(self, ev: v.OrganisationMerged, env, db) -> None:
        self._org(env, ev.organisation_id, ev.effective_on, "merged",
                  into_id=ev.into_organisation_id)
        self._merged.add(ev.organisation_id)

    def on_OrganisationDissolved(self, ev: v.OrganisationDissolved, env, db) -> None:
        self._org(env, ev.organisation_id, ev.effective_on, "dissolved")

    def on_ApplicationSubmitted(self, ev: v.ApplicationSubmitted, env, db) -> None:
        self._member(env, ev.member_id, ev.submitted_on, ev.organisation_id, "applicant",
                     exempt=0, temporary=_ENDED)

    def on_ExistingMemberRecorded(self, ev: v.ExistingMemberRecorded, env, db) -> None:
        self._member(env, ev.member_id, ev.admitted_on, ev.organisation_id, "probationary",
                     exempt=0, temporary=_ENDED)
        if ev.official_from:
            self._member(env, ev.member_id, max(ev.official_from, ev.admitted_on),
                         status="official", part=1)

    def on_MemberAdmitted(self, ev: v.MemberAdmitted, env, db) -> None:
        self._member(env, ev.member_id, ev.decided_on, status="probationary")

    def on_MemberRecognisedAsOfficial(self, ev: v.MemberRecognisedAsOfficial, env, db) -> None:
        self._member(env, ev.member_id, ev.official_from, status="official")

    def on_MemberTransferred(self, ev: v.MemberTransferred, env, db) -> None:
        self._member(env, ev.member_id, ev.effective_on, ev.to_organisation_id)

    def on_MemberTemporarilyTransferred(self, ev: v.MemberTemporarilyTransferred, env,
                                        db) -> None:
        self._member(env, ev.member_id, ev.starts_on, temporary=ev.to_organisation_id)
        if ev.ends_on:  # a member away past the stay's end is home again
            self._member(env, ev.member_id, ev.ends_on, temporary=_ENDED, part=1)

    def on_TemporaryTransferExtended(self, ev: v.TemporaryTransferExtended, env, db) -> None:
        self._member(env, ev.member_id, ev.previous_ends_on, temporary=_CONTINUES)
        self._member(env, ev.member_id, ev.ends_on, temporary=_ENDED, part=1)

    def on_TemporaryTransferEnded(self, ev: v.TemporaryTransferEnded, env, db) -> None:
        self._member(env, ev.member_id, ev.ended_on, temporary=_ENDED)

    def on_MemberExempted(self, ev: v.MemberExempted, env, db) -> None:
        self._member(env, ev.member_id, ev.effective_on, exempt=1)

    def on_ExemptionEnded(self, ev: v.ExemptionEnded, env, db) -> None:
        self._member(env, ev.member_id, ev.effective_on, exempt=0)

    def _left(self, env, member_id: str, on: date) -> None:
        self._member(env, member_id, on, status="left", exempt=0, temporary=_ENDED, suspended=0)

    # -- suspension and transfers across the province's border (the 2025 changes) -------------

    def on_MemberSuspended(self, ev: v.MemberSuspended, env, db) -> None:
        self._member(env, ev.member_id, ev.effective_on, suspended=1)

    def on_SuspensionEnded(self, ev: v.SuspensionEnded, env, db) -> None:
        self._member(env, ev.member_id, ev.effective_on, suspended=0)

    def on_TransferLetterIssued(self, ev: v.TransferLetterIssued, env, db) -> None:
        if ev.out_of_province:  # within the province the member stays until received
            self._left(env, ev.member_id, ev.issued_on)

    def on_TransferToProvinceCompleted(self, ev: v.TransferToProvinceCompleted, env,
                                       db) -> None:
        self._left(env, ev.member_id, ev.received_on)

    def on_TransferredMemberReceived(self, ev: v.TransferredMemberReceived, env, db) -> None:
        self._member(env, ev.member_id, ev.received_on, ev.to_organisation_id,
                     temporary=_ENDED)

    def on_MemberReceivedFromProvince(self, ev: v.MemberReceivedFromProvince, env, db) -> None:
        self._member(env, ev.member_id, ev.received_on, ev.organisation_id, ev.status,
                     exempt=0, temporary=_ENDED, suspended=0)

    def on_MemberRemovedFromRolls(self, ev: v.MemberRemovedFromRolls, env, db) -> None:
        self._left(env, ev.member_id, ev.decided_on)

    def on_MemberRemovedFromProbationaryList(self, ev: v.MemberRemovedFromProbationaryList, env,
                                             db) -> None:
        self._left(env, ev.member_id, ev.decided_on)

    def on_MemberDisciplined(self, ev: v.MemberDisciplined, env, db) -> None:
        if ev.form == "expulsion":
            self._left(env, ev.member_id, ev.decided_on)

    def on_MemberDied(self, ev: v.MemberDied, env, db) -> None:
        self._left(env, ev.member_id, ev.died_on)

    handlers = {
        v.OrganisationCreated: on_OrganisationCreated,
        v.OrganisationMoved: on_OrganisationMoved,
        v.OrganisationMerged: on_OrganisationMerged,
        v.OrganisationDissolved: on_OrganisationDissolved,
        v.ApplicationSubmitted: on_ApplicationSubmitted,
        v.ExistingMemberRecorded: on_ExistingMemberRecorded,
        v.MemberAdmitted: on_MemberAdmitted,
        v.MemberRecognisedAsOfficial: on_MemberRecognisedAsOfficial,
        v.MemberTransferred: on_MemberTransferred,
        v.MemberTemporarilyTransferred: on_MemberTemporarilyTransferred,
        v.TemporaryTransferEnded: on_TemporaryTransferEnded,
        v.TemporaryTransferExtended: on_TemporaryTransferExtended,
        v.MemberExempted: on_MemberExempted,
        v.ExemptionEnded: on_ExemptionEnded,
        v.MemberRemovedFromRolls: on_MemberRemovedFromRolls,
        v.MemberRemovedFromProbationaryList: on_MemberRemovedFromProbationaryList,
        v.MemberDisciplined: on_MemberDisciplined,
        v.MemberDied: on_MemberDied,
        v.MemberSuspended: on_MemberSuspended,
        v.SuspensionEnded: on_SuspensionEnded,
        v.TransferLetterIssued: on_TransferLetterIssued,
        v.TransferToProvinceCompleted: on_TransferToProvinceCompleted,
        v.TransferredMemberReceived: on_TransferredMemberReceived,
        v.MemberReceivedFromProvince: on_MemberReceivedFromProvince,
    }


def roll_intervals(facts: Iterable[tuple], merges: Successors) -> list[Interval]:
    """(valid_from, valid_to, (branch, status, exempt, temporarily_in, suspended)) of one
    member, from facts (seq, part, on_date, organisation_id, status, exempt, temporary,
    suspended), each branch followed to its survivor from the day of its merge."""
    steps: list[tuple[str, tuple]] = []
    org = status = temporary = stay = None
    exempt = suspended = 0
    for _, _, on, f_org, f_status, f_exempt, f_temp, f_susp in sorted(
            facts, key=lambda f: (f[2], f[0], f[1])):
        org, status = f_org or org, f_status or status
        exempt = exempt if f_exempt is None else f_exempt
        suspended = suspended if f_susp is None else f_susp
        if f_temp == _CONTINUES:  # the planned end of that day (an earlier fact) is undone
            temporary = temporary or stay
        elif f_temp is not None:
            temporary = f_temp or None
            stay = temporary or stay
        if org is not None and status is not None:
            set_step(steps, on, (org, status, exempt, temporary, suspended))
    out: list[Interval] = []
    for start, end, (raw, st, ex, temp, su) in coalesce(steps_to_intervals(steps)):
        for s, e, branch in follow(raw, start, end, merges):
            if temp is None:
                out.append((s, e, (branch, st, ex, None, su)))
            else:
                out += [(s2, e2, (branch, st, ex, t, su))
                        for s2, e2, t in follow(temp, s, e, merges)]
    return coalesce(out)
