"""Admission (DOMAIN.md §2): application, decision, ceremony, probation and recognition."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput, InvalidState, RuleViolated
from services.membership.domain import commands as c

from .conftest import by

RULES_NOW = "QĐ294-2025"


@pytest.fixture
def branch(tree):
    return tree["branch"]


@pytest.fixture
def sponsors(membership, branch):
    return membership.sponsors(branch)


def _considered_at_age(membership, branch, sponsors, born: date, considered_on: date):
    member = membership.application(branch, sponsors, date_of_birth=born,
                                    submitted_on=date(2025, 1, 10))
    membership.propose_admission(member, considered_on)
    return member, c.AdmitMember(member, considered_on, considered_on, "45-QĐ/ĐU",
                                 decision=by(membership.decider(member), number="45-QĐ/ĐU"))


def test_an_application_with_two_official_sponsors_makes_an_applicant(membership, branch,
                                                                      sponsors):
    member = membership.application(branch, sponsors)

    view = membership.queries.member(member)
    assert (view.status, view.organisation_id, view.full_name) == (
        "applicant", branch, "Hoàng Minh Tuấn")
    [submitted] = membership.store.read_stream(f"member-{member}")
    assert submitted.data["rule_version"] == "QĐ24-2021"  # submitted 1/3/2025


def test_an_applicant_aged_17_years_11_months_on_the_consideration_date_is_refused(
        membership, branch, sponsors):
    _, admit = _considered_at_age(membership, branch, sponsors, born=date(2007, 10, 20),
                                  considered_on=date(2025, 9, 20))

    error = membership.refuse(admit, RuleViolated)

    assert (error.rule, error.rule_version) == ("admission.min_age_months", RULES_NOW)
    assert "17 years 11 months" in error.message


def test_an_applicant_exactly_18_on_the_consideration_date_is_admitted(membership, branch,
                                                                       sponsors):
    member, admit = _considered_at_age(membership, branch, sponsors, born=date(2007, 9, 20),
                                       considered_on=date(2025, 9, 20))

    membership.run(admit)

    assert membership.queries.member(member).status == "probationary"
    admitted = membership.store.read_stream(f"member-{member}")[-1]
    assert admitted.data["age_months"] == 18 * 12
    assert admitted.data["rule_version"] == RULES_NOW


def test_the_age_is_counted_on_the_consideration_date_not_the_decision_date(
        membership, branch, sponsors):
    member = membership.application(branch, sponsors, date_of_birth=date(2007, 10, 20),
                                    submitted_on=date(2025, 1, 10))

    # considered at 17y11m: a decision a month later, when 18, does not cure it
    membership.propose_admission(member, date(2025, 9, 20))
    error = membership.refuse(
        c.AdmitMember(member, date(2025, 10, 25), date(2025, 9, 20), "45-QĐ/ĐU",
                      decision=by(membership.decider(member), number="45-QĐ/ĐU")), RuleViolated)
    assert error.rule == "admission.min_age_months"


def test_an_applicant_over_60_is_refused(membership, branch, sponsors):
    _, admit = _considered_at_age(membership, branch, sponsors, born=date(1965, 8, 20),
                                  considered_on=date(2025, 9, 20))

    error = membership.refuse(admit, RuleViolated)

    assert (error.rule, error.rule_version) == ("admission.max_age_months", RULES_NOW)


def test_an_applicant_exactly_60_is_admitted(membership, branch, sponsors):
    member, admit = _considered_at_age(membership, branch, sponsors, born=date(1965, 9, 20),
                                       considered_on=date(2025, 9, 20))

    membership.run(admit)

    assert membership.queries.member(member).status == "probationary"


def test_a_probationary_member_cannot_sponsor(membership, branch, sponsors):
    probationary = membership.probationary(branch)

    error = membership.refuse(c.SubmitApplication(
        branch, membership.profile(), (membership.sponsor(sponsors[0]),
                                       membership.sponsor(probationary)), date(2026, 6, 1)),
        RuleViolated)

    assert (error.rule, error.rule_version) == ("admission.sponsor_official", RULES_NOW)


def test_a_sponsor_who_has_known_the_applicant_for_under_12_months_is_refused(
        membership, branch, sponsors):
    error = membership.refuse(c.SubmitApplication(
        branch, membership.profile(),
        (membership.sponsor(sponsors[0]), membership.sponsor(sponsors[1], date(2025, 7, 2))),
        date(2026, 7, 1)), RuleViolated)

    assert (error.rule, error.rule_version) == ("admission.sponsor_min_months_known", RULES_NOW)


def test_a_sponsor_who_has_known_the_applicant_for_exactly_12_months_is_accepted(
        membership, branch, sponsors):
    result = membership.run(c.SubmitApplication(
        branch, membership.profile(),
        (membership.sponsor(sponsors[0]), membership.sponsor(sponsors[1], date(2025, 7, 1))),
        date(2026, 7, 1)))

    assert membership.queries.member(result.ids["member_id"]).status == "applicant"


def test_an_application_with_one_sponsor_is_refused(membership, branch, sponsors):
    error = membership.refuse(c.SubmitApplication(
        branch, membership.profile(), (membership.sponsor(sponsors[0]),), date(2026, 7, 1)),
        RuleViolated)

    assert error.rule == "admission.sponsor_count"


def test_the_same_member_cannot_sponsor_twice(membership, branch, sponsors):
    error = membership.refuse(c.SubmitApplication(
        branch, membership.profile(),
        (membership.sponsor(sponsors[0]), membership.sponsor(sponsors[0])), date(2026, 7, 1)),
        InvalidInput)

    assert error.field == "sponsors"


def test_a_youth_union_committee_and_one_member_can_sponsor(membership, branch, sponsors):
    youth_union = c.SponsorInput(kind="youth_union", known_since=date(2023, 9, 1))

    result = membership.run(c.SubmitApplication(
        branch, membership.profile(date_of_birth=date(2006, 3, 3)),
        (youth_union, membership.sponsor(sponsors[0])), date(2026, 7, 1)))

    [submitted] = membership.store.read_stream(f"member-{result.ids['member_id']}")
    assert [s["kind"] for s in submitted.data["sponsors"]] == ["youth_union", "member"]


def test_two_union_committees_without_a_member_cannot_sponsor(membership, branch):
    unions = (c.SponsorInput("youth_union", date(2023, 9, 1)),
              c.SponsorInput("trade_union", date(2023, 9, 1)))

    error = membership.refuse(
        c.SubmitApplication(branch, membership.profile(), unions, date(2026, 7, 1)), RuleViolated)
    assert error.rule == "admission.sponsor_count"


def test_an_applicant_below_lower_secondary_education_is_refused(membership, branch, sponsors):
    error = membership.refuse(c.SubmitApplication(
        branch, membership.profile(education="primary"),
        tuple(membership.sponsor(s) for s in sponsors), date(2026, 7, 1)), RuleViolated)

    assert (error.rule, error.rule_version) == ("admission.min_general_education", RULES_NOW)


def test_an_applicant_below_lower_secondary_education_in_a_hardship_area_is_accepted(
        membership, branch, sponsors):
    result = membership.run(c.SubmitApplication(
        branch, membership.profile("Hà Văn Páo", ethnicity="H'Mông", education="primary"),
        tuple(membership.sponsor(s) for s in sponsors), date(2026, 7, 1), hardship_area=True))

    assert membership.queries.member(result.ids["member_id"]).status == "applicant"


def test_an_application_must_go_to_a_branch(membership, tree, sponsors):
    error = membership.refuse(c.SubmitApplication(
        tree["commune"], membership.profile(), tuple(membership.sponsor(s) for s in sponsors),
        date(2026, 7, 1)), InvalidInput)

    assert error.field == "organisation_id"


def test_the_ceremony_starts_twelve_months_of_probation(membership, branch, sponsors):
    member = membership.application(branch, sponsors)
    membership.admit(member, date(2025, 5, 5))

    membership.run(c.HoldAdmissionCeremony(member, date(2025, 6, 10)))

    view = membership.queries.member(member)
    assert (view.status, view.ceremony_on, view.probation_ends_on) == (
        "probationary", date(2025, 6, 10), date(2026, 6, 10))


def test_a_second_ceremony_is_refused(membership, branch, sponsors):
    member = membership.application(branch, sponsors)
    membership.admit(member, date(2025, 5, 5))
    membership.run(c.HoldAdmissionCeremony(member, date(2025, 6, 10)))

    membership.refuse(c.HoldAdmissionCeremony(member, date(2025, 6, 11)), InvalidState)


def test_recognition_before_the_end_of_probation_is_refused(membership, branch, sponsors):
    member = membership.application(branch, sponsors)
    membership.admit(member, date(2025, 12, 1))
    membership.run(c.HoldAdmissionCeremony(member, date(2025, 12, 20)))

    error = membership.refuse(c.RecogniseOfficialMember(
        member, date(2026, 11, 20), decision=by(membership.decider(member))), RuleViolated)

    assert (error.rule, error.rule_version) == ("probation.months", RULES_NOW)
    assert membership.queries.member(member).status == "probationary"


def test_recognition_without_a_ceremony_is_refused(membership, branch, sponsors):
    member = membership.application(branch, sponsors)
    membership.admit(member, date(2025, 5, 5))

    membership.refuse(c.RecogniseOfficialMember(
        member, date(2026, 11, 1), decision=by(membership.decider(member))), InvalidState)


def test_a_late_recognition_is_official_from_the_end_of_probation(membership, branch, sponsors):
    member = membership.application(branch, sponsors)
    membership.admit(member, date(2025, 5, 5))
    membership.run(c.HoldAdmissionCeremony(member, date(2025, 6, 10)))

    membership.recognise(member, date(2026, 9, 1))

    view = membership.queries.member(member)
    assert (view.status, view.official_from) == ("official", date(2026, 6, 10))
    recognised = membership.store.read_stream(f"member-{member}")[-1]
    assert recognised.data["decided_on"] == "2026-09-01"
    assert recognised.data["official_from"] == "2026-06-10"


def test_an_official_member_can_be_issued_a_party_card(membership, branch, sponsors):
    member = membership.application(branch, sponsors)
    membership.admit(member, date(2025, 5, 5))
    membership.run(c.HoldAdmissionCeremony(member, date(2025, 6, 10)))
    membership.recognise(member, date(2026, 6, 15))

    membership.run(c.IssuePartyCard(member, "37.012345", date(2026, 9, 2)))

    assert membership.queries.member(member).card_number == "37.012345"


def test_a_probationary_member_gets_no_party_card(membership, branch):
    member = membership.probationary(branch)

    membership.refuse(c.IssuePartyCard(member, "37.012345", date(2026, 9, 2)), InvalidState)


def test_removal_from_the_probationary_list_takes_the_member_off_the_rolls(
        membership, branch, sponsors):
    member = membership.application(branch, sponsors)
    membership.admit(member, date(2025, 5, 5))
    membership.run(c.HoldAdmissionCeremony(member, date(2025, 6, 10)))

    membership.run(c.RemoveFromProbationaryList(member, date(2026, 7, 1),
                                                "Không đủ tư cách đảng viên",
                                                decision=by(membership.decider(member))))

    view = membership.queries.member(member)
    assert (view.status, view.left_on) == ("removed_from_probation", date(2026, 7, 1))
    assert membership.queries.organisation_tree(branch).own_counts.get("probationary", 0) == 0
    membership.refuse(c.RecogniseOfficialMember(
        member, date(2026, 8, 1), decision=by(membership.decider(member))), InvalidState)


def test_an_official_member_cannot_be_removed_from_the_probationary_list(membership, branch,
                                                                         sponsors):
    membership.refuse(c.RemoveFromProbationaryList(sponsors[0], date(2026, 7, 1), "nhầm",
                                                   decision=by(membership.decider(sponsors[0]))),
                      InvalidState)


def test_admitting_a_member_twice_is_refused(membership, branch, sponsors):
    member = membership.application(branch, sponsors)
    membership.admit(member, date(2025, 5, 5))

    membership.refuse(c.AdmitMember(member, date(2025, 5, 6), date(2025, 5, 6), "46-QĐ/ĐU",
                                    decision=by(membership.decider(member), number="46-QĐ/ĐU")),
                      InvalidState)


def test_a_decision_before_the_branch_considered_the_case_is_refused(membership, branch,
                                                                    sponsors):
    member = membership.application(branch, sponsors)

    membership.propose_admission(member, date(2025, 5, 5))
    error = membership.refuse(
        c.AdmitMember(member, date(2025, 5, 1), date(2025, 5, 5), "46-QĐ/ĐU",
                      decision=by(membership.decider(member), number="46-QĐ/ĐU")), InvalidInput)
    assert error.field == "decided_on"


def test_a_retried_admission_changes_nothing(membership, branch, sponsors):
    member = membership.application(branch, sponsors)
    membership.propose_admission(member, date(2025, 5, 5))
    admit = c.AdmitMember(member, date(2025, 5, 5), date(2025, 5, 5), "46-QĐ/ĐU",
                          decision=by(membership.decider(member), number="46-QĐ/ĐU"))
    first = membership.run(admit, command_id="retry-admit-1")
    head = membership.head()

    again = membership.run(admit, command_id="retry-admit-1")

    assert again.duplicate and not first.duplicate
    assert (again.ids, again.positions) == (first.ids, first.positions)
    assert membership.head() == head
    assert membership.events_of(f"member-{member}") == ["ApplicationSubmitted",
                                                        "AdmissionProposed", "MemberAdmitted"]
