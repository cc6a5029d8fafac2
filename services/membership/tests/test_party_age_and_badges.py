"""Tuổi đảng and Huy hiệu Đảng: from the first admission decision, minus the time out of the party."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidState, RuleViolated
from services.membership.domain import commands as c

# removed from the rolls on 10/1/2000, re-admitted on 1/6/2010: 3,795 days out of the party
LEFT_ON, READMITTED_ON = date(2000, 1, 10), date(2010, 6, 1)


def _badges(membership, scope, start, end, member_id=None):
    """(name, years, due date) of the badges due in [start, end], optionally for one member."""
    return [(b.member.full_name, b.years, b.due_on)
            for b in membership.queries.badges_due(scope, start, end).items
            if member_id in (None, b.member.id)]


@pytest.fixture
def readmitted(membership, tree):
    """Admitted 1/3/1990, removed 10/1/2000, re-admitted 1/6/2010 with two new sponsors."""
    branch = tree["branch"]
    member = membership.official(branch, "Ngô Văn Quang", admitted_on=date(1990, 3, 1),
                                 date_of_birth=date(1965, 1, 1))
    membership.remove_from_rolls(member, "absent_or_unpaid_three_months", LEFT_ON)
    sponsors = membership.sponsors(branch)
    membership.run(c.SubmitApplication(
        branch, membership.profile("Ngô Văn Quang", date(1965, 1, 1)),
        tuple(membership.sponsor(s, date(2005, 1, 1)) for s in sponsors), date(2010, 3, 1),
        member_id=member))
    membership.admit(member, READMITTED_ON)
    return member


def test_party_age_counts_from_the_admission_decision_not_the_ceremony(membership, tree):
    sponsors = membership.sponsors(tree["branch"])
    member = membership.application(tree["branch"], sponsors, full_name="Lý Thị Hoa",
                                    gender="female")
    membership.admit(member, date(2025, 5, 5))
    membership.run(c.HoldAdmissionCeremony(member, date(2025, 6, 10)))

    assert membership.queries.member(member).first_admitted_on == date(2025, 5, 5)
    assert _badges(membership, tree["province"], date(2055, 1, 1), date(2055, 12, 31),
                   member) == [
        ("Lý Thị Hoa", 30, date(2055, 5, 5))]


def test_badges_due_lists_the_members_whose_milestone_falls_in_the_period(membership, tree):
    membership.official(tree["branch"], "Trịnh Văn Ba", admitted_on=date(1996, 5, 19))
    membership.official(tree["other_branch"], "Mai Thị Tư", admitted_on=date(1986, 9, 2),
                        date_of_birth=date(1960, 1, 1), gender="female")
    membership.official(tree["other_branch"], "Cao Văn Năm", admitted_on=date(1997, 1, 3))

    assert _badges(membership, tree["province"], date(2026, 1, 1), date(2026, 12, 31)) == [
        ("Trịnh Văn Ba", 30, date(2026, 5, 19)),
        ("Mai Thị Tư", 40, date(2026, 9, 2)),
    ]
    assert _badges(membership, tree["province"], date(2027, 1, 1), date(2027, 1, 31)) == [
        ("Cao Văn Năm", 30, date(2027, 1, 3))]


def test_badges_due_covers_only_the_asked_subtree(membership, tree):
    membership.official(tree["branch"], "Trịnh Văn Ba", admitted_on=date(1996, 5, 19))
    membership.official(tree["other_branch"], "Cao Văn Năm", admitted_on=date(1996, 7, 1))

    assert _badges(membership, tree["other_branch"], date(2026, 1, 1), date(2026, 12, 31)) == [
        ("Cao Văn Năm", 30, date(2026, 7, 1))]


def test_badges_due_lists_only_members_on_the_rolls(membership, tree):
    on_rolls = membership.official(tree["branch"], "Trịnh Văn Ba", admitted_on=date(1996, 5, 19))
    died = membership.official(tree["branch"], "Cao Văn Năm", admitted_on=date(1996, 7, 1))
    removed = membership.official(tree["branch"], "Đinh Văn Sáu", admitted_on=date(1996, 8, 1))
    membership.run(c.RecordMemberDeath(died, date(2026, 2, 1)))
    membership.remove_from_rolls(removed, "card_surrendered", date(2026, 2, 1))

    due = membership.queries.badges_due(tree["province"], date(2026, 1, 1), date(2026, 12, 31))
    assert [b.member.id for b in due.items] == [on_rolls]
    assert due.total == 1


def test_a_re_admitted_members_badges_are_pushed_back_by_the_time_out(membership, tree,
                                                                      readmitted):
    gap = (READMITTED_ON - LEFT_ON).days
    assert gap == 3795

    # without the gap the 30-year badge would have fallen on 1/3/2020
    assert _badges(membership, tree["province"], date(2020, 1, 1), date(2020, 12, 31),
                   readmitted) == []
    assert _badges(membership, tree["province"], date(2030, 1, 1), date(2030, 12, 31),
                   readmitted) == [
        ("Ngô Văn Quang", 30, date(2030, 7, 22))]  # 1/3/2020 + 3,795 days
    view = membership.queries.member(readmitted)
    assert (view.status, view.first_admitted_on, view.admitted_on) == (
        "probationary", date(1990, 3, 1), READMITTED_ON)


def test_the_re_admission_decision_records_that_it_is_one(membership, readmitted):
    submitted, _proposed, admitted = membership.store.read_stream(f"member-{readmitted}")[-3:]

    assert submitted.data["readmission"] is True
    assert admitted.data["readmission"] is True


def test_a_member_can_be_re_admitted_only_once(membership, tree, readmitted):
    membership.run(c.HoldAdmissionCeremony(readmitted, date(2010, 7, 1)))
    membership.remove_from_probation(readmitted, date(2011, 7, 15), "Không đạt")
    sponsors = membership.sponsors(tree["other_branch"])

    error = membership.refuse(c.SubmitApplication(
        tree["branch"], membership.profile("Ngô Văn Quang", date(1965, 1, 1)),
        tuple(membership.sponsor(s, date(2011, 1, 1)) for s in sponsors), date(2012, 3, 1),
        member_id=readmitted), RuleViolated)

    assert (error.rule, error.rule_version) == ("readmission.max_times", "QĐ45-2011")


def test_an_expelled_member_cannot_apply_again(membership, tree):
    member = membership.official(tree["branch"], "Ngô Văn Quang")
    membership.discipline(member, "expulsion", date(2024, 1, 1), "Tham nhũng")
    sponsors = membership.sponsors(tree["branch"])

    membership.refuse(c.SubmitApplication(
        tree["branch"], membership.profile("Ngô Văn Quang", date(1970, 6, 1)),
        tuple(membership.sponsor(s) for s in sponsors), date(2026, 3, 1), member_id=member),
        InvalidState)


def test_a_member_still_on_the_rolls_cannot_apply_again(membership, tree):
    member = membership.official(tree["branch"], "Ngô Văn Quang")
    sponsors = membership.sponsors(tree["branch"])

    membership.refuse(c.SubmitApplication(
        tree["branch"], membership.profile("Ngô Văn Quang", date(1970, 6, 1)),
        tuple(membership.sponsor(s) for s in sponsors), date(2026, 3, 1), member_id=member),
        InvalidState)


def test_badges_due_refuses_a_period_that_ends_before_it_starts(membership, tree):
    from kit.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        membership.queries.badges_due(tree["province"], date(2026, 12, 31), date(2026, 1, 1))
    assert caught.value.field == "to"
