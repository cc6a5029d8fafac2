"""Meeting commands on the in-memory store: schedule, open, attendance, resolutions, close."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput, InvalidState, NotFound, RuleViolated
from services.meetings.domain import commands as c
from services.meetings.domain import events as e
from services.meetings.domain.absences import AbsenceYear
from services.meetings.domain.removal import RemovalGround
from services.meetings.domain.resolutions import ResolutionType
from services.meetings.domain.values import AttendanceStatus, Exclusion, MeetingKind

from .conftest import RULES_NOW, at

pytestmark = pytest.mark.unit

DAY = date(2026, 12, 15)


def test_a_regular_meeting_is_scheduled_with_the_minimum_length_in_force(scenario, history):
    then = scenario.when(c.ScheduleMeeting(history.branch, "regular", at(DAY, 8), 120,
                                           ("Đánh giá kết quả tháng",)))
    assert then.events == [e.MeetingScheduled(
        then.result.ids["meeting_id"], history.branch, MeetingKind.REGULAR, None, at(DAY, 8),
        120, 90, ("Đánh giá kết quả tháng",), RULES_NOW)]


def test_a_regular_meeting_planned_shorter_than_the_minimum_is_refused(scenario, history):
    error = scenario.refused(c.ScheduleMeeting(history.branch, "regular", at(DAY, 8), 60,
                                               ("Đánh giá kết quả tháng",)), RuleViolated)
    assert (error.rule, error.rule_version) == ("duration.min_minutes.regular", RULES_NOW)


def test_only_a_branch_holds_meetings(scenario, history):
    error = scenario.refused(c.ScheduleMeeting(history.commune, "regular", at(DAY, 8), 90,
                                               ("Đánh giá kết quả tháng",)), InvalidInput)
    assert error.field == "organisation_id"


def test_a_user_cannot_schedule_a_meeting_outside_their_subtree(scenario, history):
    scenario.refused(c.ScheduleMeeting(history.branch, "regular", at(DAY, 8), 90,
                                       ("Đánh giá kết quả tháng",)), NotFound,
                     acting_for=history.other_commune)


def test_opening_a_meeting_summons_the_branch_roster_as_it_stands(scenario, history):
    meeting = history.scheduled()
    then = scenario.when(c.OpenMeeting(meeting, at(DAY, 8, 5)))
    assert then.events == [e.MeetingOpened(meeting, history.branch, at(DAY, 8, 5),
                                           tuple(history.roster))]


def test_a_meeting_of_a_branch_with_nobody_on_its_rolls_does_not_open(scenario, history,
                                                                     directory):
    meeting = history.scheduled()
    directory.rosters[history.branch] = []
    scenario.refused(c.OpenMeeting(meeting, at(DAY, 8, 5)), InvalidState)


def test_the_attendance_of_a_summoned_member_is_recorded(scenario, history):
    meeting = history.opened()
    member = history.roster[1].member_id
    then = scenario.when(c.RecordAttendance(meeting, member, "absent_excused", "Ốm"))
    assert then.events == [e.AttendanceRecorded(meeting, member,
                                                AttendanceStatus.ABSENT_EXCUSED, "Ốm")]


def test_attendance_is_refused_for_someone_not_summoned(scenario, history):
    meeting = history.opened()
    error = scenario.refused(c.RecordAttendance(meeting, history.commune, "present"),
                             InvalidInput)
    assert error.field == "member_id"


def test_a_resolution_without_a_majority_of_the_members_counted_is_recorded_rejected(
        scenario, history):
    meeting = history.opened(present=2)  # 3 official members count; 1 approval is no majority
    then = scenario.when(c.AdoptResolution(meeting, "Nghị quyết tháng 12", 1, 1, 0))
    assert then.types == [e.ResolutionRejected]
    rejected = then.one(e.ResolutionRejected)
    assert (rejected.denominator, rejected.required_votes) == (3, 2)


def test_a_resolution_approved_by_a_majority_names_its_denominator(scenario, history):
    meeting = history.opened(present=3)
    then = scenario.when(c.AdoptResolution(meeting, "Nghị quyết tháng 12", 2, 1, 0))
    probationary = history.roster[3].member_id
    assert then.events == [e.ResolutionAdopted(
        meeting, then.result.ids["resolution_id"], "Nghị quyết tháng 12", 2, 1, 0, 4,
        (e.Excluded(probationary, Exclusion.PROBATIONARY),), 3, RULES_NOW,
        ResolutionType.ORDINARY, None, 2)]


def test_closing_a_meeting_records_whether_it_lasted_the_minimum(scenario, history):
    meeting = history.opened(started_at=at(DAY, 8))
    then = scenario.when(c.CloseMeeting(meeting, at(DAY, 9)))
    assert then.events == [e.MeetingClosed(meeting, at(DAY, 9), 60, 90, False, RULES_NOW)]


def test_closing_the_minutes_counts_a_third_month_of_unexcused_absence_and_finds_the_ground(
        scenario, history):
    meeting = history.opened(present=3)
    absentee = history.roster[3].member_id
    year = AbsenceYear.stream_id_for(AbsenceYear.id_for(absentee, 2026))
    earlier = [history.scheduled(), history.scheduled()]
    scenario.given(year, *(e.UnexcusedAbsenceCounted(absentee, 2026, m, history.branch,
                                                     date(2026, n, 10), n)
                           for n, m in enumerate(earlier, start=1)))
    history.attended(meeting, absentee, AttendanceStatus.ABSENT_UNEXCUSED)
    history.ended(meeting, at(DAY, 9, 30))
    then = scenario.when(c.CloseMinutes(meeting))
    assert then.types == [e.MinutesClosed, e.UnexcusedAbsenceCounted,
                          e.RemovalFromRollsGroundsFound]
    assert then.one(e.MinutesClosed) == e.MinutesClosed(meeting, scenario.clock.now(), 3, 0, 1)
    assert then.one(e.RemovalFromRollsGroundsFound) == e.RemovalFromRollsGroundsFound(
        absentee, 2026, RemovalGround.ABSENCES, history.branch, ("2026-01", "2026-02", "2026-12"),
        3, meeting, DAY, RULES_NOW)

