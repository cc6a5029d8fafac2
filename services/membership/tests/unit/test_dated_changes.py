"""The 2025 membership changes as dated facts: each belongs to a dimension of the member's file
(dated.DIMENSIONS), so a backdated one that contradicts a later fact of its kind is refused, and
the file answers as of any date (suspended, away, transferred out, received)."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import ConflictsWithLaterFact
from services.membership.domain import change_commands as cc
from services.membership.domain import commands as c
from services.membership.domain import events as e
from services.membership.domain.member import Member
from services.membership.domain.values import MemberStatus

from .conftest import RULES_NOW, by, profile_input

pytestmark = pytest.mark.unit


def test_a_backdated_end_of_suspension_before_the_suspension_names_it(scenario, history):
    member = history.official(history.branch())
    scenario.when(cc.SuspendMember(member, date(2026, 6, 1), "detained", "Bị tạm giam"))

    error = scenario.refused(cc.EndSuspension(member, date(2026, 5, 1)), ConflictsWithLaterFact)
    assert (error.details["later"], error.details["later_on"]) == ("MemberSuspended",
                                                                  "2026-06-01")
    scenario.when(cc.EndSuspension(member, date(2026, 8, 1)))
    m = scenario.service.repo.load(Member, member)
    assert [m.suspended_at(d) for d in (date(2026, 5, 31), date(2026, 6, 1),
                                        date(2026, 7, 31), date(2026, 8, 1))] == [
        False, True, True, False]


def test_a_letter_out_of_the_province_ends_membership_here_on_its_date(scenario, history):
    branch = history.branch()
    member = history.official(branch)
    scenario.when(c.ExemptMember(member, date(2026, 9, 1), "weak_health",
                                 decision=by(branch, "assembly")))
    out = cc.TransferDestination("Tỉnh Thanh Hóa", "Đảng bộ xã Nga Sơn")

    # a leaving precedes nothing: not before the exemption recorded for 1/9
    error = scenario.refused(cc.IssueTransferLetter(member, date(2026, 8, 1), "41-GGT/TU",
                                                    destination=out), ConflictsWithLaterFact)
    assert error.details["later"] == "MemberExempted"
    scenario.when(cc.IssueTransferLetter(member, date(2026, 10, 1), "41-GGT/TU",
                                         destination=out))
    m = scenario.service.repo.load(Member, member)
    assert (m.status_on(date(2026, 9, 30)), m.status_on(date(2026, 10, 1))) == (
        MemberStatus.OFFICIAL, MemberStatus.TRANSFERRED_OUT)
    assert not m.exempt_on(date(2026, 10, 1))


def test_an_extension_moves_the_end_of_the_stay_in_the_file(scenario, history):
    home, other = history.branch("Chi bộ thôn Đông"), history.branch("Chi bộ thôn Tây")
    member = history.official(home)
    scenario.given(Member.stream_id_for(member), e.MemberTemporarilyTransferred(
        member, home, other, date(2026, 6, 1), date(2026, 10, 1), "work", RULES_NOW))
    scenario.when(cc.ExtendTemporaryTransfer(member, date(2027, 3, 1), date(2026, 9, 1)))

    m = scenario.service.repo.load(Member, member)
    assert [m.away_on(d) for d in (date(2026, 5, 31), date(2026, 10, 1), date(2027, 2, 28),
                                   date(2027, 3, 1))] == [False, True, True, False]
    # a backdated extension before the recorded one contradicts it
    scenario.refused(cc.ExtendTemporaryTransfer(member, date(2027, 4, 1), date(2026, 8, 1)),
                     ConflictsWithLaterFact)


def test_a_member_received_from_another_province_is_on_the_rolls_from_the_receipt(scenario,
                                                                                   history):
    branch = history.branch()
    then = scenario.when(cc.ReceiveMemberFromProvince(
        branch, profile_input("Đặng Thị Thu", date(1985, 2, 3), 71), "official",
        date(2010, 3, 1), "Tỉnh Thanh Hóa", "Chi bộ thôn Nga Điền", "7-GGT/HU",
        date(2026, 10, 20), date(2026, 11, 2), official_from=date(2011, 3, 1)))
    member = then.events[0].member_id
    m = scenario.service.repo.load(Member, member)
    assert (m.status_on(date(2026, 11, 1)), m.status_on(date(2026, 11, 2))) == (
        None, MemberStatus.OFFICIAL)
    assert m.organisation_on(date(2026, 11, 2)) == branch
    # nothing is recorded for a day before the province received the member
    scenario.refused(cc.SuspendMember(member, date(2026, 10, 30), "detained", "Bị tạm giam"),
                     ConflictsWithLaterFact)
