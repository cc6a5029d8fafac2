"""A cadre file: who the cadre is, the plans they are in, the appointment in progress and the
terms they hold. The decisions here are pure: the handler hands in the post, the rules in force
on the decision's date, the person (from the member file for a party member), the rank of the
posts held and the discipline membership recorded."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from kit.aggregate import Aggregate
from kit.errors import Conflict, InvalidInput, InvalidState
from kit.personal import ERASED, is_erased
from kit.rules import RuleSet

from .erasure import CadrePersonalDataErased, require_erasable
from .events import (
    AppointmentProposed,
    CadreAddedToPlan,
    CadreAppointed,
    CadreFileOpened,
    CadreReappointed,
    CadreRemovedFromPlan,
    DecisionRecord,
    PersonalData,
    PlanRemovalProposed,
    TermExtendedToRetirement,
)
from .post import Post
from .rotation import CadreRotated, RotationFacts, check_rotation
from .values import Education, PlanRemovalGround, PoliticalTheory, add_months, add_years


@dataclass(frozen=True)
class Term:
    starts_on: date
    ends_on: date
    term_number: int
    head: bool
    extended: bool = False


@dataclass(frozen=True)
class Discipline:
    """A discipline membership recorded (form as membership names it: reprimand, warning,
    dismissal, expulsion)."""

    form: str
    decided_on: date


def retirement_on(person: PersonalData, rules: RuleSet) -> date:
    if is_erased(person):  # its birth date and gender are gone with the key
        raise InvalidState("this cadre's personal data was erased: no decision needing their "
                           "age can be taken")
    return add_years(person.date_of_birth, rules["retirement.age_years"][person.gender.value])


def cycle_span(cycle: str, rules: RuleSet) -> tuple[date, date]:
    cycles = rules["planning.cycles"]
    if cycle not in cycles:
        raise InvalidInput("cycle", f"{cycle!r} is not one of: {', '.join(cycles)}")
    return cycles[cycle]


def bans_in_force(disciplines: list[Discipline], on: date,
                  rules: RuleSet) -> list[tuple[Discipline, date]]:
    """The disciplines that still bar a promotion on `on`, each with the day its ban ends."""
    months = rules["appointment.promotion_ban_months"]
    out = []
    for d in disciplines:
        if d.form in months and d.decided_on <= on < add_months(d.decided_on, months[d.form]):
            out.append((d, add_months(d.decided_on, months[d.form])))
    return out


class CadreFile(Aggregate):
    stream_prefix = "cadre"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.managing_organisation_id = ""
        self.member_id: str | None = None
        self.person: PersonalData | None = None
        self.plans: dict[str, dict[str, date]] = {}  # cycle -> post id -> added on
        self.proposed: set[str] = set()  # posts with an appointment in progress
        self.removals_proposed: set[tuple[str, str]] = set()  # (cycle, post id)
        self.terms: dict[str, Term] = {}  # post id -> its current (last) term
        self.rotated_on: date | None = None  # the start of the last rotation
        self.erased = False  # its personal data erased (CadrePersonalDataErased)

    def open(self, managing_organisation_id: str, member_id: str | None,
             person: PersonalData | None, political_theory: PoliticalTheory,
             education: Education, opened_on: date) -> None:
        if self.exists:
            raise Conflict(f"cadre file {self.id} is already open")
        self.record(CadreFileOpened(self.id, managing_organisation_id, member_id, person,
                                    political_theory, education, opened_on))

    def held_on(self, day: date) -> list[str]:
        """The posts whose term covers the day."""
        return [p for p, t in self.terms.items() if t.starts_on <= day < t.ends_on]

    # -- planning ---------------------------------------------------------------------------

    def add_to_plan(self, post: Post, cycle: str, decision: DecisionRecord, rules: RuleSet,
                    person: PersonalData, current_rank: int) -> None:
        starts, _ = cycle_span(cycle, rules)
        if post.id in self.plans.get(cycle, {}):
            raise InvalidState(f"cadre {self.id} is already in the {cycle} plan of this post")
        rules.require(not self.proposed, "planning.not_during_appointment",
                      "an appointment of this cadre is in progress: planning waits until it ends")
        rules.require(post.rank > current_rank, "planning.higher_post_only",
                      f"{post.title} (rank {post.rank}) is not higher than the post the cadre "
                      f"holds (rank {current_rank})")
        years = rules["planning.full_term_years"]
        start = max(starts, decision.decided_on)
        rules.require(add_years(start, years) <= retirement_on(person, rules),
                      "planning.full_term",
                      f"the cadre retires on {retirement_on(person, rules).isoformat()}, before "
                      f"serving a full term of {years} years from {start.isoformat()}")
        planned = self.plans.get(cycle, {})
        most = rules["planning.max_posts_per_cadre"]
        rules.require(len(planned) < most, "planning.max_posts_per_cadre",
                      f"the cadre is already in the {cycle} plans of {len(planned)} posts, the "
                      f"most {rules.version} allows ({most})")
        post.take_place(self.id, cycle, rules)
        self.record(CadreAddedToPlan(self.id, post.id, cycle, decision, rules.version))

    def propose_removal(self, post: Post, cycle: str, ground: PlanRemovalGround, reason: str,
                        on: date, rules: RuleSet,
                        grounds_found: set[PlanRemovalGround]) -> None:
        if post.id not in self.plans.get(cycle, {}):
            raise InvalidState(f"cadre {self.id} is not in the {cycle} plan of this post")
        if (cycle, post.id) in self.removals_proposed:
            raise InvalidState("a removal from this plan is already proposed")
        self._require_ground(ground, grounds_found, on, rules)
        self.record(PlanRemovalProposed(self.id, post.id, cycle, ground, reason, on,
                                        rules.version))

    @staticmethod
    def _require_ground(ground: PlanRemovalGround, grounds_found: set[PlanRemovalGround],
                        on: date, rules: RuleSet) -> None:
        if ground in (PlanRemovalGround.DISCIPLINE, PlanRemovalGround.OVER_AGE):
            rules.require(ground in grounds_found, f"planning.removal.{ground.value}",
                          f"the facts on {on.isoformat()} give no {ground.value} ground for "
                          "this cadre")

    def remove_from_plan(self, post: Post, cycle: str, ground: PlanRemovalGround, reason: str,
                         decision: DecisionRecord, rules: RuleSet,
                         grounds_found: set[PlanRemovalGround]) -> None:
        if post.id not in self.plans.get(cycle, {}):
            raise InvalidState(f"cadre {self.id} is not in the {cycle} plan of this post")
        self._require_ground(ground, grounds_found, decision.decided_on, rules)
        post.release_place(self.id, cycle)
        self.record(CadreRemovedFromPlan(self.id, post.id, cycle, ground, reason, decision,
                                         rules.version))

    # -- appointments and terms -------------------------------------------------------------

    def propose_appointment(self, post: Post, on: date) -> None:
        if post.id in self.proposed:
            raise InvalidState(f"an appointment of cadre {self.id} to this post is in progress")
        self.record(AppointmentProposed(self.id, post.id, on))

    def appoint(self, post: Post, starts_on: date, external: bool, decision: DecisionRecord,
                rules: RuleSet, person: PersonalData, current_rank: int,
                disciplines: list[Discipline]) -> None:
        term = self.terms.get(post.id)
        if term is not None and term.starts_on <= starts_on < term.ends_on:
            raise InvalidState(f"cadre {self.id} already holds this post until "
                               f"{term.ends_on.isoformat()}")
        if not external:
            in_plan = any(post.id in posts and cycle_span(c, rules)[0] <= starts_on
                          <= cycle_span(c, rules)[1] for c, posts in self.plans.items())
            rules.require(in_plan, "appointment.requires_plan",
                          "an internal candidate must be in the post's plan for the cycle of "
                          "the appointment")
        if term is None:
            years = rules["appointment.first_min_years_left"]
            rules.require(add_years(starts_on, years) <= retirement_on(person, rules),
                          "appointment.first_min_years_left",
                          f"a first appointment needs {years} years before retirement "
                          f"({retirement_on(person, rules).isoformat()})")
        if post.rank > current_rank:
            bans = bans_in_force(disciplines, starts_on, rules)
            rules.require(not bans, "appointment.promotion_ban_months",
                          "no promotion while a discipline's ban runs: " + "; ".join(
                              f"{d.form} of {d.decided_on.isoformat()} until {end.isoformat()}"
                              for d, end in bans))
        ends_on = add_years(starts_on, rules["appointment.term_years"])
        self.record(CadreAppointed(self.id, post.id, starts_on, ends_on, 1, post.head, external,
                                   decision, rules.version))

    def _term(self, post: Post) -> Term:
        term = self.terms.get(post.id)
        if term is None:
            raise InvalidState(f"cadre {self.id} holds no term in this post")
        if term.extended:
            raise InvalidState("the term already runs to the cadre's retirement")
        return term

    def reappoint(self, post: Post, decision: DecisionRecord, rules: RuleSet,
                  person: PersonalData) -> None:
        term = self._term(post)
        retires = retirement_on(person, rules)
        least = rules["appointment.extend_below_years_left"]
        rules.require(add_years(term.ends_on, least) <= retires,
                      "appointment.extend_below_years_left",
                      f"fewer than {least} years from the term's end to retirement "
                      f"({retires.isoformat()}): extend to retirement instead")
        if post.head:
            most = rules["appointment.max_consecutive_terms_as_head"]
            rules.require(term.term_number < most, "appointment.max_consecutive_terms_as_head",
                          f"the head of a body serves at most {most} consecutive terms")
        starts = term.ends_on
        self.record(CadreReappointed(self.id, post.id, starts,
                                     add_years(starts, rules["appointment.term_years"]),
                                     term.term_number + 1, post.head, decision, rules.version))

    def extend_to_retirement(self, post: Post, decision: DecisionRecord, rules: RuleSet,
                             person: PersonalData) -> None:
        term = self._term(post)
        retires = retirement_on(person, rules)
        least = rules["appointment.extend_below_years_left"]
        rules.require(add_years(term.ends_on, least) > retires,
                      "appointment.extend_below_years_left",
                      f"{least} years or more from the term's end to retirement "
                      f"({retires.isoformat()}): reappoint instead")
        self.record(TermExtendedToRetirement(self.id, post.id, term.ends_on, retires, decision,
                                             rules.version))

    def erase_personal_data(self, reason: str, decision: DecisionRecord, rules: RuleSet,
                            organ: str | None) -> None:
        require_erasable(self.member_id, self.erased, rules, organ)
        self.record(CadrePersonalDataErased(self.id, self.managing_organisation_id, reason,
                                            decision, rules.version))

    def rotate(self, post: Post, starts_on: date, higher_by_exception: bool,
               decision: DecisionRecord, rules: RuleSet, facts: RotationFacts) -> None:
        check_rotation(facts, starts_on, higher_by_exception, rules)
        if post.id in self.held_on(starts_on):
            raise InvalidState(f"cadre {self.id} already holds this post")
        self.record(CadreRotated(
            self.id, post.id, tuple(sorted(self.held_on(starts_on))), starts_on,
            add_years(starts_on, rules["appointment.term_years"]),
            add_years(starts_on, rules["rotation.min_years"]), post.head,
            facts.to_rank > facts.current_rank, decision, rules.version))

    def apply(self, event: object) -> None:
        match event:
            case CadreRotated():
                for left in event.left_post_ids:
                    self.terms[left] = replace(self.terms[left], ends_on=event.starts_on)
                self.terms[event.to_post_id] = Term(event.starts_on, event.ends_on, 1,
                                                    event.head)
                self.rotated_on = event.starts_on
            case CadrePersonalDataErased():
                self.person = ERASED  # type: ignore[assignment]
                self.erased = True
            case CadreFileOpened():
                self.managing_organisation_id = event.managing_organisation_id
                self.member_id, self.person = event.member_id, event.person
            case CadreAddedToPlan():
                self.plans.setdefault(event.cycle, {})[event.post_id] = event.decision.decided_on
            case CadreRemovedFromPlan():
                self.plans.get(event.cycle, {}).pop(event.post_id, None)
                self.removals_proposed.discard((event.cycle, event.post_id))
            case PlanRemovalProposed():
                self.removals_proposed.add((event.cycle, event.post_id))
            case AppointmentProposed():
                self.proposed.add(event.post_id)
            case CadreAppointed():
                self.proposed.discard(event.post_id)
                self.terms[event.post_id] = Term(event.starts_on, event.ends_on,
                                                 event.term_number, event.head)
            case CadreReappointed():
                self.terms[event.post_id] = Term(event.starts_on, event.ends_on,
                                                 event.term_number, event.head)
            case TermExtendedToRetirement():
                self.terms[event.post_id] = replace(self.terms[event.post_id],
                                                    ends_on=event.ends_on, extended=True)
