"""badges_due: when each member's party age reaches each Huy hiệu Đảng year."""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection
from kit.rules import RuleBook
from kit.sql.rows import Rows

from ...domain import events as e
from ...domain.party_age import PartyAge
from . import corrected


@dataclass(frozen=True)
class BadgesSql:
    """badges_due's statements, written out per dialect (adapters/read_model_sql)."""

    ddl: str  # badge_basis, badge_milestones and its index by due date
    basis: str  # (member_id) -> first_admitted_on, gaps
    left_on: str  # (member_id) -> left_on
    insert_basis: str  # (member_id, first_admitted_on): no gaps, not left
    add_gap: str  # (gap "left/readmitted", member_id): appended to gaps, left_on cleared
    set_left_on: str  # (left_on, member_id)
    forget_milestones: str  # (member_id)
    insert_milestone: str  # (member_id, years, due_on)


class BadgesDue(DecodingProjection):
    name = "badges_due"
    rebuild_weight = 0.6  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("badge_milestones", "badge_basis")

    def __init__(self, codec: EventCodec, rules: RuleBook, sql: BadgesSql) -> None:
        super().__init__(codec)
        self.rules = rules
        self.sql = sql
        self.ddl = sql.ddl

    def handle_batch(self, envelopes: Sequence[Envelope], db: sqlite3.Connection) -> None:
        """Each member's basis folds in memory; milestones are computed once from the last."""
        self.fold(envelopes, db, _Basis(db, self.sql),
                  self._handlers.keys(),  # each: one member's rows
                  operator.attrgetter("member_id"))

    def _recompute(self, db: sqlite3.Connection | _Basis, member_id: str) -> None:
        if isinstance(db, _Basis):
            row = db.get(member_id)
            first, gaps = row["first_admitted_on"], row["gaps"]
        else:
            first, gaps = db.execute(self.sql.basis, (member_id,)).fetchone()
        pairs = tuple(
            (date.fromisoformat(a), date.fromisoformat(b))
            for a, b in (g.split("/") for g in gaps.split(",") if g)
        )
        age = PartyAge(date.fromisoformat(first), pairs)
        years = self.rules.in_force(age.first_admitted_on)["badge.years"]
        rows = [(member_id, y, d.isoformat()) for y, d in age.badges_due(years)]
        if isinstance(db, _Basis):
            db.milestones.pop(member_id, None)  # recomputed last: written last
            db.milestones[member_id] = rows
            return
        db.execute(self.sql.forget_milestones, (member_id,))
        db.executemany(self.sql.insert_milestone, rows)

    def on_ExistingMemberRecorded(self, ev: e.ExistingMemberRecorded, env, db) -> None:
        if isinstance(db, _Basis):
            db.insert(member_id=ev.member_id, first_admitted_on=ev.admitted_on.isoformat(),
                      gaps="", left_on=None)
        else:
            db.execute(self.sql.insert_basis, (ev.member_id, ev.admitted_on.isoformat()))
        self._recompute(db, ev.member_id)

    def on_MemberAdmitted(self, ev: e.MemberAdmitted, env, db) -> None:
        if isinstance(db, _Basis):
            row = db.get(ev.member_id)
            if row is None:
                db.insert(member_id=ev.member_id, first_admitted_on=ev.decided_on.isoformat(),
                          gaps="", left_on=None)
            elif row["left_on"]:
                gap = f"{row['left_on']}/{ev.decided_on.isoformat()}"
                db.update(ev.member_id, gaps=row["gaps"] + ("," if row["gaps"] else "") + gap,
                          left_on=None)
            self._recompute(db, ev.member_id)
            return
        row = db.execute(self.sql.left_on, (ev.member_id,)).fetchone()
        if row is None:
            db.execute(self.sql.insert_basis, (ev.member_id, ev.decided_on.isoformat()))
        elif row[0]:
            gap = f"{row[0]}/{ev.decided_on.isoformat()}"
            db.execute(self.sql.add_gap, (gap, ev.member_id))
        self._recompute(db, ev.member_id)

    def _left(self, member_id: str, on: date, db) -> None:
        if isinstance(db, _Basis):
            db.update(member_id, left_on=on.isoformat())
            return
        db.execute(self.sql.set_left_on, (on.isoformat(), member_id))

    def on_MemberRemovedFromRolls(self, ev, env, db) -> None:
        self._left(ev.member_id, ev.decided_on, db)

    def on_MemberRemovedFromProbationaryList(self, ev, env, db) -> None:
        self._left(ev.member_id, ev.decided_on, db)

    def on_MemberDisciplined(self, ev: e.MemberDisciplined, env, db) -> None:
        if ev.form.value == "expulsion":
            self._left(ev.member_id, ev.decided_on, db)

    def on_MemberFileCorrected(self, ev: e.MemberFileCorrected, env, db) -> None:
        basis = db if isinstance(db, _Basis) else _Basis(db, self.sql)
        changes = corrected.badge_basis(ev, basis.get(ev.member_id))
        if changes:
            basis.update(ev.member_id, **changes)
            self._recompute(basis, ev.member_id)
        if basis is not db:
            basis.flush()

    handlers = {
        e.ExistingMemberRecorded: on_ExistingMemberRecorded,
        e.MemberAdmitted: on_MemberAdmitted,
        e.MemberRemovedFromRolls: on_MemberRemovedFromRolls,
        e.MemberRemovedFromProbationaryList: on_MemberRemovedFromProbationaryList,
        e.MemberDisciplined: on_MemberDisciplined,
        e.MemberFileCorrected: on_MemberFileCorrected,
    }


class _Basis(Rows):
    """badge_basis rows for a batch, and the milestones of each member recomputed in it."""

    def __init__(self, db: sqlite3.Connection, sql: BadgesSql) -> None:
        super().__init__(db, "badge_basis", "member_id")
        self.sql = sql
        self.milestones: dict[str, list[tuple[str, int, str]]] = {}

    def flush(self) -> None:
        super().flush()
        if self.milestones:
            self.db.executemany(self.sql.forget_milestones, [(m,) for m in self.milestones])
            self.db.executemany(self.sql.insert_milestone,
                                [r for rows in self.milestones.values() for r in rows])
            self.milestones.clear()
