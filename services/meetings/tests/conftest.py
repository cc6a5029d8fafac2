"""The meetings service on the real embedded path: both services on SQLite files in tmp_path,
one fixed clock, membership driven through its own commands to set up the branches' rolls.

`world` runs commands of either service, checks that refusals append nothing, and holds whole
meetings (schedule → materials → open → roll call → close → minutes) in one call.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import date, datetime, timedelta

import pytest

from kit.clock import BUSINESS_TZ, FixedClock
from kit.envelope import Actor, CommandContext
from kit.errors import DomainError
from partyorg.embedded import EmbeddedPlatform, build_platform
from services.meetings.application.service import CommandResult
from services.meetings.domain import commands as mc
from services.membership.domain import commands as c

TODAY = date(2026, 12, 20)
SECRETARY = Actor("u-bi-thu", "branch_secretary")
_serials = itertools.count(1)


def at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    """A moment in business time (Asia/Ho_Chi_Minh)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BUSINESS_TZ)


def citizen_id_for(born_on: date, gender: str) -> str:
    century_digit = {1900: 0, 2000: 2}[born_on.year // 100 * 100] + (gender == "female")
    return f"037{century_digit}{born_on.year % 100:02d}{next(_serials):06d}"


def profile(full_name: str, born: date = date(1975, 5, 1), gender: str = "male") -> c.ProfileInput:
    return c.ProfileInput(full_name=full_name, date_of_birth=born, gender=gender,
                          ethnicity="Kinh", hometown="Yên Mô, Ninh Bình",
                          citizen_id=citizen_id_for(born, gender), education="upper_secondary",
                          political_theory="elementary", occupation="Nông dân")


class World:
    at = staticmethod(at)

    def __init__(self, platform: EmbeddedPlatform, clock: FixedClock) -> None:
        self.platform = platform
        self.membership = platform.membership
        self.meetings = platform.meetings
        self.queries = platform.meetings.queries
        self.store = platform.meetings.store
        self.clock = clock

    # -- running commands ------------------------------------------------------------------------

    def _context(self, command_id: str | None) -> CommandContext:
        return CommandContext(command_id or str(uuid.uuid4()), "NB", SECRETARY)

    def run(self, command: object, *, command_id: str | None = None,
            acting_for: str | None = None) -> CommandResult:
        return self.meetings.service.execute(command, self._context(command_id), acting_for)

    def refuse(self, command: object, error: type[DomainError] = DomainError,
               **kwargs: object) -> DomainError:
        """Run a meetings command that must be refused with `error`; no store may move."""
        heads = self.store.head_position(), self.membership.store.head_position()
        with pytest.raises(error) as caught:
            self.run(command, **kwargs)
        assert (self.store.head_position(), self.membership.store.head_position()) == heads, \
            "a refused command appended events"
        return caught.value

    def member_command(self, command: object) -> dict[str, str]:
        return self.membership.service.execute(command, self._context(None)).ids

    # -- organisations and members (through membership) ----------------------------------------

    def organisation(self, name: str, type: str, parent_id: str | None,
                     established_on: date = date(2010, 1, 1)) -> str:
        return self.member_command(c.CreateOrganisation(name, type, parent_id, established_on))[
            "organisation_id"]

    def branch(self, parent_id: str, name: str, established_on: date = date(2010, 1, 1)) -> str:
        return self.organisation(name, "grassroots_branch", parent_id, established_on)

    def official(self, branch_id: str, full_name: str, **fields: object) -> str:
        return self.member_command(c.RecordExistingMember(
            branch_id, profile(full_name, **fields), "official", date(2000, 3, 1),
            ceremony_on=date(2000, 3, 1), official_from=date(2001, 3, 1)))["member_id"]

    def probationary(self, branch_id: str, full_name: str) -> str:
        return self.member_command(c.RecordExistingMember(
            branch_id, profile(full_name, date(1999, 2, 2), "female"), "probationary",
            date(2025, 9, 2), ceremony_on=date(2025, 9, 2)))["member_id"]

    def applicant(self, branch_id: str, full_name: str, sponsors: list[str],
                  submitted_on: date) -> str:
        return self.member_command(c.SubmitApplication(
            branch_id, profile(full_name, date(2000, 1, 1), "female"),
            tuple(c.SponsorInput("member", date(2020, 1, 1), s) for s in sponsors),
            submitted_on))["member_id"]

    def officials(self, branch_id: str, *names: str) -> list[str]:
        return [self.official(branch_id, n) for n in names]

    # -- meetings ----------------------------------------------------------------------------------

    def schedule(self, branch_id: str, start: datetime, kind: str = "regular",
                 minutes: int | None = None, topic: str | None = None,
                 agenda: tuple[str, ...] = ("Đánh giá kết quả tháng", "Nhiệm vụ tháng tới"),
                 **kwargs: object) -> str:
        minutes = minutes or (120 if kind == "combined" else 90)
        if kind != "regular" and topic is None:
            topic = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
        return self.run(mc.ScheduleMeeting(branch_id, kind, start, minutes, agenda, topic),
                        **kwargs).ids["meeting_id"]

    def hold(self, branch_id: str, day: date, *, kind: str = "regular",
             excused: dict[str, str] | None = None, unexcused: tuple[str, ...] = (),
             minutes: int | None = None, lasted: int | None = None,
             cadres: tuple[tuple[str, str, str], ...] = (), close_minutes: bool = True,
             materials_days_ahead: int | None = 2) -> str:
        """A whole meeting: everyone summoned is present unless listed as absent."""
        start = at(day, 19, 30)
        meeting = self.schedule(branch_id, start, kind, minutes)
        if materials_days_ahead is not None:
            self.run(mc.PublishMaterials(meeting, "Tài liệu sinh hoạt chi bộ",
                                         start - timedelta(days=materials_days_ahead)))
        self.run(mc.OpenMeeting(meeting, start))
        excused = excused or {}
        summoned = [line.member_id for line in self.queries.meeting(meeting).attendance]
        entries = tuple(
            mc.AttendanceEntry(m, "absent_excused", excused[m]) if m in excused
            else mc.AttendanceEntry(m, "absent_unexcused") if m in unexcused
            else mc.AttendanceEntry(m, "present") for m in summoned)
        self.run(mc.RecordAttendanceSheet(meeting, entries))
        for cadre in cadres:
            self.run(mc.RecordSuperiorCadreAttendance(meeting, *cadre))
        planned = self.queries.meeting(meeting).summary.planned_minutes
        self.run(mc.CloseMeeting(meeting, start + timedelta(minutes=lasted or planned)))
        if close_minutes:
            self.run(mc.CloseMinutes(meeting))
        return meeting

    def summoned(self, meeting_id: str) -> list[str]:
        return [line.full_name for line in self.queries.meeting(meeting_id).attendance]

    def roster_names(self, branch_id: str) -> list[str]:
        return [e.full_name for e in self.queries.roster(branch_id)]

    def types_of(self, stream_id: str) -> list[str]:
        return [e.type for e in self.store.read_stream(stream_id)]


@pytest.fixture
def clock() -> FixedClock:
    fixed = FixedClock()
    fixed.set_today(TODAY)
    return fixed


@pytest.fixture
def platform(tmp_path, clock):
    built = build_platform(tmp_path, clock=clock)
    yield built
    built.close()


@pytest.fixture
def world(platform, clock) -> World:
    return World(platform, clock)


@pytest.fixture
def tree(world) -> dict[str, str]:
    """A province, a commune with two village branches, and another commune with one."""
    province = world.organisation("Đảng bộ tỉnh Ninh Bình", "provincial_committee", None)
    yen_thang = world.organisation("Đảng bộ xã Yên Thắng", "commune_committee", province)
    yen_hoa = world.organisation("Đảng bộ xã Yên Hòa", "commune_committee", province)
    return {
        "province": province,
        "commune": yen_thang,
        "other_commune": yen_hoa,
        "branch": world.branch(yen_thang, "Chi bộ thôn Bình Hải"),
        "other_branch": world.branch(yen_thang, "Chi bộ thôn Yên Thổ"),
        "far_branch": world.branch(yen_hoa, "Chi bộ thôn Đông Thôn"),
    }


@pytest.fixture
def busy_year(world, tree) -> dict[str, str]:
    """A year of a commune's meetings touching every meetings event type, with membership
    changing underneath: transfers, exemption, a merge, a rename, a death."""
    an, binh, cuong, dung = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình",
                                            "Đỗ Văn Cường", "Vũ Văn Dũng")
    em = world.official(tree["other_branch"], "Hoàng Văn Em")
    world.probationary(tree["other_branch"], "Ngô Thị Giang")
    world.official(tree["far_branch"], "Bùi Văn Hải")
    cadre = ("Nguyễn Văn Tỉnh", "Ủy viên Ban Thường vụ Tỉnh ủy", "Tỉnh ủy Ninh Bình")
    for month in (1, 2, 3):
        world.hold(tree["branch"], date(2026, month, 3 if month == 2 else 5),
                   unexcused=(dung,), cadres=(cadre,) if month == 2 else ())
    world.member_command(c.ExemptMember(cuong, date(2026, 3, 20), "weak_health"))
    world.member_command(c.TransferMemberTemporarily(binh, tree["far_branch"], date(2026, 3, 25),
                                                     date(2026, 8, 25), "work"))
    thematic = world.hold(tree["branch"], date(2026, 4, 3), kind="combined", lasted=100,
                          excused={an: "Đi viện"}, close_minutes=False)
    world.run(mc.AdoptResolution(thematic, "Nghị quyết chuyên đề học tập và làm theo Bác", 2, 0,
                                 0))
    world.run(mc.AdoptResolution(thematic, "Nghị quyết sửa nhà văn hóa thôn", 1, 1, 0))
    # the dues book starts here: Dũng has paid nothing since, a ground from his third month
    world.run(mc.RecordDuesPayments(thematic, (mc.DuesPaymentEntry(an, ("2026-04",), 30_000),)))
    world.run(mc.CloseMinutes(thematic))
    moved = world.schedule(tree["other_branch"], at(date(2026, 4, 10)))
    world.run(mc.PublishMaterials(moved, "Tài liệu", at(date(2026, 4, 9), 20)))
    world.run(mc.RescheduleMeeting(moved, at(date(2026, 4, 10), 7), "Trùng lịch họp xã"))
    world.hold(tree["other_branch"], date(2026, 5, 6), unexcused=(em,))
    cancelled = world.schedule(tree["far_branch"], at(date(2026, 5, 7)))
    world.run(mc.CancelMeeting(cancelled, "Mưa bão"))
    world.hold(tree["far_branch"], date(2026, 5, 8), materials_days_ahead=0)
    world.member_command(c.MergeOrganisation(tree["other_branch"], tree["branch"],
                                             date(2026, 6, 1)))
    world.member_command(c.RenameOrganisation(tree["branch"], "Chi bộ thôn Bình Hải – Yên Thổ",
                                              date(2026, 6, 1)))
    world.hold(tree["branch"], date(2026, 5, 5))
    world.hold(tree["branch"], date(2026, 6, 5))
    world.member_command(c.RecordMemberDeath(dung, date(2026, 6, 15)))
    world.hold(tree["branch"], date(2026, 7, 5), unexcused=(em,))
    open_one = world.schedule(tree["branch"], at(date(2026, 8, 5)))
    world.run(mc.OpenMeeting(open_one, at(date(2026, 8, 5))))
    return {"thematic": thematic, "moved": moved, "open": open_one, "an": an, "dung": dung}
