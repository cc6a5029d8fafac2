"""What handlers need: the evaluations service's own view of membership (built from membership's
published events: application/membership_view.py), and a CommandScope per command (service.py).

Scope: a user acts for an organisation and sees the part of a period that lies in its subtree.
A period is visible when its subtree and the caller's overlap (a province's campaign is seen by a
commune acting in it); a subject of it only when the subject's organisation lies in the caller's
subtree. Everything else is refused as not found, as an id naming nothing is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from kit.aggregate import Aggregate
from kit.errors import InvalidState, NotFound
from kit.repository import Repository
from kit.rules import RuleBook

from ..domain.evaluation import Evaluation
from ..domain.period import EvaluationPeriod
from ..domain.values import SubjectKind
from .ids import annual_evaluation_id, evaluation_id


class MembershipView(Protocol):
    """What the command side asks the view of membership (read models of membership's events,
    as of a date)."""

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool: ...

    def organisation_exists(self, organisation_id: str) -> bool: ...

    def parent_of(self, organisation_id: str, on: date) -> str | None: ...

    def evaluated_in(self, root_organisation_id: str, on: date, rules: Any) -> Any: ...

    def facts_for_member(self, member_id: str, year: int) -> Any: ...

    def facts_for_organisation(self, organisation_id: str, year: int) -> Any: ...


@dataclass(frozen=True)
class Subject:
    """A subject of a period as its roll places it."""

    id: str
    kind: SubjectKind
    organisation_id: str
    grassroots_id: str


@dataclass
class CommandScope:
    """One command's view of the world: the repository, the rules, today, and who is asking."""

    repo: Repository
    rules: RuleBook
    today: date
    view: MembershipView
    acting_for: str | None  # organisation the user acts for; None for the system itself
    acting_organ: str = ""  # the organ of `acting_for` the caller acts as (token's organ claim)
    changed: list[Aggregate] = field(default_factory=list)
    read: list[Aggregate] = field(default_factory=list)
    _periods: dict[str, EvaluationPeriod] = field(default_factory=dict, repr=False)

    # -- what a command names -----------------------------------------------------------------

    def organisation(self, organisation_id: str) -> str:
        """The organisation's id, if it exists within the caller's subtree; NotFound otherwise."""
        if not self.view.organisation_exists(organisation_id) or not self.within(organisation_id):
            raise NotFound("organisation", organisation_id)
        return organisation_id

    def period(self, period_id: str) -> EvaluationPeriod:
        """The period, if it overlaps the caller's subtree; NotFound otherwise."""
        period = self._load_period(period_id)
        if period is None:
            raise NotFound("evaluation_period", period_id)
        return period

    def subject(self, period: EvaluationPeriod, subject_id: str) -> Subject:
        """A subject on the period's roll whose organisation lies in the caller's subtree; one
        left out of it (exempt, away, newly admitted) is refused saying so."""
        placed = period.subject(subject_id)
        if placed is None or not self.within(placed[1] if isinstance(placed, tuple)
                                             else placed.organisation_id):
            raise NotFound("subject", subject_id)
        if not isinstance(placed, tuple):
            raise InvalidState(f"member {subject_id} is not evaluated in this period: left out "
                               f"of its roll as {placed.reason.value.replace('_', ' ')}")
        kind, organisation_id, grassroots_id = placed
        return Subject(subject_id, kind, organisation_id, grassroots_id)

    def evaluation_id(self, period: EvaluationPeriod, subject_id: str) -> str:
        return evaluation_id(period.id, period.annual, period.year, subject_id)

    def evaluation(self, period: EvaluationPeriod, subject_id: str) -> Evaluation:
        """The subject's evaluation in the period, to change (the subject already checked)."""
        evaluation = self.repo.load(Evaluation, self.evaluation_id(period, subject_id))
        self.changed.append(evaluation)
        return evaluation

    def peek(self, period: EvaluationPeriod, subject_id: str) -> Evaluation:
        """A subject's evaluation in the period, read for a count that guards nothing."""
        return self.repo.load(Evaluation, self.evaluation_id(period, subject_id))

    def other_evaluation(self, period: EvaluationPeriod, subject_id: str) -> Evaluation:
        """Another subject's evaluation in the period, read for a decision (the quota, the
        collective of a head): its stream must not move before this command's append."""
        evaluation = self.repo.load(Evaluation, self.evaluation_id(period, subject_id))
        self.read.append(evaluation)
        return evaluation

    def annual_evaluation(self, subject_id: str, year: int) -> Evaluation:
        """The subject's annual evaluation of a year (the history a decision reads): read
        without a scope check, the subject having been checked already."""
        return self.repo.load(Evaluation, annual_evaluation_id(subject_id, year))

    # -- kit.references -----------------------------------------------------------------------

    def can_see(self, kind: str, ident: str) -> bool:
        if self.acting_for is None:  # the system sees everything; handlers refuse what is not
            return True
        if kind == "evaluation_period":
            return self._load_period(ident) is not None
        if kind == "organisation":
            return self.view.organisation_exists(ident) and self.within(ident)
        raise ValueError(f"the evaluations service does not know {kind} ids")

    def within(self, organisation_id: str) -> bool:
        return self.acting_for is None or self.view.is_within(organisation_id, self.acting_for)

    def _load_period(self, period_id: str) -> EvaluationPeriod | None:
        period = self._periods.get(period_id)
        if period is None:
            period = self._periods[period_id] = self.repo.load(EvaluationPeriod, period_id)
        if not period.exists:
            return None
        if self.acting_for is None or self.within(period.organisation_id) or \
                self.view.is_within(self.acting_for, period.organisation_id):
            return period
        return None
