"""Membership's handlers on the in-memory event store: events given, one command, then what it
appended or the typed refusal. No read models: a fake Occupancy answers the handlers' counts.

`branch`, `official`, `applicant` and `probationary` append the events a real history would
hold (through `Scenario.given`, so no handler decides them) and return the new id.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from kit.clock import FixedClock
from kit.memory.store import InMemoryEventStore
from kit.repository import Repository
from kit.testing.scenario import Scenario
from services.membership.adapters.wire import CODEC
from services.membership.application.service import MembershipService
from services.membership.domain import events as e
from services.membership.domain.commands import (
    DecidingBodyInput,
    DecisionInput,
    ProfileInput,
    SponsorInput,
)
from services.membership.domain.decision import DecisionRecord, Organ
from services.membership.domain.member import Member
from services.membership.domain.organisation import Organisation
from services.membership.domain.profile import MemberProfile
from services.membership.domain.rules import MEMBERSHIP_RULES
from services.membership.domain.values import MemberStatus, OrganisationType, SponsorKind

TODAY = date(2026, 11, 20)
RULES_NOW = "QĐ294-2025"


def new_id() -> str:
    return str(uuid.uuid4())


class FakeOccupancy:
    """Members on the rolls and live sub-organisations, as a test sets them."""

    def __init__(self) -> None:
        self.members: dict[str, int] = {}
        self.children: dict[str, int] = {}

    def members_on_rolls(self, organisation_id: str) -> int:
        return self.members.get(organisation_id, 0)

    def active_children(self, organisation_id: str) -> int:
        return self.children.get(organisation_id, 0)

    def latest_fact_naming(self, organisation_id: str):
        return None

    def member_history(self, member_id: str) -> list:
        return []


def profile_input(full_name: str = "Nguyễn Văn An", born: date = date(1990, 4, 12),
                  serial: int = 1) -> ProfileInput:
    """A valid male profile; the citizen ID encodes the birth year (serial keeps it unique)."""
    century = 0 if born.year < 2000 else 2
    return ProfileInput(full_name, born, "male", "Kinh", "Yên Mô, Ninh Bình",
                        f"037{century}{born.year % 100:02d}{serial:06d}", "upper_secondary",
                        "elementary", "Giáo viên")


def by(organisation_id: str, organ: str = "standing_committee",
       number: str = "15-QĐ/ĐU") -> DecisionInput:
    return DecisionInput(number, "Nguyễn Văn Thành", DecidingBodyInput(organisation_id, organ))


def record(organisation_id: str, on: date, organ: Organ = Organ.STANDING_COMMITTEE,
           number: str = "15-QĐ/ĐU") -> DecisionRecord:
    """What a decision event records of `by(organisation_id, organ, number)` taken on `on`."""
    return DecisionRecord(organisation_id, organ, number, on, "Nguyễn Văn Thành", RULES_NOW)


def member_sponsor(member_id: str, known_since: date = date(2020, 1, 1)) -> SponsorInput:
    return SponsorInput("member", known_since, member_id)


class History:
    """Appends what happened before a test's command, as events."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._serials = iter(range(100, 10**6))
        self.province = self.organisation("Đảng bộ tỉnh Ninh Bình",
                                          OrganisationType.PROVINCIAL_COMMITTEE, None)
        self.commune = self.organisation("Đảng bộ xã Yên Mô", OrganisationType.COMMUNE_COMMITTEE,
                                         self.province)
        self.other_commune = self.organisation("Đảng bộ xã Yên Từ",
                                               OrganisationType.COMMUNE_COMMITTEE, self.province)

    def organisation(self, name: str, type: OrganisationType, parent_id: str | None,
                     established_on: date = date(2010, 1, 1)) -> str:
        org_id = new_id()
        self.scenario.given(Organisation.stream_id_for(org_id), e.OrganisationCreated(
            org_id, name, type, parent_id, established_on, "QĐ24-2021"))
        return org_id

    def branch(self, name: str = "Chi bộ thôn Đông", parent_id: str | None = None) -> str:
        return self.organisation(name, OrganisationType.GRASSROOTS_BRANCH,
                                 parent_id or self.commune)

    def profile(self, full_name: str, born: date = date(1980, 5, 1)) -> MemberProfile:
        fields = profile_input(full_name, born, next(self._serials)).__dict__
        return MemberProfile.create(**fields, today=TODAY)

    def official(self, branch_id: str, full_name: str = "Trần Văn Bình") -> str:
        member_id = new_id()
        self.scenario.given(Member.stream_id_for(member_id), e.ExistingMemberRecorded(
            member_id, branch_id, self.profile(full_name), MemberStatus.OFFICIAL,
            admitted_on=date(2005, 3, 1), ceremony_on=date(2005, 3, 1),
            probation_ends_on=date(2006, 3, 1), official_from=date(2006, 3, 1),
            card_number=None, recorded_on=date(2026, 1, 5)))
        return member_id

    def applicant(self, branch_id: str, full_name: str = "Phạm Thị Cúc",
                  born: date = date(2000, 6, 1), submitted_on: date = date(2025, 9, 1)) -> str:
        member_id = new_id()
        sponsors = (e.Sponsor(SponsorKind.MEMBER, self.official(branch_id), date(2020, 1, 1)),
                    e.Sponsor(SponsorKind.YOUTH_UNION, None, date(2020, 1, 1)))
        self.scenario.given(Member.stream_id_for(member_id), e.ApplicationSubmitted(
            member_id, branch_id, self.profile(full_name, born), sponsors, submitted_on,
            readmission=False, rule_version=RULES_NOW))
        return member_id

    def probationary(self, branch_id: str, ceremony_on: date,
                     probation_ends_on: date) -> str:
        member_id = self.applicant(branch_id, submitted_on=ceremony_on.replace(day=1))
        self.scenario.given(
            Member.stream_id_for(member_id),
            e.MemberAdmitted(member_id, ceremony_on, ceremony_on, "12-QĐ/ĐU", 300, False,
                             RULES_NOW, record(self.commune, ceremony_on, number="12-QĐ/ĐU")),
            e.AdmissionCeremonyHeld(member_id, ceremony_on, probation_ends_on, RULES_NOW))
        return member_id

    def proposed(self, member_id: str, event: type, on: date) -> None:
        """The branch's proposal (admission or recognition), voted 3 of 4."""
        branch = self.scenario.service.repo.load(Member, member_id).organisation_id
        self.scenario.given(Member.stream_id_for(member_id),
                            event(member_id, branch, on, 3, 4, "03-NQ/CB", RULES_NOW))


@pytest.fixture
def clock() -> FixedClock:
    clock = FixedClock()
    clock.set_today(TODAY)
    return clock


@pytest.fixture
def occupancy() -> FakeOccupancy:
    return FakeOccupancy()


@pytest.fixture
def scenario(clock: FixedClock, occupancy: FakeOccupancy) -> Scenario:
    store = InMemoryEventStore(clock)
    service = MembershipService(Repository(store, CODEC, clock), MEMBERSHIP_RULES,
                                clock, occupancy=occupancy)
    return Scenario(service, store, CODEC, clock)


@pytest.fixture
def history(scenario: Scenario) -> History:
    return History(scenario)
