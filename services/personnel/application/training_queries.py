"""Personnel's training questions (QĐ 350-QĐ/TW), answered from its read models only: who may
be sent to trung cấp, and the political-theory gaps of each post's holders and planned cadres,
for one managing committee (names) or a subtree (counts only)."""

from __future__ import annotations

from datetime import date
from typing import Any

from kit.errors import NotFound

from ..domain.events import PersonalData
from ..domain.training import GoodStanding, below, intermediate_shortfalls, required_theory
from ..domain.values import Education, Gender, PoliticalTheory
from .queries import PersonnelQueries, _post
from .training_sql import TrainingSql
from .training_views import PostTheoryGaps, SubtreeTheoryGap, TheoryEligibility, TheoryGap
from .views import CadreRef, PostView


class TrainingQueries(PersonnelQueries):
    training_sql: TrainingSql

    def _theory_of(self, cadre_id: str) -> tuple[PoliticalTheory, Education]:
        r = self.db.query(self.sql.cadre, (cadre_id,))[0]
        return PoliticalTheory(r["political_theory"]), Education(r["education"])

    def _good_standing(self, member_id: str | None) -> list[GoodStanding]:
        if not member_id:
            return []
        return [GoodStanding((r["first_year"], r["last_year"]),
                             date.fromisoformat(r["decided_on"]))
                for r in self.db.query(self.training_sql.good_standing_of, (member_id,))]

    def intermediate_eligibility(self, cadre_id: str, on: date | None = None,
                                 part_time: bool = False) -> TheoryEligibility:
        """May the cadre be sent to trung cấp on the day: a college degree, 2 consecutive years
        HTT or better (evaluations' results), and for part-time study the age (QĐ 350)."""
        on = on or self.clock.today()
        rules = self.rules.in_force(on)
        cadre = self.cadre(cadre_id)
        if cadre is None:
            raise NotFound("cadre", cadre_id)
        theory, education = self._theory_of(cadre_id)
        standing = [s for s in self._good_standing(cadre.member_id) if s.decided_on <= on]
        person = None if cadre.erased else PersonalData(cadre.full_name, cadre.date_of_birth,
                                                        Gender(cadre.gender))
        short = intermediate_shortfalls(theory, education, person, standing, on, part_time,
                                        rules)
        latest = list(standing[-1].years) if standing else []
        return TheoryEligibility(cadre, theory.value, education.value, latest, part_time,
                                 not short, short, rules.version)

    def _holders_and_planned(self, post: PostView, on: date) -> tuple[list[str],
                                                                       dict[str, list[str]]]:
        holders = [r["cadre_id"] for r in self.db.query(
            self.training_sql.holders_of_post, (post.id, on.isoformat(), on.isoformat()))]
        planned: dict[str, list[str]] = {}
        for r in self.db.query(self.training_sql.planned_for_post, (post.id,)):
            planned.setdefault(r["cadre_id"], []).append(r["cycle"])
        return holders, planned

    def theory_gaps(self, managing_organisation_id: str,
                    on: date | None = None) -> list[PostTheoryGaps]:
        """Each post the committee manages: the level it requires, and its holders on the day and
        its planned cadres whose political theory is below it."""
        on = on or self.clock.today()
        rules = self.rules.in_force(on)
        refs: dict[str, CadreRef] = {}
        out = []
        for post in self.posts(managing_organisation_id):
            required = required_theory(post.level, rules)
            holders, planned = self._holders_and_planned(post, on)
            gaps = []
            for cadre_id in [*holders, *(c for c in planned if c not in holders)]:
                theory, _ = self._theory_of(cadre_id)
                if below(theory, required):
                    ref = refs.get(cadre_id) or refs.setdefault(cadre_id, self.cadre(cadre_id))
                    gaps.append(TheoryGap(ref, theory.value, cadre_id in holders,
                                          planned.get(cadre_id, [])))
            out.append(PostTheoryGaps(post, required.value, len(holders), len(planned), gaps,
                                      rules.version))
        return out

    def _below(self, cadre_ids: Any, required: PoliticalTheory) -> int:
        return sum(1 for c in cadre_ids if below(self._theory_of(c)[0], required))

    def theory_gaps_in_subtree(self, organisation_id: str,
                               on: date | None = None) -> list[SubtreeTheoryGap]:
        """Every post of an organisation in the subtree (whichever committee manages it), with
        how many hold it and are planned for it, and how many of those are below the level it
        requires: counts only, no one named (the files stay their committee's)."""
        on = on or self.clock.today()
        rules = self.rules.in_force(on)
        out = []
        for r in self.db.query(self.training_sql.posts_all, ()):
            post = _post(r)
            if not self.is_within(post.organisation_id, organisation_id):
                continue
            required = required_theory(post.level, rules)
            holders, planned = self._holders_and_planned(post, on)
            out.append(SubtreeTheoryGap(post, required.value, len(holders),
                                        self._below(holders, required), len(planned),
                                        self._below(planned, required), rules.version))
        return out
