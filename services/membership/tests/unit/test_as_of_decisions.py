"""Decisions checked as of their effective date, on the in-memory store: the branch a backdated
transfer leaves, the member's status then, and what a backdated fact may not precede."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kit.errors import ConflictsWithLaterFact, InvalidState
from services.membership.domain import commands as c
from services.membership.domain import events as e
from services.membership.domain.decision import Organ
from services.membership.domain.member import Member
from services.membership.domain.organisation import Organisation
from services.membership.domain.values import MemberStatus, RemovalGround

from .conftest import by, record

pytestmark = pytest.mark.unit
MERGED_ON = date(2025, 7, 1)


def merge(scenario, org_id: str, into_id: str, on: date = MERGED_ON) -> None:
    scenario.given(Organisation.stream_id_for(org_id), e.OrganisationMerged(org_id, into_id, on))
    scenario.given(Organisation.stream_id_for(into_id),
                   e.OrganisationAbsorbed(into_id, org_id, on))


def test_a_transfer_dated_before_a_merge_leaves_the_merged_branch(scenario, history):
    old, survivor, away = history.branch("Chi bộ thôn Cũ"), history.branch("Chi bộ thôn Mới"), \
        history.branch("Chi bộ thôn Xa")
    member = history.official(old)
    merge(scenario, old, survivor)

    then = scenario.when(c.TransferMember(member, away, date(2025, 6, 15),
                                          decision=by(history.commune, "committee")))
    assert then.events == [e.MemberTransferred(member, old, away, date(2025, 6, 15),
                                               replace(record(history.commune, date(2025, 6, 15),
                                                              Organ.COMMITTEE),
                                                       rule_version="QĐ24-2021"))]


def test_a_transfer_into_a_branch_merged_by_its_date_goes_to_the_survivor(scenario, history):
    old, survivor = history.branch("Chi bộ thôn Cũ"), history.branch("Chi bộ thôn Mới")
    home = history.branch("Chi bộ thôn Nhà")
    member, other = history.official(home), history.official(home, "Lê Văn Tư")
    merge(scenario, old, survivor)

    before = scenario.when(c.TransferMember(member, old, date(2025, 6, 1),
                                            decision=by(history.commune, "committee")))
    assert before.events[0].to_organisation_id == old
    after = scenario.when(c.TransferMember(other, old, date(2025, 8, 1),
                                           decision=by(history.commune, "committee")))
    assert after.events[0].to_organisation_id == survivor


def test_status_and_file_as_of_a_date(scenario, history):
    member_id = history.probationary(history.branch(), date(2025, 3, 10), date(2026, 3, 10))
    member = scenario.service.repo.load(Member, member_id)
    assert member.status_on(date(2025, 3, 5)) is MemberStatus.APPLICANT
    assert member.status_on(date(2025, 4, 1)) is MemberStatus.PROBATIONARY
    assert member.status_on(date(2024, 1, 1)) is None


def test_a_backdated_fact_needing_a_later_status_names_the_fact_that_gave_it(scenario, history):
    member = history.probationary(history.branch(), date(2025, 3, 10), date(2026, 3, 10))

    error = scenario.refused(c.ExemptMember(member, date(2025, 3, 5), "weak_health",
                                           decision=by(history.commune, "committee")),
                             ConflictsWithLaterFact)
    assert (error.details["later"], error.details["later_on"]) == (
        "MemberAdmitted", "2025-03-10")
    scenario.refused(c.ExemptMember(member, date(2024, 1, 1), "weak_health",
                                    decision=by(history.commune, "committee")),
                     ConflictsWithLaterFact)


def test_a_removal_dated_after_a_merge_of_the_branch_is_still_the_members(scenario, history):
    old, survivor = history.branch("Chi bộ thôn Cũ"), history.branch("Chi bộ thôn Mới")
    member = history.official(old)
    merge(scenario, old, survivor)
    scenario.given(Member.stream_id_for(member), e.RemovalFromRollsProposed(
        member, old, RemovalGround.CARD_SURRENDERED, date(2025, 6, 10), "", "05-NQ/CB"))
    # the body the table names for xóa tên on the removal's date (the commune's BTV then)
    then = scenario.when(c.RemoveMemberFromRolls(member, "card_surrendered", date(2025, 6, 15),
                                                 decision=by(history.commune)))
    assert [type(ev) for ev in then.events] == [e.MemberRemovedFromRolls]
    scenario.refused(c.ExemptMember(member, date(2025, 7, 1), "weak_health",
                                    decision=by(survivor, "assembly")), InvalidState)
