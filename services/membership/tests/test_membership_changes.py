"""Membership changes (DOMAIN.md §3): transfers, exemption, removal from rolls, discipline, death."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import ConflictsWithLaterFact, InvalidInput, InvalidState, RuleViolated
from services.membership.domain import commands as c
from services.membership.domain.values import RemovalGround

from .conftest import by


def _own(membership, org_id):
    return membership.queries.organisation_tree(org_id).own_counts


def test_a_permanent_transfer_moves_the_member_and_the_counts(membership, tree):
    member = membership.official(tree["branch"])

    membership.run(c.TransferMember(member, tree["other_branch"], date(2026, 3, 1),
                                    decision=by(tree["commune"], "committee")))

    assert membership.queries.member(member).organisation_id == tree["other_branch"]
    assert _own(membership, tree["branch"]) == {}
    assert _own(membership, tree["other_branch"]) == {"official": 1}
    assert membership.queries.organisation_tree(tree["commune"]).subtree_counts == {"official": 1}


def test_a_transfer_to_the_members_own_branch_is_refused(membership, tree):
    member = membership.official(tree["branch"])

    error = membership.refuse(c.TransferMember(member, tree["branch"], date(2026, 3, 1),
                                               decision=by(tree["commune"], "committee")),
                              InvalidInput)
    assert error.field == "to_organisation_id"


def test_a_transfer_to_an_organisation_that_is_not_a_branch_is_refused(membership, tree):
    member = membership.official(tree["branch"])

    error = membership.refuse(c.TransferMember(member, tree["commune"], date(2026, 3, 1),
                                               decision=by(tree["commune"], "committee")),
                              InvalidInput)
    assert error.field == "to_organisation_id"


@pytest.mark.parametrize(("purpose", "months", "accepted", "rule"), [
    ("work", 2, False, "transfer.temporary_max_months_work"),
    ("work", 3, True, "transfer.temporary_max_months_work"),
    ("work", 11, True, "transfer.temporary_max_months_work"),
    ("work", 12, False, "transfer.temporary_max_months_work"),
    ("study", 2, False, "transfer.temporary_max_months_study"),
    ("study", 24, True, "transfer.temporary_max_months_study"),
    ("study", 25, False, "transfer.temporary_max_months_study"),
])
def test_a_temporary_transfer_lasts_what_the_rules_allow_for_its_purpose(
        membership, tree, purpose, months, accepted, rule):
    member = membership.official(tree["branch"])
    starts = date(2026, 1, 10)
    ends = date(2026 + (months // 12), 1 + months % 12, 10)
    command = c.TransferMemberTemporarily(member, tree["other_branch"], starts, ends, purpose)

    if accepted:
        membership.run(command)
        view = membership.queries.member(member)
        away = ends > membership.today  # past its end date the member is no longer away
        assert (view.temporary_organisation_id, view.temporary_until,
                view.temporary_transfer_overdue) == (tree["other_branch"] if away else None,
                                                     ends, not away)
    else:
        error = membership.refuse(command, RuleViolated)
        assert (error.rule, error.rule_version) == (rule, "QĐ294-2025")


def test_a_temporarily_transferred_member_stays_counted_in_the_home_branch(membership, tree):
    member = membership.official(tree["branch"])

    membership.run(c.TransferMemberTemporarily(member, tree["other_branch"], date(2026, 2, 1),
                                               date(2026, 8, 1), "work"))

    assert _own(membership, tree["branch"]) == {"official": 1}
    assert _own(membership, tree["other_branch"]) == {}
    assert membership.queries.member(member).organisation_id == tree["branch"]


def test_a_member_already_away_cannot_be_transferred_again_until_the_stay_ends(membership, tree):
    member = membership.official(tree["branch"])
    membership.run(c.TransferMemberTemporarily(member, tree["other_branch"], date(2026, 2, 1),
                                               date(2026, 8, 1), "work"))

    membership.refuse(c.TransferMember(member, tree["other_branch"], date(2026, 7, 1),
                                       decision=by(tree["commune"], "committee")),
                      InvalidState)
    membership.run(c.EndTemporaryTransfer(member, date(2026, 8, 1)))
    membership.run(c.TransferMember(member, tree["other_branch"], date(2026, 9, 1),
                                    decision=by(tree["commune"], "committee")))

    assert membership.queries.member(member).temporary_organisation_id is None
    assert _own(membership, tree["other_branch"]) == {"official": 1}


def test_exemption_and_its_end_are_reflected_on_the_member(membership, tree):
    member = membership.official(tree["branch"], date_of_birth=date(1950, 1, 1))

    membership.run(c.ExemptMember(member, date(2026, 1, 5), "old_age",
                                  decision=by(tree["branch"], "assembly")))
    assert membership.queries.member(member).exempt is True
    membership.refuse(c.ExemptMember(member, date(2026, 1, 6), "weak_health",
                                     decision=by(tree["branch"], "assembly")), InvalidState)

    membership.run(c.EndExemption(member, date(2026, 6, 1)))
    assert membership.queries.member(member).exempt is False
    membership.refuse(c.EndExemption(member, date(2026, 6, 2)), InvalidState)


@pytest.mark.parametrize("ground", list(RemovalGround))
def test_removal_from_the_rolls_records_its_ground(membership, tree, ground):
    member = membership.official(tree["branch"])

    membership.remove_from_rolls(member, ground.value, date(2026, 5, 4), "Chi bộ đề nghị")

    view = membership.queries.member(member)
    assert (view.status, view.left_on) == ("removed_from_rolls", date(2026, 5, 4))
    removed = membership.store.read_stream(f"member-{member}")[-1]
    assert removed.data["ground"] == ground.value
    assert _own(membership, tree["branch"]) == {"removed_from_rolls": 1}


def test_removal_from_the_rolls_with_an_unknown_ground_is_refused(membership, tree):
    member = membership.official(tree["branch"])

    error = membership.refuse(
        c.RemoveMemberFromRolls(member, "bỏ sinh hoạt", date(2026, 5, 4),
                                decision=by(tree["commune"])), InvalidInput)
    assert error.field == "ground"


@pytest.mark.parametrize("form", ["reprimand", "warning", "dismissal"])
def test_an_official_member_can_be_disciplined_and_stays_on_the_rolls(membership, tree, form):
    member = membership.official(tree["branch"])

    membership.run(c.DisciplineMember(member, form, date(2026, 4, 1), "Vi phạm quy định",
                                      decision=by(tree["commune"], "committee")))

    assert membership.queries.member(member).status == "official"
    disciplined = membership.store.read_stream(f"member-{member}")[-1]
    assert (disciplined.data["form"], disciplined.data["rule_version"]) == (form, "QĐ294-2025")


def test_expulsion_ends_membership(membership, tree):
    member = membership.official(tree["branch"])

    membership.run(c.DisciplineMember(member, "expulsion", date(2026, 4, 1), "Vi phạm nghiêm trọng",
                                      decision=by(tree["commune"], "committee")))

    view = membership.queries.member(member)
    assert (view.status, view.left_on) == ("expelled", date(2026, 4, 1))
    assert [m.id for m in membership.queries.members(tree["branch"]).items] == []
    membership.refuse(c.ExemptMember(member, date(2026, 5, 1), "old_age",
                                     decision=by(tree["branch"], "assembly")), InvalidState)
    membership.refuse(c.DisciplineMember(member, "reprimand", date(2026, 5, 1), "lần nữa",
                                         decision=by(tree["commune"], "committee")),
                      InvalidState)


@pytest.mark.parametrize("form", ["reprimand", "warning"])
def test_a_probationary_member_can_be_reprimanded_or_warned(membership, tree, form):
    member = membership.probationary(tree["branch"])

    membership.run(c.DisciplineMember(member, form, date(2026, 4, 1), "Vi phạm quy định",
                                      decision=by(tree["commune"], "committee")))

    assert membership.queries.member(member).status == "probationary"


@pytest.mark.parametrize("form", ["dismissal", "expulsion"])
def test_a_probationary_member_cannot_be_dismissed_or_expelled(membership, tree, form):
    member = membership.probationary(tree["branch"])

    error = membership.refuse(
        c.DisciplineMember(member, form, date(2026, 4, 1), "Vi phạm quy định",
                           decision=by(tree["commune"], "committee")), RuleViolated)

    assert (error.rule, error.rule_version) == ("discipline.forms_probationary", "QĐ294-2025")


def test_a_members_death_takes_them_off_the_rolls(membership, tree):
    member = membership.official(tree["branch"])

    membership.run(c.RecordMemberDeath(member, date(2026, 10, 2)))

    view = membership.queries.member(member)
    assert (view.status, view.left_on) == ("deceased", date(2026, 10, 2))
    membership.refuse(c.RecordMemberDeath(member, date(2026, 10, 3)), InvalidState)
    membership.refuse(c.TransferMember(member, tree["other_branch"], date(2026, 10, 3),
                                       decision=by(tree["commune"], "committee")),
                      InvalidState)


@pytest.mark.parametrize(("make", "field"), [
    (lambda m, t: c.TransferMember(m, t["other_branch"], date(2026, 11, 21),
                                   decision=by(t["commune"], "committee")), "effective_on"),
    (lambda m, t: c.ExemptMember(m, date(2027, 1, 1), "old_age",
                                 decision=by(t["branch"], "assembly")), "effective_on"),
    (lambda m, t: c.RemoveMemberFromRolls(m, "card_surrendered", date(2026, 12, 1),
                                          decision=by(t["commune"])), "decided_on"),
    (lambda m, t: c.DisciplineMember(m, "warning", date(2026, 11, 21), "sớm",
                                     decision=by(t["commune"], "committee")), "decided_on"),
    (lambda m, t: c.RecordMemberDeath(m, date(2026, 11, 21)), "died_on"),
    (lambda m, t: c.TransferMemberTemporarily(m, t["other_branch"], date(2026, 12, 1),
                                              date(2027, 6, 1), "work"), "starts_on"),
])
def test_a_member_change_dated_in_the_future_is_refused(membership, tree, make, field):
    member = membership.official(tree["branch"])

    error = membership.refuse(make(member, tree), InvalidInput)

    assert error.field == field
    assert "future" in error.message


def test_a_backdated_change_contradicting_a_later_recorded_fact_is_refused_naming_both(
        membership, tree):
    member = membership.official(tree["branch"])
    membership.run(c.TransferMember(member, tree["other_branch"], date(2026, 3, 1),
                                    decision=by(tree["commune"], "committee")))

    for command, attempted in (
        (c.TransferMember(member, tree["branch"], date(2026, 1, 1),
                          decision=by(tree["commune"], "committee")), "MemberTransferred"),
        (c.RecordMemberDeath(member, date(2025, 12, 31)), "MemberDied"),
        (c.RemoveMemberFromRolls(member, "card_surrendered", date(2026, 2, 1), "",
                                 decision=by(tree["commune"], "committee")),
         "MemberRemovedFromRolls"),
    ):
        error = membership.refuse(command, ConflictsWithLaterFact)
        assert (error.details["attempted"], error.details["later"]) == (
            attempted, "MemberTransferred")
        assert error.details["later_on"] == "2026-03-01"


def test_a_fact_dated_before_the_members_record_is_refused_naming_the_record(membership, tree):
    member = membership.official(tree["branch"], admitted_on=date(2000, 3, 1))

    error = membership.refuse(c.TransferMember(
        member, tree["other_branch"], date(1999, 1, 1),
        decision=by(tree["commune"], "committee")), ConflictsWithLaterFact)
    assert error.details["later"] == "ExistingMemberRecorded"


def test_a_backdated_fact_of_another_kind_fits_among_later_ones(membership, tree):
    """An exemption from before a recorded transfer contradicts nothing: it is taken, and
    checked against the member as they were then."""
    member = membership.official(tree["branch"])
    membership.transfer(member, tree["other_branch"], date(2026, 3, 1))

    membership.exempt(member, date(2026, 2, 28), "weak_health")

    assert membership.queries.member(member).exempt
    membership.refuse(c.ExemptMember(member, date(2026, 2, 27), "weak_health",
                                     decision=by(tree["branch"], "assembly")),
                      ConflictsWithLaterFact)


def test_commands_naming_an_unknown_member_are_refused(membership, tree):
    from kit.errors import NotFound

    membership.refuse(c.ExemptMember("5b2f2f9e-8f0e-4c1e-9d5e-2f1a3b4c5d6e", date(2026, 1, 1),
                                     "old_age", decision=by(tree["branch"], "assembly")),
                      NotFound)


def test_a_transfer_dated_before_the_receiving_branch_existed_is_refused(membership, tree):
    member = membership.official(tree["branch"], "Đỗ Văn Khải")
    young = membership.organisation("Chi bộ thôn Mới", "grassroots_branch", tree["commune"],
                                    date(2026, 1, 1))
    error = membership.refuse(c.TransferMember(member, young, date(2025, 12, 31),
                                               decision=by(tree["commune"], "committee")),
                              InvalidInput)
    assert error.field == "effective_on"


def test_a_sponsors_standing_is_the_one_on_the_applications_date(membership, tree):
    """Expelled after the application's date, a sponsor still stood for it; expelled before,
    not (the standing then, whatever was entered first)."""
    sponsors = membership.sponsors(tree["branch"])
    membership.discipline(sponsors[1], "expulsion", date(2026, 6, 2), "Vi phạm")

    accepted = membership.application(tree["branch"], sponsors, submitted_on=date(2026, 6, 1))
    assert membership.queries.member(accepted).status == "applicant"
    error = membership.refuse(c.SubmitApplication(
        tree["branch"], membership.profile("Vũ Thị Hoa", gender="female"),
        tuple(membership.sponsor(s) for s in sponsors), date(2026, 6, 3)), RuleViolated)
    assert error.rule == "admission.sponsor_official"


def test_a_backdated_transfer_across_a_merge_leaves_the_branch_of_its_date(membership, tree):
    member = membership.official(tree["other_branch"], "Đỗ Văn Khải")
    membership.run(c.MergeOrganisation(tree["other_branch"], tree["branch"], date(2025, 7, 1)))
    far = membership.branch(tree["commune"], "Chi bộ thôn Xa")

    membership.transfer(member, far, date(2025, 6, 15))

    (moved,) = [h for h in membership.queries.member_history(member)
                if h.event == "MemberTransferred"]
    assert moved.details["from_organisation_id"] == tree["other_branch"]
    then = membership.queries.members_as_of(tree["other_branch"], date(2025, 6, 20))
    assert then.items == []


def test_a_file_entered_with_its_dates_covers_the_member_from_admission(membership, tree):
    """Recorded as official (admitted 2012, official 2013), the member could be transferred
    during probation: a transfer of 2012 fits."""
    member = membership.official(tree["branch"], admitted_on=date(2012, 3, 1))

    membership.transfer(member, tree["other_branch"], date(2012, 6, 1))
    then = membership.queries.members_as_of(tree["other_branch"], date(2012, 7, 1))
    assert [status for _, status in then.items] == ["probationary"]
    assert membership.queries.member(member).organisation_id == tree["other_branch"]
