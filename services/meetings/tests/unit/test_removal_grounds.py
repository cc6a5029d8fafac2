"""The xóa tên ground of DOMAIN.md §3 (ground 1) as the branch's records show it: calendar
months of a year with an unexcused absence, or with dues unpaid, three of them (rule book) when
a meeting's minutes close; each ground once per member and year."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput, InvalidState
from services.meetings.domain import commands as c
from services.meetings.domain import events as e
from services.meetings.domain.absences import AbsenceYear
from services.meetings.domain.dues import DuesBook
from services.meetings.domain.meeting import Meeting
from services.meetings.domain.removal import RemovalGround
from services.meetings.domain.values import AttendanceStatus, MeetingKind

from .conftest import RULES_NOW, at

pytestmark = pytest.mark.unit

DAY = date(2026, 12, 15)


def absences_before(scenario, history, member_id: str, *days: date) -> None:
    stream = AbsenceYear.stream_id_for(AbsenceYear.id_for(member_id, 2026))
    scenario.given(stream, *(e.UnexcusedAbsenceCounted(member_id, 2026, history.scheduled(),
                                                       history.branch, d, n)
                             for n, d in enumerate(days, start=1)))


def meeting_to_close(history, absent: tuple[str, ...] = (), kind=MeetingKind.REGULAR) -> str:
    """Today's meeting, ended, every member present but those absent without reason."""
    if kind is MeetingKind.REGULAR:
        meeting = history.opened()
    else:
        meeting = history.scheduled()
        stream = Meeting.stream_id_for(meeting)
        history.scenario.given(stream, e.MeetingScheduled(
            meeting, history.branch, kind, "Chuyên đề", at(DAY, 8), 90, 90, ("Chuyên đề",),
            RULES_NOW))
        history.scenario.given(stream, e.MeetingOpened(meeting, history.branch, at(DAY, 8),
                                                       tuple(history.roster)))
    for m in history.roster:
        history.attended(meeting, m.member_id, AttendanceStatus.ABSENT_UNEXCUSED
                         if m.member_id in absent else AttendanceStatus.PRESENT)
    history.ended(meeting, at(DAY, 9, 30))
    return meeting


def grounds(then) -> list[e.RemovalFromRollsGroundsFound]:
    return [ev for ev in then.events if isinstance(ev, e.RemovalFromRollsGroundsFound)]


# -- absences: months, not meetings ------------------------------------------------------------


def test_two_unexcused_absences_in_one_month_count_as_one_month(scenario, history):
    member = history.roster[0].member_id
    absences_before(scenario, history, member, date(2026, 3, 5), date(2026, 3, 20))
    then = scenario.when(c.CloseMinutes(meeting_to_close(history, absent=(member,))))
    assert then.one(e.UnexcusedAbsenceCounted).count == 3  # three meetings missed ...
    assert grounds(then) == []  # ... in two months


def test_a_third_month_finds_the_absences_ground_with_its_months(scenario, history):
    member = history.roster[0].member_id
    absences_before(scenario, history, member, date(2026, 3, 5), date(2026, 3, 20),
                    date(2026, 7, 5))
    meeting = meeting_to_close(history, absent=(member,))
    (ground,) = grounds(scenario.when(c.CloseMinutes(meeting)))
    assert (ground.ground, ground.months, ground.threshold, ground.meeting_id, ground.year) == \
        (RemovalGround.ABSENCES, ("2026-03", "2026-07", "2026-12"), 3, meeting, 2026)


def test_the_dues_ground_is_found_once_a_year(scenario, history):
    member = history.roster[0].member_id
    book_given(scenario, history, {member: ["2026-09", "2026-10", "2026-11"]},
               {history.roster[1].member_id: ["2026-09"]})
    first = scenario.when(c.CloseMinutes(meeting_to_close(history)))
    assert [g.member_id for g in grounds(first)] == [member]
    assert grounds(scenario.when(c.CloseMinutes(meeting_to_close(history)))) == []


def test_the_absences_ground_is_found_once_a_year(scenario, history):
    member = history.roster[0].member_id
    absences_before(scenario, history, member, date(2026, 3, 5), date(2026, 4, 5))
    scenario.when(c.CloseMinutes(meeting_to_close(history, absent=(member,))))
    absences_before(scenario, history, member, date(2026, 12, 1))  # a meeting not yet counted
    later = scenario.when(c.CloseMinutes(meeting_to_close(history, absent=(member,))))
    assert later.types.count(e.UnexcusedAbsenceCounted) == 1 and grounds(later) == []


# -- dues --------------------------------------------------------------------------------------


def test_payments_go_to_the_dues_book_of_the_year_of_the_months_paid(scenario, history):
    meeting = history.opened()
    payer, ahead = history.roster[0].member_id, history.roster[1].member_id
    then = scenario.when(c.RecordDuesPayments(meeting, (
        c.DuesPaymentEntry(payer, ("2026-12", "2026-11"), 60_000),
        c.DuesPaymentEntry(ahead, ("2027-01",)))))
    assert then.events == [
        e.DuesPaymentsRecorded(history.branch, 2026, meeting,
                               (e.DuesPayment(payer, ("2026-11", "2026-12"), 60_000),)),
        e.DuesPaymentsRecorded(history.branch, 2027, meeting,
                               (e.DuesPayment(ahead, ("2027-01",), None),)),
    ]


@pytest.mark.parametrize("entry, field", [
    (lambda m: c.DuesPaymentEntry(m, ("12/2026",)), "payments[0].months"),
    (lambda m: c.DuesPaymentEntry(m, ()), "payments[0].months"),
    (lambda m: c.DuesPaymentEntry(m, ("2026-12", "2026-12")), "payments[0].months"),
    (lambda m: c.DuesPaymentEntry(m, ("2026-12", "2027-01")), "payments[0].months"),
    (lambda m: c.DuesPaymentEntry(m, ("2024-12",)), "payments[0].months"),
    (lambda m: c.DuesPaymentEntry(m, ("2026-12",), -5), "payments[0].amount"),
])
def test_a_malformed_payment_is_bad_input(scenario, history, entry, field):
    meeting = history.opened()
    error = scenario.refused(c.RecordDuesPayments(meeting, (entry(history.roster[0].member_id),)),
                             InvalidInput)
    assert error.field == field


def test_dues_are_recorded_only_for_members_summoned_and_while_the_meeting_is_open(
        scenario, history, directory):
    meeting = history.opened()
    stranger = directory.applicant(history.branch)
    error = scenario.refused(c.RecordDuesPayments(meeting, (
        c.DuesPaymentEntry(stranger, ("2026-12",)),)), InvalidInput)
    assert error.field == "payments[0].member_id"
    scenario.refused(c.RecordDuesPayments(history.scheduled(), (
        c.DuesPaymentEntry(history.roster[0].member_id, ("2026-12",)),)), InvalidState)


def test_the_monthly_meeting_makes_the_month_fall_due_for_the_members_summoned(scenario,
                                                                              history):
    meeting = meeting_to_close(history)
    scenario.when(c.RecordDuesPayments(meeting, (
        c.DuesPaymentEntry(history.roster[0].member_id, ("2026-12",)),)))
    then = scenario.when(c.CloseMinutes(meeting))
    assert then.one(e.DuesFellDue).member_ids == tuple(m.member_id for m in history.roster)
    assert then.one(e.DuesFellDue).month == "2026-12"


def test_a_thematic_meeting_judges_no_dues(scenario, history):
    book_given(scenario, history, {}, {history.roster[0].member_id: ["2026-11"]})
    then = scenario.when(c.CloseMinutes(meeting_to_close(history, kind=MeetingKind.THEMATIC)))
    assert e.DuesFellDue not in then.types


def test_a_branch_that_keeps_no_dues_book_here_owes_nothing(scenario, history):
    then = scenario.when(c.CloseMinutes(meeting_to_close(history)))
    assert e.DuesFellDue not in then.types and grounds(then) == []


def book_given(scenario, history, due: dict[str, list[str]], paid: dict[str, list[str]]) -> None:
    stream = DuesBook.stream_id_for(DuesBook.id_for(history.branch, 2026))
    for month in sorted({m for months in due.values() for m in months}):
        scenario.given(stream, e.DuesFellDue(history.branch, 2026, month, history.scheduled(),
                                             tuple(k for k, v in due.items() if month in v)))
    if paid:
        scenario.given(stream, e.DuesPaymentsRecorded(history.branch, 2026, history.scheduled(),
                                                      tuple(e.DuesPayment(k, tuple(v), None)
                                                            for k, v in paid.items())))


def test_a_third_month_unpaid_finds_the_dues_ground_with_its_months(scenario, history):
    late, paid_up = history.roster[0].member_id, history.roster[1].member_id
    book_given(scenario, history, {late: ["2026-09", "2026-10", "2026-11"],
                                   paid_up: ["2026-10", "2026-11"]},
               {late: ["2026-10"], paid_up: ["2026-10", "2026-11"]})
    meeting = meeting_to_close(history)
    (ground,) = grounds(scenario.when(c.CloseMinutes(meeting)))
    assert (ground.member_id, ground.ground, ground.months, ground.meeting_id) == \
        (late, RemovalGround.DUES, ("2026-09", "2026-11", "2026-12"), meeting)


def test_dues_paid_at_the_meeting_or_in_arrears_are_not_unpaid(scenario, history):
    member = history.roster[0].member_id
    book_given(scenario, history, {member: ["2026-09", "2026-10", "2026-11"]}, {})
    meeting = meeting_to_close(history)
    scenario.when(c.RecordDuesPayments(meeting, (
        c.DuesPaymentEntry(member, ("2026-09", "2026-10", "2026-11", "2026-12")),)))
    assert grounds(scenario.when(c.CloseMinutes(meeting))) == []


def test_members_away_on_temporary_transfer_owe_no_dues_here(scenario, history):
    away = e.SummonedMember("4b8f3f9e-5b3c-4a57-8d2e-0f6f7b1c2d3e", "Vũ Văn Khải", True, False,
                            temporarily_transferred_out=True, temporary_member=False,
                            suspended=False)
    history.roster.append(away)
    book_given(scenario, history, {}, {history.roster[0].member_id: ["2026-11"]})
    then = scenario.when(c.CloseMinutes(meeting_to_close(history)))
    assert away.member_id not in then.one(e.DuesFellDue).member_ids
