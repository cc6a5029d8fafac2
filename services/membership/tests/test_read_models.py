"""Read models: members with filters and cursor pagination, member history, the tree's counts."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput
from services.membership.domain import commands as c

NAMES = ["Nguyễn Văn An", "Trần Thị Anh", "Lê Văn Ánh", "Phạm Văn Bình", "Hoàng Thị Chi",
         "Nguyễn Văn Dũng", "Đỗ Văn Đức", "Bùi Thị Hà", "Nguyễn Thị Hoa"]


@pytest.fixture
def roll(membership, tree):
    """Nine members in one branch; the women are the names with 'Thị'."""
    ids = {}
    for name in NAMES:
        gender = "female" if " Thị " in name else "male"
        ids[name] = membership.official(tree["branch"], name, gender=gender)
    return ids


def _names(page):
    return [m.full_name for m in page.items]


def test_members_are_listed_in_vietnamese_order_of_given_name(membership, tree, roll):
    page = membership.queries.members(tree["branch"])

    assert _names(page) == NAMES
    assert (page.total, page.has_next) == (9, False)


def test_a_name_search_without_diacritics_finds_names_with_them(membership, tree, roll):
    assert _names(membership.queries.members(tree["branch"], name_contains="nguyen van")) == [
        "Nguyễn Văn An", "Nguyễn Văn Dũng"]
    assert _names(membership.queries.members(tree["branch"], name_contains="DUC")) == [
        "Đỗ Văn Đức"]
    # the needle is folded too: marks typed or not, "Hoà" finds Hoàng and Hoa alike
    assert _names(membership.queries.members(tree["branch"], name_contains="Hoà")) == [
        "Hoàng Thị Chi", "Nguyễn Thị Hoa"]
    assert _names(membership.queries.members(tree["branch"], name_contains="thi ha")) == [
        "Bùi Thị Hà"]


def test_a_name_search_treats_sql_wildcards_as_text(membership, tree, roll):
    assert membership.queries.members(tree["branch"], name_contains="%").total == 0
    assert membership.queries.members(tree["branch"], name_contains="_").total == 0


def test_members_can_be_filtered_by_status_gender_and_exemption(membership, tree, roll):
    probationary = membership.probationary(tree["branch"], "Lê Thị Cúc")
    membership.exempt(roll["Bùi Thị Hà"], date(2026, 1, 5), "weak_health")
    applicant = membership.application(tree["branch"], (roll["Nguyễn Văn An"],
                                                        roll["Phạm Văn Bình"]))
    q = membership.queries

    assert [m.id for m in q.members(tree["branch"], statuses=["probationary"]).items] == [
        probationary]
    assert [m.id for m in q.members(tree["branch"], statuses=["applicant"]).items] == [applicant]
    assert _names(q.members(tree["branch"], gender="female")) == [
        "Trần Thị Anh", "Hoàng Thị Chi", "Lê Thị Cúc", "Bùi Thị Hà", "Nguyễn Thị Hoa"]
    assert _names(q.members(tree["branch"], exempt=True)) == ["Bùi Thị Hà"]
    assert q.members(tree["branch"], exempt=False).total == 9
    assert _names(q.members(tree["branch"], gender="female", statuses=["official"],
                            name_contains="thi h")) == ["Bùi Thị Hà", "Nguyễn Thị Hoa"]


def test_members_are_scoped_to_the_asked_subtree(membership, tree):
    here = membership.official(tree["branch"], "Nguyễn Văn An")
    there = membership.official(tree["other_branch"], "Trần Văn Bình")
    other_commune = membership.commune(tree["province"], "Đảng bộ xã Khánh Hội")
    elsewhere = membership.official(membership.branch(other_commune), "Lê Văn Chiến")
    q = membership.queries

    assert [m.id for m in q.members(tree["branch"]).items] == [here]
    assert {m.id for m in q.members(tree["commune"]).items} == {here, there}
    assert {m.id for m in q.members(tree["province"]).items} == {here, there, elsewhere}
    assert q.is_within(tree["branch"], tree["commune"])
    assert not q.is_within(tree["branch"], other_commune)


def test_cursor_pages_cover_every_member_once_in_order(membership, tree, roll):
    q = membership.queries
    seen, after, pages = [], None, 0
    while True:
        page = q.members(tree["commune"], first=2, after=after)
        assert page.total == 9
        seen += [m.id for m in page.items]
        pages += 1
        if not page.has_next:
            break
        after = page.end_cursor

    assert pages == 5
    assert seen == [m.id for m in q.members(tree["commune"], first=200).items]
    assert len(set(seen)) == 9


def test_a_page_size_outside_the_limits_or_a_forged_cursor_is_refused(membership, tree):
    for first in (0, 201):
        with pytest.raises(InvalidInput) as caught:
            membership.queries.members(tree["branch"], first=first)
        assert caught.value.field == "first"
    with pytest.raises(InvalidInput) as caught:
        membership.queries.members(tree["branch"], after="not a cursor!")
    assert caught.value.field == "after"


def test_a_members_history_lists_every_change_in_order_including_a_merge(membership, tree):
    member = membership.official(tree["branch"], "Nguyễn Văn An", admitted_on=date(2000, 3, 1))
    membership.transfer(member, tree["other_branch"], date(2025, 3, 1))
    membership.run(c.MergeOrganisation(tree["other_branch"], tree["branch"], date(2025, 7, 1)))
    membership.exempt(member, date(2025, 9, 1), "weak_health")
    membership.run(c.UpdateMemberProfile(member, date(2025, 10, 1),
                                         c.ProfileChanges(occupation="Hưu trí")))
    membership.discipline(member, "reprimand", date(2026, 2, 3), "Vi phạm")

    history = membership.queries.member_history(member)

    assert [(h.event, h.effective_on) for h in history] == [
        ("ExistingMemberRecorded", date(2000, 3, 1)),
        ("MemberTransferred", date(2025, 3, 1)),
        ("MovedByOrganisationMerge", date(2025, 7, 1)),
        ("MemberExempted", date(2025, 9, 1)),
        ("MemberProfileUpdated", date(2025, 10, 1)),
        ("MemberDisciplined", date(2026, 2, 3)),
    ]
    merge = history[2].details
    assert (merge["from_organisation_id"], merge["to_organisation_id"]) == (
        tree["other_branch"], tree["branch"])
    assert history[0].actor == "u-officer (organisation_commission)"
    assert history[4].details["profile"]["occupation"] == "Hưu trí"


def test_the_tree_counts_members_by_status_on_their_own_rolls_and_over_the_subtree(
        membership, tree, roll):
    membership.probationary(tree["other_branch"])
    membership.official(tree["other_branch"], "Vũ Văn Tám")
    membership.run(c.RecordMemberDeath(roll["Bùi Thị Hà"], date(2026, 1, 5)))

    root = membership.queries.organisation_tree(tree["province"])
    [commune] = root.children
    branches = {node.organisation.id: node for node in commune.children}

    assert branches[tree["branch"]].own_counts == {"official": 8, "deceased": 1}
    assert branches[tree["other_branch"]].own_counts == {"official": 1, "probationary": 1}
    assert commune.own_counts == {}
    assert commune.subtree_counts == {"official": 9, "probationary": 1, "deceased": 1}
    assert root.subtree_counts == commune.subtree_counts


def test_the_tree_lists_children_in_vietnamese_order(membership, tree):
    for name in ("Chi bộ Đông Thôn", "Chi bộ Ân Hòa", "Chi bộ Dân Trí"):
        membership.branch(tree["commune"], name)

    children = membership.queries.organisation_tree(tree["commune"]).children

    assert [n.organisation.name for n in children] == [
        "Chi bộ Ân Hòa", "Chi bộ Dân Trí", "Chi bộ Đông Thôn", "Chi bộ thôn Bình Hải",
        "Chi bộ thôn Yên Thổ"]
