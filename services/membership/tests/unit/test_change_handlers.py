"""The 2025 membership changes on the in-memory store: suspension, temporary transfers that end
on their end date, transfer letters with their working-day limits, transfers across the
province's border, grounds checked against the member's facts, youth-union sponsors, the 2025
organisation types."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput, InvalidState, NotFound, RuleViolated
from services.membership.domain import change_commands as cc
from services.membership.domain import change_events as ce
from services.membership.domain import commands as c
from services.membership.domain import events as e
from services.membership.domain.member import Member
from services.membership.domain.profile import MemberProfile
from services.membership.domain.rules import MEMBERSHIP_RULES
from services.membership.domain.transit import calendar
from services.membership.domain.values import (
    MemberStatus,
    OrganisationType,
    RemovalGround,
    SuspensionGround,
)

from .conftest import RULES_NOW, by, member_sponsor, new_id, profile_input

pytestmark = pytest.mark.unit


def member_born(history, branch: str, born: date, gender: str = "male",
                admitted_on: date = date(2005, 3, 1), official: bool = True) -> str:
    """An official (or probationary) member of the given birth date, gender and admission."""
    member_id = new_id()
    serial = next(history._serials)
    century = (0 if born.year < 2000 else 2) + (gender == "female")
    fields = {**profile_input("Đinh Thị Hằng" if gender == "female" else "Đinh Văn Hưng", born,
                              serial).__dict__, "gender": gender,
              "citizen_id": f"037{century}{born.year % 100:02d}{serial:06d}"}
    profile = MemberProfile.create(**fields, today=date(2026, 11, 20))
    history.scenario.given(Member.stream_id_for(member_id), e.ExistingMemberRecorded(
        member_id, branch, profile,
        MemberStatus.OFFICIAL if official else MemberStatus.PROBATIONARY,
        admitted_on=admitted_on, ceremony_on=admitted_on, probation_ends_on=None,
        official_from=admitted_on if official else None, card_number=None,
        recorded_on=date(2026, 1, 5)))
    return member_id


# -- suspension -------------------------------------------------------------------------------


def test_a_suspension_records_its_date_ground_reason_and_rule_then_ends(scenario, history):
    member = history.official(history.branch())
    then = scenario.when(cc.SuspendMember(member, date(2026, 10, 1), "detained", "Bị tạm giam"))
    assert then.events == [ce.MemberSuspended(member, scenario.service.repo.load(
        Member, member).organisation_id, date(2026, 10, 1), SuspensionGround.DETAINED,
        "Bị tạm giam", RULES_NOW)]
    scenario.refused(cc.SuspendMember(member, date(2026, 10, 2), "detained", "Lần nữa"),
                     InvalidState)
    ended = scenario.when(cc.EndSuspension(member, date(2026, 11, 1), "Được tại ngoại"))
    assert ended.events == [ce.SuspensionEnded(member, date(2026, 11, 1), "Được tại ngoại")]
    scenario.refused(cc.EndSuspension(member, date(2026, 11, 2)), InvalidState)


def test_a_suspension_on_an_unknown_ground_is_refused_naming_the_field(scenario, history):
    member = history.official(history.branch())
    error = scenario.refused(cc.SuspendMember(member, date(2026, 10, 1), "ốm", "?"), InvalidInput)
    assert error.field == "ground"


# -- temporary transfers end on their end date --------------------------------------------------


def _away(scenario, member: str, home: str, to: str, starts: date, ends: date) -> None:
    scenario.given(Member.stream_id_for(member), e.MemberTemporarilyTransferred(
        member, home, to, starts, ends, "work", RULES_NOW))


def test_a_member_17_months_past_the_end_of_a_stay_is_no_longer_away(scenario, history):
    home, other = history.branch("Chi bộ thôn Đông"), history.branch("Chi bộ thôn Tây")
    member = history.official(home)
    _away(scenario, member, home, other, date(2025, 1, 2), date(2025, 6, 2))
    assert not scenario.service.repo.load(Member, member).away_on(date(2026, 11, 2))

    then = scenario.when(c.TransferMember(member, other, date(2026, 11, 2),
                                          decision=by(history.commune, "committee")))
    assert then.types == [e.MemberTransferred]


def test_within_its_dates_a_stay_still_blocks_a_permanent_transfer(scenario, history):
    home, other = history.branch("Chi bộ thôn Đông"), history.branch("Chi bộ thôn Tây")
    member = history.official(home)
    _away(scenario, member, home, other, date(2026, 9, 1), date(2027, 2, 1))
    scenario.refused(c.TransferMember(member, other, date(2026, 11, 2),
                                          decision=by(history.commune, "committee")), InvalidState)


@pytest.mark.parametrize(("ends_on", "accepted"), [
    (date(2027, 8, 31), True), (date(2027, 9, 1), False)])  # work: under 12 months in all
def test_a_stay_is_extended_only_within_the_rule_books_limit(scenario, history, ends_on,
                                                             accepted):
    home, other = history.branch("Chi bộ thôn Đông"), history.branch("Chi bộ thôn Tây")
    member = history.official(home)
    _away(scenario, member, home, other, date(2026, 9, 1), date(2027, 2, 1))
    command = cc.ExtendTemporaryTransfer(member, ends_on, date(2026, 11, 2))
    if accepted:
        assert scenario.when(command).events == [ce.TemporaryTransferExtended(
            member, date(2027, 2, 1), ends_on, date(2026, 11, 2), 11, RULES_NOW)]
    else:
        error = scenario.refused(command, RuleViolated)
        assert (error.rule, error.rule_version) == ("transfer.temporary_max_months_work",
                                                    RULES_NOW)


# -- transfer letters --------------------------------------------------------------------------


def test_a_letter_puts_the_member_in_transit_with_its_deadline_in_working_days(scenario,
                                                                              history):
    home, other = history.branch(), history.branch("Chi bộ Tây", history.other_commune)
    member = history.official(home)
    then = scenario.when(cc.IssueTransferLetter(member, date(2026, 11, 2), "7-GGT/BTCTU",
                                                other, moved_on=date(2026, 10, 1)))
    letter = then.one(ce.TransferLetterIssued)
    cal = calendar(MEMBERSHIP_RULES.in_force(date(2026, 11, 2)))
    assert (letter.present_by, letter.start_due_on) == (cal.add(date(2026, 11, 2), 30),
                                                        cal.add(date(2026, 10, 1), 60))
    # 30 working days: six weeks of weekdays, and 24/11 is a day off (Ngày Văn hóa Việt Nam)
    assert letter.present_by == date(2026, 12, 15)
    assert (letter.calendar_version, letter.out_of_province) == (cal.version, False)
    assert "membership-QĐ294-2025" in letter.calendar_version
    # in transit: no other transfer until it is received
    scenario.refused(c.TransferMember(member, other, date(2026, 11, 3),
                                          decision=by(history.commune, "committee")), InvalidState)


def test_the_receiving_commune_takes_the_member_the_sending_one_cannot(scenario, history):
    home, other = history.branch(), history.branch("Chi bộ Tây", history.other_commune)
    member = history.official(home)
    scenario.when(cc.IssueTransferLetter(member, date(2026, 11, 2), "7-GGT/BTCTU", other))
    scenario.refused(cc.ReceiveTransferredMember(member, date(2026, 11, 10)), NotFound,
                     acting_for=history.commune)
    then = scenario.when(cc.ReceiveTransferredMember(member, date(2026, 11, 10)),
                         acting_for=history.other_commune)
    received = then.one(ce.TransferredMemberReceived)
    assert (received.from_organisation_id, received.to_organisation_id,
            received.working_days) == (home, other, 6)
    assert scenario.service.repo.load(Member, member).organisation_id == other


def test_a_letter_presented_late_needs_the_reason_for_the_delay(scenario, history):
    home, other = history.branch(), history.branch("Chi bộ Tây")
    member = history.official(home)
    scenario.when(cc.IssueTransferLetter(member, date(2026, 8, 3), "7-GGT/ĐU", other))
    error = scenario.refused(cc.ReceiveTransferredMember(member, date(2026, 11, 10)),
                             RuleViolated)
    assert (error.rule, error.rule_version) == ("transfer.present_letter_working_days",
                                                RULES_NOW)
    then = scenario.when(cc.ReceiveTransferredMember(member, date(2026, 11, 10),
                                                     "Ốm nằm viện"))
    assert then.one(ce.TransferredMemberReceived).late_reason == "Ốm nằm viện"


def test_a_transfer_started_past_60_working_days_needs_its_reason(scenario, history):
    home, other = history.branch(), history.branch("Chi bộ Tây")
    member = history.official(home)
    late = cc.IssueTransferLetter(member, date(2026, 11, 2), "7-GGT/ĐU", other,
                                  moved_on=date(2026, 6, 1))
    assert scenario.refused(late, RuleViolated).rule == "transfer.start_working_days"


def test_a_letter_names_a_branch_here_or_a_destination_outside_not_both(scenario, history):
    home, other = history.branch(), history.branch("Chi bộ Tây")
    member = history.official(home)
    outside = cc.TransferDestination("Thành phố Hà Nội", "Chi bộ phường 3")
    for command in (cc.IssueTransferLetter(member, date(2026, 11, 2), "1", other, outside),
                    cc.IssueTransferLetter(member, date(2026, 11, 2), "1")):
        assert scenario.refused(command, InvalidInput).field == "to_organisation_id"


def test_a_letter_out_of_the_province_takes_the_member_off_the_rolls(scenario, history):
    member = history.official(history.branch())
    then = scenario.when(cc.IssueTransferLetter(
        member, date(2026, 11, 2), "9-GGT/BTCTU",
        destination=cc.TransferDestination("Thành phố Hà Nội", "Chi bộ phường 3")))
    letter = then.one(ce.TransferLetterIssued)
    assert (letter.out_of_province, letter.to_organisation_id, letter.destination_province) \
        == (True, None, "Thành phố Hà Nội")
    gone = scenario.service.repo.load(Member, member)
    assert (gone.status, gone.left_on) == (MemberStatus.TRANSFERRED_OUT, date(2026, 11, 2))
    scenario.refused(cc.SuspendMember(member, date(2026, 11, 3), "detained", "x"), InvalidState)


def test_a_member_from_another_province_joins_the_rolls_with_their_file(scenario, history):
    branch = history.branch()
    then = scenario.when(cc.ReceiveMemberFromProvince(
        branch, profile_input("Lê Văn Thành", date(1975, 8, 9), 77), "official",
        date(2001, 4, 2), "Tỉnh Thanh Hóa", "Chi bộ thôn Nga Sơn", "9-GGT/HU",
        date(2026, 11, 2), date(2026, 11, 9), ceremony_on=date(2001, 4, 2),
        official_from=date(2002, 4, 2)))
    came = then.one(ce.MemberReceivedFromProvince)
    assert (came.organisation_id, came.status, came.from_province) == (
        branch, MemberStatus.OFFICIAL, "Tỉnh Thanh Hóa")
    member = scenario.service.repo.load(Member, came.member_id)
    assert (member.organisation_id, member.party_age.first_admitted_on) == (branch,
                                                                          date(2001, 4, 2))


# -- grounds against the member's facts ---------------------------------------------------------


@pytest.mark.parametrize(("born", "gender", "accepted"), [
    (date(1965, 6, 1), "male", False),  # 61y5m < 61y6m (Labour Code 2019, 2026)
    (date(1964, 1, 1), "male", True),
    (date(1969, 1, 1), "female", True),  # 57y10m >= 57y (2026)
    (date(1970, 1, 1), "female", False),  # 56y10m
])
def test_old_age_exemption_needs_past_working_age_on_the_effective_date(scenario, history,
                                                                        born, gender, accepted):
    branch = history.branch()
    member = member_born(history, branch, born, gender)
    command = c.ExemptMember(member, date(2026, 11, 1), "old_age",
                             decision=by(branch, "assembly"))
    age_months = (2026 - born.year) * 12 + (11 - born.month)
    limit = 738 if gender == "male" else 684
    assert accepted == (age_months >= limit)
    if accepted:
        assert scenario.when(command).types == [e.MemberExempted]
    else:
        error = scenario.refused(command, RuleViolated)
        assert (error.rule, error.rule_version) == ("exemption.old_age_months", RULES_NOW)
        # weak health stays declarative
        assert scenario.when(c.ExemptMember(
            member, date(2026, 11, 1), "weak_health",
            decision=by(branch, "assembly"))).types == [e.MemberExempted]


def _proposed_removal(scenario, member: str, branch: str) -> None:
    """The branch's proposal of xóa tên the 2025 table requires before the decision."""
    scenario.given(Member.stream_id_for(member), e.RemovalFromRollsProposed(
        member, branch, RemovalGround.STANDARDS_BREACHED_TWO_YEARS, date(2026, 10, 20), "",
        "05-NQ/CB"))


def test_breaching_standards_two_years_in_a_row_needs_two_years_of_membership(scenario,
                                                                             history):
    branch = history.branch()
    member = member_born(history, branch, date(1995, 1, 1), admitted_on=date(2025, 6, 1))
    _proposed_removal(scenario, member, branch)
    command = c.RemoveMemberFromRolls(member, "standards_breached_two_years", date(2026, 11, 1),
                                      decision=by(history.commune))
    error = scenario.refused(command, RuleViolated)
    assert (error.rule, error.rule_version) == ("removal.standards_breached_min_months",
                                                RULES_NOW)
    south = history.branch("Chi bộ thôn Nam")
    older = member_born(history, south, date(1990, 1, 1), admitted_on=date(2024, 10, 1))
    _proposed_removal(scenario, older, south)
    assert scenario.when(c.RemoveMemberFromRolls(
        older, "standards_breached_two_years", date(2026, 11, 1),
        decision=by(history.commune))).types == [
        e.MemberRemovedFromRolls]


def test_a_probationary_member_cannot_be_struck_off_for_a_card_they_never_held(scenario,
                                                                              history):
    member = member_born(history, history.branch(), date(2000, 1, 1),
                         admitted_on=date(2026, 3, 1), official=False)
    error = scenario.refused(c.RemoveMemberFromRolls(member, "card_surrendered",
                                                     date(2026, 11, 1),
                                                     decision=by(history.commune)),
                             RuleViolated)
    assert error.rule == "removal.card_surrendered_official_only"


@pytest.mark.parametrize(("born", "accepted"), [(date(1996, 1, 1), True),
                                                (date(1994, 6, 1), False)])
def test_a_youth_union_sponsors_only_applicants_of_doan_age(scenario, history, born, accepted):
    branch = history.branch()
    command = c.SubmitApplication(branch, profile_input("Phạm Văn Tú", born, 55),
                                  (member_sponsor(history.official(branch)),
                                   c.SponsorInput("youth_union", date(2020, 1, 1))),
                                  date(2026, 10, 1))
    if accepted:
        assert scenario.when(command).types == [e.ApplicationSubmitted, e.CitizenIdClaimed]
    else:
        error = scenario.refused(command, RuleViolated)
        assert (error.rule, error.rule_version) == ("admission.youth_union_age_years",
                                                    RULES_NOW)


# -- the 2025 organisation types ----------------------------------------------------------------


def test_the_legacy_bloc_committee_exists_only_before_1_july_2025(scenario, history):
    before = scenario.when(c.CreateOrganisation("Đảng bộ Khối Doanh nghiệp tỉnh",
                                                "bloc_committee", history.province,
                                                date(2015, 3, 1)))
    assert before.one(e.OrganisationCreated).type is OrganisationType.BLOC_COMMITTEE
    error = scenario.refused(c.CreateOrganisation("Đảng bộ Khối mới", "bloc_committee",
                                                  history.province, date(2025, 7, 1)),
                             RuleViolated)
    assert (error.rule, error.rule_version) == ("organisation.type_periods", RULES_NOW)


def test_police_grassroots_committees_sit_under_the_provincial_police_committee(scenario,
                                                                               history):
    police = scenario.when(c.CreateOrganisation(
        "Đảng bộ Công an tỉnh", "police_committee", history.province,
        date(2025, 7, 1))).result.ids["organisation_id"]
    placed = scenario.when(c.CreateOrganisation("Đảng bộ Phòng Cảnh sát giao thông",
                                                "police_grassroots_committee", police,
                                                date(2025, 8, 1)))
    assert placed.types == [e.OrganisationCreated]
    error = scenario.refused(c.CreateOrganisation("Đảng bộ Công an xã", "police_grassroots_committee",
                                                  history.commune, date(2025, 8, 1)),
                             InvalidInput)
    assert error.field == "parent_id"
    agencies = scenario.when(c.CreateOrganisation("Đảng bộ các cơ quan Đảng tỉnh",
                                                  "provincial_agencies_committee",
                                                  history.province, date(2025, 2, 1)))
    assert agencies.types == [e.OrganisationCreated]
