"""Evaluations' handlers on the in-memory event store: one command, then what it appended or the
typed refusal. A fake view stands in for the view of membership's events (the organisation
tree, who is on the rolls on a date, the facts of a year): the platform tests use the real one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

import pytest

from kit.clock import FixedClock
from kit.envelope import SYSTEM_ACTOR, CommandContext
from kit.memory.store import InMemoryEventStore
from kit.repository import Repository
from kit.testing.scenario import Scenario
from services.evaluations.adapters.wire import CODEC
from services.evaluations.application.service import EvaluationsService
from services.evaluations.domain import commands as c
from services.evaluations.domain.disqualifiers import Discipline, SubjectFacts
from services.evaluations.domain.rules import EVALUATION_RULES

TODAY = date(2026, 1, 10)
RULES_NOW = "QĐ366-2025"


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class RollMember:
    member_id: str
    organisation_id: str
    grassroots_id: str
    exclusion: str | None = None


@dataclass(frozen=True)
class RollOrganisation:
    organisation_id: str
    grassroots_id: str
    parent_id: str | None


@dataclass(frozen=True)
class Roll:
    members: tuple[RollMember, ...]
    organisations: tuple[RollOrganisation, ...]


@dataclass
class FakeView:
    """Organisations (id -> parent, grassroots or None), members and the facts, as a test sets
    them."""

    parents: dict[str, str | None] = field(default_factory=dict)
    grassroots: dict[str, str] = field(default_factory=dict)
    members: dict[str, RollMember] = field(default_factory=dict)
    disciplines: dict[str, tuple[Discipline, ...]] = field(default_factory=dict)

    def organisation(self, parent: str | None = None, grassroots: bool = False,
                     under_grassroots: str | None = None) -> str:
        org_id = new_id()
        self.parents[org_id] = parent
        if grassroots:
            self.grassroots[org_id] = org_id
        elif under_grassroots:
            self.grassroots[org_id] = under_grassroots
        return org_id

    def member(self, branch: str, exclusion: str | None = None) -> str:
        member_id = new_id()
        self.members[member_id] = RollMember(member_id, branch, self.grassroots[branch],
                                             exclusion)
        return member_id

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool:
        current: str | None = organisation_id
        while current is not None:
            if current == scope_organisation_id:
                return True
            current = self.parents.get(current)
        return False

    def organisation_exists(self, organisation_id: str) -> bool:
        return organisation_id in self.parents

    def parent_of(self, organisation_id: str, on: date) -> str | None:
        return self.parents.get(organisation_id)

    def evaluated_in(self, root: str, on: date, rules: object) -> Roll:
        return Roll(
            tuple(m for m in self.members.values() if self.is_within(m.organisation_id, root)),
            tuple(RollOrganisation(o, g, self.parents[o]) for o, g in self.grassroots.items()
                  if self.is_within(o, root)))

    def facts_for_member(self, member_id: str, year: int) -> SubjectFacts:
        return SubjectFacts(year, False, self.disciplines.get(member_id, ()))

    def facts_for_organisation(self, organisation_id: str, year: int) -> SubjectFacts:
        return SubjectFacts(year, True, self.disciplines.get(organisation_id, ()))


@dataclass
class World:
    """A province; under it a grassroots committee (đảng bộ cơ sở) with two branches of members,
    and a second grassroots organisation elsewhere."""

    scenario: Scenario
    view: FakeView
    province: str = ""
    grassroots: str = ""
    branch: str = ""
    other_branch: str = ""
    elsewhere: str = ""

    def __post_init__(self) -> None:
        v = self.view
        self.province = v.organisation()
        self.grassroots = v.organisation(self.province, grassroots=True)
        self.branch = v.organisation(self.grassroots, under_grassroots=self.grassroots)
        self.other_branch = v.organisation(self.grassroots, under_grassroots=self.grassroots)
        self.elsewhere = v.organisation(self.province, grassroots=True)

    def members(self, n: int, branch: str | None = None) -> list[str]:
        return [self.view.member(branch or self.branch) for _ in range(n)]

    def opened(self, year: int = 2025, kind: str = "annual", root: str | None = None) -> str:
        then = self.scenario.when(c.OpenEvaluationPeriod(
            root or self.province, kind, year, date(year, 12, 1), date(year + 1, 1, 31)))
        return then.result.ids["period_id"]

    def assessed(self, period: str, subject: str, general: float = 28.0, result: float = 65.0,
                 tasks: c.TasksInput | None = None, form: str = "2B", level: str = "htt",
                 heads: str | None = None, on: date = date(2025, 12, 10)) -> None:
        self.scenario.when(c.SubmitSelfAssessment(
            period, subject, form, general, result, tasks or TASKS_GOOD, level, on,
            targets_met_percent=80.0 if form == "collective" else None,
            heads_organisation_id=heads))

    def appraised(self, period: str, subject: str, level: str = "htt",
                  on: date = date(2025, 12, 20)) -> None:
        self.scenario.when(c.AppraiseEvaluation(period, subject, level, on))

    def decided(self, period: str, subject: str, level: str = "htt", body: str | None = None,
                organ: str = "committee", on: date = date(2025, 12, 28)) -> object:
        return self.scenario.when(c.DecideClassification(
            period, subject, level, decision=decision(body or self.grassroots, organ, on)))

    def through(self, period: str, subject: str, level: str, *, general: float = 28.0,
                result: float = 65.0, tasks: c.TasksInput | None = None, form: str = "2B",
                body: str | None = None, organ: str = "committee", heads: str | None = None,
                year: int = 2025) -> object:
        """Assessed, appraised and decided at `level`."""
        self.assessed(period, subject, general, result, tasks, form, level, heads,
                      on=date(year, 12, 10))
        self.appraised(period, subject, level, on=date(year, 12, 20))
        return self.decided(period, subject, level, body, organ, on=date(year, 12, 28))


TASKS_GOOD = c.TasksInput(total=10, on_time=10, exceeded=1, late=0, not_done=0)
TASKS_EXCELLENT = c.TasksInput(total=10, on_time=10, exceeded=4, late=0, not_done=0)


def decision(body: str, organ: str = "committee", on: date = date(2025, 12, 28)
             ) -> c.DecisionInput:
    return c.DecisionInput("12-QĐ/ĐU", "Nguyễn Văn An", on, c.DecidingBodyInput(body, organ))


def acting(scenario: Scenario, command: object, organisation_id: str, organ: str = "") -> object:
    """Run a command as a user acting for an organisation, as the organ their token names."""
    context = CommandContext(new_id(), "NB", SYSTEM_ACTOR, acting_organ=organ)
    return scenario.service.execute(command, context, organisation_id)


@pytest.fixture
def clock() -> FixedClock:
    clock = FixedClock()
    clock.set_today(TODAY)
    return clock


@pytest.fixture
def view() -> FakeView:
    return FakeView()


@pytest.fixture
def scenario(clock: FixedClock, view: FakeView) -> Scenario:
    store = InMemoryEventStore(clock)
    service = EvaluationsService(Repository(store, CODEC, clock), EVALUATION_RULES, clock, view)
    return Scenario(service, store, CODEC, clock)


@pytest.fixture
def world(scenario: Scenario, view: FakeView) -> World:
    return World(scenario, view)
