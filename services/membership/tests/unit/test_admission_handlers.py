"""Admission commands on the in-memory store: application, admission, official recognition."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import RuleViolated
from services.membership.domain import commands as c
from services.membership.domain import events as e
from services.membership.domain.member import Member
from services.membership.domain.values import MemberStatus

from .conftest import RULES_NOW, by, member_sponsor, profile_input, record

pytestmark = pytest.mark.unit


def test_an_application_with_two_official_sponsors_is_submitted(scenario, history):
    branch = history.branch()
    sponsors = (member_sponsor(history.official(branch, "Lê Văn Dũng")),
                member_sponsor(history.official(branch, "Hoàng Văn Em")))
    then = scenario.when(c.SubmitApplication(branch, profile_input("Phạm Thị Cúc"), sponsors,
                                             date(2026, 10, 1)))
    submitted = then.one(e.ApplicationSubmitted)
    assert then.types == [e.ApplicationSubmitted, e.CitizenIdClaimed]
    assert submitted.member_id == then.result.ids["member_id"]
    assert (submitted.organisation_id, submitted.submitted_on, submitted.readmission) == \
        (branch, date(2026, 10, 1), False)
    assert [s.member_id for s in submitted.sponsors] == [s.member_id for s in sponsors]
    assert submitted.profile.full_name == "Phạm Thị Cúc"


def test_an_applicant_sponsored_by_a_probationary_member_is_refused(scenario, history):
    branch = history.branch()
    probationary = history.probationary(branch, date(2026, 2, 1), date(2027, 2, 1))
    sponsors = (member_sponsor(history.official(branch)), member_sponsor(probationary))
    error = scenario.refused(c.SubmitApplication(branch, profile_input("Phạm Thị Cúc"), sponsors,
                                                 date(2026, 10, 1)), RuleViolated)
    assert error.rule == "admission.sponsor_official"


def test_admitting_an_applicant_makes_them_probationary_at_their_age_in_months(scenario,
                                                                              history):
    applicant = history.applicant(history.branch(), born=date(2000, 6, 1))
    history.proposed(applicant, e.AdmissionProposed, date(2026, 10, 30))
    then = scenario.when(c.AdmitMember(applicant, date(2026, 11, 2), date(2026, 10, 30),
                                       "15-QĐ/ĐU", decision=by(history.commune)))
    assert then.events == [e.MemberAdmitted(applicant, date(2026, 11, 2), date(2026, 10, 30),
                                            "15-QĐ/ĐU", 316, False, RULES_NOW,
                                            record(history.commune, date(2026, 11, 2)))]
    member = scenario.service.repo.load(Member, applicant)
    assert member.status is MemberStatus.PROBATIONARY


def test_an_applicant_not_yet_eighteen_when_considered_is_not_admitted(scenario, history):
    applicant = history.applicant(history.branch(), born=date(2008, 12, 1))
    history.proposed(applicant, e.AdmissionProposed, date(2026, 10, 30))
    error = scenario.refused(c.AdmitMember(applicant, date(2026, 11, 2), date(2026, 10, 30),
                                           "15-QĐ/ĐU", decision=by(history.commune)),
                             RuleViolated)
    assert error.rule == "admission.min_age_months"


def test_a_probationary_member_is_recognised_official_from_the_end_of_probation(scenario,
                                                                               history):
    member = history.probationary(history.branch(), date(2025, 10, 1), date(2026, 10, 1))
    history.proposed(member, e.OfficialRecognitionProposed, date(2026, 11, 2))
    then = scenario.when(c.RecogniseOfficialMember(member, date(2026, 11, 15),
                                                   decision=by(history.commune)))
    assert then.events == [e.MemberRecognisedAsOfficial(
        member, date(2026, 11, 15), date(2026, 10, 1), RULES_NOW,
        record(history.commune, date(2026, 11, 15)))]


def test_a_probationary_member_is_not_recognised_before_probation_ends(scenario, history):
    member = history.probationary(history.branch(), date(2026, 1, 10), date(2027, 1, 10))
    error = scenario.refused(c.RecogniseOfficialMember(member, date(2026, 11, 15),
                                                       decision=by(history.commune)),
                             RuleViolated)
    assert error.rule == "probation.months"
