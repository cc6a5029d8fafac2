"""Personnel's questions about congresses and elections, answered from congress_records and
personnel's view of membership. Who may ask is the GraphQL part's guard (the organisation's
subtree, any reading role): congress results are not cadre files."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from kit.clock import Clock
from kit.rules import RuleBook

from ..domain.election_rules import ELECTION_RULES
from .congress_read_model import CongressSql
from .congress_views import (
    ApprovalView,
    BallotRoundView,
    CommitteeSeat,
    CongressView,
    ElectionView,
    PersonNamed,
    VoteCount,
)
from .queries import PersonnelQueries
from .read_model_sql import PersonnelSql

_BODIES = ELECTION_RULES.versions[-1]["election.bodies"]


class CongressQueries(PersonnelQueries):
    def __init__(self, db: Any, sql: PersonnelSql, congress_sql: CongressSql, rules: RuleBook,
                 clock: Clock) -> None:
        super().__init__(db, sql, rules, clock)
        self.csql = congress_sql

    def members_count(self, organisation_id: str) -> tuple[int, int]:
        """(members, official members) on the rolls of the organisation and every one below
        it: probationary and official members, not those gone from the rolls."""
        children: dict[str, list[str]] = {}
        for r in self.db.query(self.csql.organisations, ()):
            parent = r["merged_into"] or r["parent_id"]
            if parent:
                children.setdefault(parent, []).append(r["id"])
        counts = {r["organisation_id"]: (r["n"], r["official"] or 0)
                  for r in self.db.query(self.csql.members_of, ())}
        total, official, todo, seen = 0, 0, [organisation_id], set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            n, o = counts.get(current, (0, 0))
            total, official = total + n, official + o
            todo += children.get(current, [])
        return total, official

    def _name(self, member_id: str) -> str | None:
        rows = self.db.query(self.csql.member_name, (member_id,))
        return rows[0]["full_name"] if rows else None

    def _named(self, member_id: str) -> PersonNamed:
        return PersonNamed(member_id, self._name(member_id))

    def _round(self, r: Any) -> BallotRoundView:
        return BallotRoundView(
            r["round"], date.fromisoformat(r["held_on"]), r["summoned"], r["present"],
            r["issued"], r["returned"], r["valid"],
            [VoteCount(m, self._name(m), v) for m, v in json.loads(r["votes"])],
            json.loads(r["elected"]), json.loads(r["tied"]), r["seats_left"], r["rule_version"])

    def _election(self, r: Any) -> ElectionView:
        rounds = [self._round(x) for x in self.db.query(self.csql.rounds_of,
                                                         (r["election_id"],))]
        a = json.loads(r["approval"]) if r["approval"] else None
        approval = ApprovalView(a["organisation_id"], a["organ"], a["number"],
                                date.fromisoformat(a["decided_on"]), a["signer"],
                                a["rule_version"]) if a else None
        return ElectionView(
            r["election_id"], r["congress_id"], r["body"], r["held_by"], r["seats"],
            r["surplus"], r["rule_version"],
            [self._named(m) for m in json.loads(r["candidates"])], rounds,
            [self._named(m) for x in rounds for m in x.elected],
            bool(rounds and rounds[-1].tied),
            rounds[-1].seats_left if rounds else r["seats"], approval)

    def congress(self, congress_id: str) -> CongressView | None:
        rows = self.db.query(self.csql.congress, (congress_id,))
        if not rows:
            return None
        r = rows[0]
        elections = sorted((self._election(x) for x in self.db.query(self.csql.elections_of,
                                                                      (congress_id,))),
                           key=lambda e: (_BODIES.index(e.body) if e.body in _BODIES else 99,
                                          e.id))
        return CongressView(
            r["congress_id"], r["organisation_id"], r["organisation_type"], r["term"], r["kind"],
            date.fromisoformat(r["notice_on"]), date.fromisoformat(r["opens_on"]),
            r["summoned"], r["members"], bool(r["direct_secretary"]), r["rule_version"],
            elections)

    def congresses(self, organisation_id: str) -> list[CongressView]:
        ids = [r["congress_id"] for r in self.db.query(self.csql.congresses_of,
                                                       (organisation_id,))]
        return [c for c in map(self.congress, ids) if c is not None]

    def committee_members(self, organisation_id: str, term: str) -> list[CommitteeSeat]:
        return [CommitteeSeat(organisation_id, term, r["body"], r["member_id"],
                              self._name(r["member_id"]), r["how"], r["source_id"],
                              date.fromisoformat(r["since"]), bool(r["approved"]))
                for r in self.db.query(self.csql.seats_of, (organisation_id, term))]
