"""tree_as_of: the tree and each member's placement as intervals of effective dates, so the tree,
a branch's members and the counts can be asked "as of" any past date (across merges too)."""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain import events as e
from .placements import Placements


@dataclass(frozen=True)
class IntervalsSql:
    """One table of intervals (org_versions by organisation_id, member_placements by
    member_id), whose open interval (valid_to NULL) is changed by key."""

    open: str  # (key) -> every column of the open interval
    close_at_start: str  # (key): the open interval ends where it starts
    amend: str  # {assignments} ("column = <placeholder>", ...): (values..., key), open interval
    close: str  # (valid_to, key): the open interval
    insert: str  # {columns}, {values} (a placeholder each): (values...)


@dataclass(frozen=True)
class TreeAsOfSql:
    """tree_as_of's statements, written out per dialect (adapters/read_model_sql)."""

    ddl: str  # org_versions, member_placements and their indexes
    placeholder: str  # one parameter, for the lists written at run time
    organisations: IntervalsSql  # org_versions
    placements: IntervalsSql  # member_placements
    open_organisation: str  # (organisation_id, global_position, valid_from, name, type,
    #                          parent_id): valid_to NULL
    open_children: str  # (parent_id) -> organisation_id of open versions
    organisation_start: str  # (organisation_id) -> its first valid_from
    open_placement: str  # (member_id, global_position, valid_from, organisation_id, status)
    placed_in: str  # (organisation_id) -> member_id of open placements
    placement_holding: str  # (member_id, day, day) -> global_position, valid_from, valid_to,
    #                          organisation_id of the placement starting before day, open past it
    end_placement: str  # (valid_to, member_id, global_position, valid_from)
    insert_official: str  # (member_id, global_position, valid_from, valid_to, organisation_id)
    official_from: str  # (member_id, day): every placement from day on
    placements_of: str  # {keys} (a placeholder per member_id) -> the columns of placements.py,
    #                      by member_id, global_position, valid_from
    insert_placement: str  # (member_id, global_position, valid_from, valid_to, organisation_id,
    #                         status)
    update_placement: str  # (valid_to, organisation_id, status, member_id, global_position,
    #                         valid_from)


class TreeAsOf(DecodingProjection):
    name = "tree_as_of"
    tables = ("org_versions", "member_placements")

    def __init__(self, codec: EventCodec, sql: TreeAsOfSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    # -- generic interval bookkeeping ----------------------------------------------------------

    def _change(self, db: sqlite3.Connection, sql: IntervalsSql, ident: str, on: date,
                env: Envelope, close_only: bool = False, **changes: Any) -> None:
        db_row = db.execute(sql.open, (ident,))
        names = [d[0] for d in db_row.description]
        row = db_row.fetchone()
        day = on.isoformat()
        if row is None:
            return
        current = dict(zip(names, row, strict=True))
        if day <= current["valid_from"]:
            # backdated (e.g. official from the end of probation): amend the open interval
            if close_only:
                db.execute(sql.close_at_start, (ident,))
            elif changes:
                sets = ", ".join(f"{k} = {self.sql.placeholder}" for k in changes)
                db.execute(sql.amend.format(assignments=sets), (*changes.values(), ident))
            return
        db.execute(sql.close, (day, ident))
        if close_only:
            return
        nxt = {**current, **changes, "global_position": env.global_position, "valid_from": day,
               "valid_to": None}
        values = ", ".join(self.sql.placeholder for _ in nxt)
        db.execute(sql.insert.format(columns=", ".join(nxt), values=values),
                   tuple(nxt.values()))

    def _org(self, db, org_id, on, env, **kw) -> None:
        self._change(db, self.sql.organisations, org_id, on, env, **kw)

    def _member(self, db, member_id, on, env, **kw) -> None:
        if isinstance(db, Placements):
            db.change(member_id, on, env.global_position, **kw)
            return
        self._change(db, self.sql.placements, member_id, on, env, **kw)

    def _open_member(self, db, member_id, on: date, env, org_id: str, status: str) -> None:
        if isinstance(db, Placements):
            db.insert(member_id=member_id, global_position=env.global_position,
                      valid_from=on.isoformat(), valid_to=None, organisation_id=org_id,
                      status=status)
            return
        db.execute(self.sql.open_placement,
                   (member_id, env.global_position, on.isoformat(), org_id, status))

    def handle_batch(self, envelopes: Sequence[Envelope], db: sqlite3.Connection) -> None:
        """Member events fold into each member's intervals in memory (placements.py);
        organisation events run their SQL after those are written."""
        self.fold(envelopes, db, Placements(db, self.sql), _FOLDS,
                  operator.attrgetter("member_id"))

    # -- organisations ---------------------------------------------------------------------------

    def on_OrganisationCreated(self, ev: e.OrganisationCreated, env, db) -> None:
        db.execute(self.sql.open_organisation,
                   (ev.organisation_id, env.global_position, ev.established_on.isoformat(),
                    ev.name, ev.type.value, ev.parent_id))

    def on_OrganisationRenamed(self, ev: e.OrganisationRenamed, env, db) -> None:
        self._org(db, ev.organisation_id, ev.effective_on, env, name=ev.name)

    def on_OrganisationMoved(self, ev: e.OrganisationMoved, env, db) -> None:
        self._org(db, ev.organisation_id, ev.effective_on, env, parent_id=ev.to_parent_id)

    def on_OrganisationMerged(self, ev: e.OrganisationMerged, env, db) -> None:
        children = db.execute(self.sql.open_children, (ev.organisation_id,)).fetchall()
        for (child,) in children:
            self._org(db, child, ev.effective_on, env, parent_id=ev.into_organisation_id)
        members = db.execute(self.sql.placed_in, (ev.organisation_id,)).fetchall()
        for (member_id,) in members:
            self._member(db, member_id, ev.effective_on, env,
                         organisation_id=ev.into_organisation_id)
        self._org(db, ev.organisation_id, ev.effective_on, env, close_only=True)

    def on_OrganisationDissolved(self, ev: e.OrganisationDissolved, env, db) -> None:
        self._org(db, ev.organisation_id, ev.effective_on, env, close_only=True)

    # -- members ---------------------------------------------------------------------------------

    def on_ApplicationSubmitted(self, ev: e.ApplicationSubmitted, env, db) -> None:
        if ev.readmission:
            self._member(db, ev.member_id, ev.submitted_on, env,
                         organisation_id=ev.organisation_id, status="applicant")
        else:
            self._open_member(db, ev.member_id, ev.submitted_on, env, ev.organisation_id,
                              "applicant")

    def on_ExistingMemberRecorded(self, ev: e.ExistingMemberRecorded, env, db) -> None:
        # a file may predate its current branch: the placement starts when the branch did
        row = (db.org_start(ev.organisation_id),) if isinstance(db, Placements) else db.execute(
            self.sql.organisation_start, (ev.organisation_id,)).fetchone()
        start = max(ev.admitted_on, date.fromisoformat(row[0])) if row and row[0] \
            else ev.admitted_on
        self._open_member(db, ev.member_id, start, env, ev.organisation_id, "probationary")
        if ev.official_from:
            self._member(db, ev.member_id, ev.official_from, env, status="official")

    def on_MemberAdmitted(self, ev: e.MemberAdmitted, env, db) -> None:
        self._member(db, ev.member_id, ev.decided_on, env, status="probationary")

    def on_MemberRecognisedAsOfficial(self, ev: e.MemberRecognisedAsOfficial, env, db) -> None:
        # official from the end of probation, which may precede placement changes (a transfer)
        # recorded before the late decision: every interval from that day on becomes official
        day = ev.official_from.isoformat()
        if isinstance(db, Placements):
            db.official(ev.member_id, day, env.global_position)
            return
        split = db.execute(self.sql.placement_holding, (ev.member_id, day, day)).fetchone()
        if split is not None:
            position, valid_from, valid_to, org_id = split
            db.execute(self.sql.end_placement, (day, ev.member_id, position, valid_from))
            db.execute(self.sql.insert_official,
                       (ev.member_id, env.global_position, day, valid_to, org_id))
        db.execute(self.sql.official_from, (ev.member_id, day))

    def on_MemberTransferred(self, ev: e.MemberTransferred, env, db) -> None:
        self._member(db, ev.member_id, ev.effective_on, env, organisation_id=ev.to_organisation_id)

    def on_MemberRemovedFromProbationaryList(self, ev, env, db) -> None:
        self._member(db, ev.member_id, ev.decided_on, env, status="removed_from_probation")

    def on_MemberRemovedFromRolls(self, ev: e.MemberRemovedFromRolls, env, db) -> None:
        self._member(db, ev.member_id, ev.decided_on, env, status="removed_from_rolls")

    def on_MemberDisciplined(self, ev: e.MemberDisciplined, env, db) -> None:
        if ev.form.value == "expulsion":
            self._member(db, ev.member_id, ev.decided_on, env, status="expelled")

    def on_MemberDied(self, ev: e.MemberDied, env, db) -> None:
        self._member(db, ev.member_id, ev.died_on, env, status="deceased")

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
    }


# the member events: each changes one member's placements (the handlers above take Placements)
_FOLDS = frozenset({
    e.ApplicationSubmitted, e.ExistingMemberRecorded, e.MemberAdmitted,
    e.MemberRecognisedAsOfficial, e.MemberTransferred, e.MemberRemovedFromProbationaryList,
    e.MemberRemovedFromRolls, e.MemberDisciplined, e.MemberDied,
})
