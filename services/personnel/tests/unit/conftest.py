"""Personnel's handlers on the in-memory event store: events given, one command, then what it
appended or the typed refusal. A directory built in the test stands in for the view of
membership's events (members, their birth date and gender, discipline)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from kit.clock import FixedClock
from kit.memory.store import InMemoryEventStore
from kit.repository import Repository
from kit.testing.scenario import Scenario
from services.personnel import api as c
from services.personnel.adapters.wire import CODEC
from services.personnel.application.service import PersonnelService
from services.personnel.application.views import MemberView, OrganisationRef
from services.personnel.domain.cadre import Discipline
from services.personnel.domain.rules import PERSONNEL_RULES

TODAY = date(2026, 3, 2)


def new_id() -> str:
    return str(uuid.uuid4())


def decided(on: date = date(2026, 3, 1), number: str = "15-QĐ/TU") -> c.DecisionInput:
    return c.DecisionInput(number, on, "Nguyễn Văn Thành")


class Directory:
    def __init__(self) -> None:
        self.organisations: dict[str, OrganisationRef] = {}
        self.members: dict[str, MemberView] = {}
        self.discipline: dict[str, list[Discipline]] = {}

    def add(self, name: str, type: str, parent: str | None = None) -> str:
        org = new_id()
        self.organisations[org] = OrganisationRef(org, name, type, parent, None)
        return org

    def add_member(self, org: str, name: str, born: date, gender: str = "male") -> str:
        member = new_id()
        self.members[member] = MemberView(member, org, name, born, gender, None)
        return member

    def organisation(self, organisation_id: str) -> OrganisationRef | None:
        return self.organisations.get(organisation_id)

    def is_within(self, organisation_id: str, scope: str) -> bool:
        current: str | None = organisation_id
        while current is not None:
            if current == scope:
                return True
            org = self.organisations.get(current)
            current = org.parent_id if org else None
        return False

    def member(self, member_id: str) -> MemberView | None:
        return self.members.get(member_id)

    def disciplines(self, member_id: str) -> list[Discipline]:
        return self.discipline.get(member_id, [])


class Personnel:
    """A province committee with a commune committee under it, posts and cadres made through
    the service's own commands."""

    def __init__(self, scenario: Scenario, directory: Directory) -> None:
        self.scenario = scenario
        self.directory = directory
        self.province = directory.add("Đảng bộ tỉnh Ninh Bình", "provincial_committee")
        self.commune = directory.add("Đảng bộ xã Yên Mô", "commune_committee", self.province)
        self.branch = directory.add("Chi bộ thôn Kênh", "grassroots_branch", self.commune)

    def post(self, title: str, rank: int, head: bool = False, managing: str | None = None) -> str:
        managing = managing or self.province
        return self.scenario.when(c.RegisterPost(title, "standing_committee", "province",
                                                 managing, managing, rank, head)
                                  ).result.ids["post_id"]

    def cadre(self, name: str = "Trần Thị Hoa", born: date = date(1980, 4, 2),
              gender: str = "female", managing: str | None = None) -> str:
        return self.scenario.when(c.OpenCadreFile(
            managing or self.province, "advanced", "master", date(2026, 1, 5),
            person=c.PersonInput(name, born, gender))).result.ids["cadre_id"]

    def member_cadre(self, name: str, born: date, gender: str = "male") -> tuple[str, str]:
        member = self.directory.add_member(self.branch, name, born, gender)
        cadre = self.scenario.when(c.OpenCadreFile(
            self.province, "advanced", "bachelor", date(2026, 1, 5), member_id=member)
        ).result.ids["cadre_id"]
        return member, cadre

    def plan(self, post: str, cadre: str, cycle: str = "2030-2035",
             on: date = date(2026, 3, 1)) -> object:
        return self.scenario.when(c.AddCadreToPlan(post, cadre, cycle, decision=decided(on)))


@pytest.fixture
def clock() -> FixedClock:
    clock = FixedClock()
    clock.set_today(TODAY)
    return clock


@pytest.fixture
def directory() -> Directory:
    return Directory()


@pytest.fixture
def scenario(clock: FixedClock, directory: Directory) -> Scenario:
    store = InMemoryEventStore(clock)
    service = PersonnelService(Repository(store, CODEC, clock), PERSONNEL_RULES, clock,
                               directory)
    return Scenario(service, store, CODEC, clock)


@pytest.fixture
def world(scenario: Scenario, directory: Directory) -> Personnel:
    return Personnel(scenario, directory)
