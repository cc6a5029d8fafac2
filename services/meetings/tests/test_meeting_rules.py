"""The meeting aggregate on its own (pure domain): cases membership cannot produce yet."""

from __future__ import annotations

from datetime import date, datetime

from services.meetings.domain.branch import OrganisationInfo
from services.meetings.domain.events import ResolutionRejected, SummonedMember
from services.meetings.domain.meeting import Meeting
from services.meetings.domain.resolutions import ResolutionType
from services.meetings.domain.rules import MEETINGS_RULES
from services.meetings.domain.schedule import THAI_BINH_EVEN_MONTHS
from services.meetings.domain.values import AttendanceStatus, MeetingKind, local_time

BRANCH = OrganisationInfo("b", "Chi bộ thôn Bình Hải", "grassroots_branch", "c", "active",
                          date(2010, 1, 1), None)
ORDINARY = ResolutionType.ORDINARY
START = local_time(datetime(2026, 3, 5, 19, 30), "start")


def member(i: int, **flags: bool) -> SummonedMember:
    base = {"official": True, "exempt": False, "temporarily_transferred_out": False,
            "temporary_member": False, "suspended": False}
    return SummonedMember(f"m{i}", f"Đảng viên {i}", **{**base, **flags})


def opened(summoned: list[SummonedMember]) -> Meeting:
    meeting = Meeting("x")
    meeting.schedule(BRANCH, MeetingKind.REGULAR, None, START, 90, ("Nội dung",), MEETINGS_RULES)
    meeting.open(START, summoned, START)
    for m in summoned:
        meeting.record_attendance(m.member_id, AttendanceStatus.PRESENT, "")
    return meeting


def test_suspended_members_leave_the_denominator_even_when_present():
    # 5 summoned, 1 suspended (a flag membership does not publish yet): denominator 4
    meeting = opened([member(1), member(2), member(3), member(4), member(5, suspended=True)])
    meeting.adopt_resolution("r1", "Nghị quyết", 2, 2, 0, ORDINARY, None, MEETINGS_RULES)
    assert isinstance(meeting.pending[-1], ResolutionRejected)
    meeting.adopt_resolution("r2", "Nghị quyết", 3, 1, 0, ORDINARY, None, MEETINGS_RULES)
    (event,) = [e for e in meeting.pending if type(e).__name__ == "ResolutionAdopted"]
    assert (event.denominator, [x.reason.value for x in event.excluded]) == (4, ["suspended"])


def test_temporary_members_attend_but_are_not_counted_in_the_receiving_branch():
    meeting = opened([member(1), member(2), member(3, temporary_member=True)])
    meeting.adopt_resolution("r1", "Nghị quyết", 2, 0, 0, ORDINARY, None, MEETINGS_RULES)
    assert meeting.pending[-1].denominator == 2


def test_the_assignment_days_of_the_thai_binh_schedule_are_the_3rd_of_even_months():
    days = THAI_BINH_EVEN_MONTHS.assigned_days(date(2026, 1, 1), date(2026, 12, 31))
    assert days == [date(2026, m, 3) for m in (2, 4, 6, 8, 10, 12)]
