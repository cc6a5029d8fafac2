"""Meetings' handlers on the in-memory event store: events given, one command, then what it
appended or the typed refusal. A fake Directory stands in for the organisation and roster read
models that membership's events build.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest

from kit.clock import BUSINESS_TZ, FixedClock
from kit.memory.store import InMemoryEventStore
from kit.repository import Repository
from kit.testing.scenario import Scenario
from services.meetings.adapters.wire import CODEC
from services.meetings.application.deps import MemberPlacement
from services.meetings.application.service import MeetingsService
from services.meetings.domain import events as e
from services.meetings.domain.branch import OrganisationInfo
from services.meetings.domain.meeting import Meeting
from services.meetings.domain.rules import MEETINGS_RULES
from services.meetings.domain.values import AttendanceStatus, MeetingKind

TODAY = date(2026, 12, 20)
RULES_NOW = "HD42-2025"


def new_id() -> str:
    return str(uuid.uuid4())


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in business time (Asia/Ho_Chi_Minh)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BUSINESS_TZ)


def summoned(full_name: str, *, official: bool = True, exempt: bool = False) -> e.SummonedMember:
    return e.SummonedMember(new_id(), full_name, official, exempt,
                            temporarily_transferred_out=False, temporary_member=False,
                            suspended=False)


class FakeDirectory:
    """Organisations and branch rosters, as a test sets them."""

    def __init__(self) -> None:
        self.organisations: dict[str, OrganisationInfo] = {}
        self.rosters: dict[str, list[e.SummonedMember]] = {}
        self.applicants: dict[str, MemberPlacement] = {}

    def add(self, name: str, type: str, parent_id: str | None = None,
            roster: list[e.SummonedMember] | None = None) -> str:
        org_id = new_id()
        self.organisations[org_id] = OrganisationInfo(org_id, name, type, parent_id, "active",
                                                      date(2010, 1, 1), None)
        self.rosters[org_id] = list(roster or [])
        return org_id

    def organisation_info(self, organisation_id: str) -> OrganisationInfo | None:
        return self.organisations.get(organisation_id)

    def summons_for(self, organisation_id: str) -> list[e.SummonedMember]:
        return list(self.rosters.get(organisation_id, []))

    def member_placement(self, member_id: str) -> MemberPlacement | None:
        for org_id, roster in self.rosters.items():
            for m in roster:
                if m.member_id == member_id:
                    return MemberPlacement(member_id, org_id,
                                           "official" if m.official else "probationary")
        return self.applicants.get(member_id)

    def applicant(self, organisation_id: str) -> str:
        """Someone who applied to the organisation (on no roll yet)."""
        member_id = new_id()
        self.applicants[member_id] = MemberPlacement(member_id, organisation_id, "applicant")
        return member_id

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool:
        current: str | None = organisation_id
        while current is not None:
            if current == scope_organisation_id:
                return True
            info = self.organisations.get(current)
            current = info.parent_id if info else None
        return False


class History:
    """A commune with one branch (three official members, one probationary) in the directory,
    and meetings given as events."""

    def __init__(self, scenario: Scenario, directory: FakeDirectory) -> None:
        self.scenario = scenario
        self.directory = directory
        self.roster = [summoned("Trần Văn Bình"), summoned("Lê Thị Hoa"),
                       summoned("Phạm Văn Cường"), summoned("Đỗ Thị Mai", official=False)]
        self.commune = directory.add("Đảng bộ xã Yên Mô", "commune_committee")
        self.other_commune = directory.add("Đảng bộ xã Yên Từ", "commune_committee")
        self.branch = directory.add("Chi bộ thôn Đông", "grassroots_branch", self.commune,
                                    self.roster)

    def scheduled(self, start: datetime = at(date(2026, 12, 15), 8)) -> str:
        meeting_id = new_id()
        self.scenario.given(Meeting.stream_id_for(meeting_id), e.MeetingScheduled(
            meeting_id, self.branch, MeetingKind.REGULAR, None, start, 90, 90,
            ("Đánh giá kết quả tháng",), RULES_NOW))
        return meeting_id

    def opened(self, started_at: datetime = at(date(2026, 12, 15), 8),
               present: int = 0) -> str:
        """Opened with the branch's roster; the first `present` members recorded present."""
        meeting_id = self.scheduled(started_at)
        stream = Meeting.stream_id_for(meeting_id)
        self.scenario.given(stream, e.MeetingOpened(meeting_id, self.branch, started_at,
                                                    tuple(self.roster)))
        for m in self.roster[:present]:
            self.attended(meeting_id, m.member_id, AttendanceStatus.PRESENT)
        return meeting_id

    def attended(self, meeting_id: str, member_id: str, status: AttendanceStatus) -> None:
        self.scenario.given(Meeting.stream_id_for(meeting_id),
                            e.AttendanceRecorded(meeting_id, member_id, status, ""))

    def ended(self, meeting_id: str, ended_at: datetime) -> None:
        self.scenario.given(Meeting.stream_id_for(meeting_id),
                            e.MeetingClosed(meeting_id, ended_at, 90, 90, True, RULES_NOW))


@pytest.fixture
def clock() -> FixedClock:
    clock = FixedClock()
    clock.set_today(TODAY)
    return clock


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory()


@pytest.fixture
def scenario(clock: FixedClock, directory: FakeDirectory) -> Scenario:
    store = InMemoryEventStore(clock)
    service = MeetingsService(Repository(store, CODEC, clock), MEETINGS_RULES, clock,
                              directory=directory)
    return Scenario(service, store, CODEC, clock)


@pytest.fixture
def history(scenario: Scenario, directory: FakeDirectory) -> History:
    return History(scenario, directory)
