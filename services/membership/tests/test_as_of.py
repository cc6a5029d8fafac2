"""As-of queries: the tree, a branch's members and the counts on any past date, across a merge."""

from __future__ import annotations

from datetime import date

import pytest

from services.membership.domain import commands as c

BEFORE, MERGED_ON = date(2025, 6, 30), date(2025, 7, 1)


@pytest.fixture
def reform(membership):
    """Two communes, one branch each, merged on 1/7/2025; the survivor renamed the same day."""
    m = membership
    province = m.province()
    yen_thang = m.commune(province, "Đảng bộ xã Yên Thắng")
    yen_hoa = m.commune(province, "Đảng bộ xã Yên Hòa")
    binh_hai = m.branch(yen_thang, "Chi bộ thôn Bình Hải")
    dong_thon = m.branch(yen_hoa, "Chi bộ thôn Đông Thôn")
    ids = {
        "province": province, "yen_thang": yen_thang, "yen_hoa": yen_hoa,
        "binh_hai": binh_hai, "dong_thon": dong_thon,
        "an": m.official(binh_hai, "Nguyễn Văn An"),
        "binh": m.official(binh_hai, "Trần Văn Bình"),
        "chi": m.official(dong_thon, "Hoàng Thị Chi", gender="female"),
        "cuc": m.probationary(dong_thon, "Lê Thị Cúc", admitted_on=date(2025, 2, 1)),
    }
    m.run(c.MergeOrganisation(yen_thang, yen_hoa, MERGED_ON))
    m.run(c.RenameOrganisation(yen_hoa, "Đảng bộ xã Yên Mô", MERGED_ON))
    return ids


def _by_id(node, out=None):
    out = {} if out is None else out
    out[node.organisation.id] = node
    for child in node.children:
        _by_id(child, out)
    return out


def _members_then(membership, org_id, day):
    page = membership.queries.members_as_of(org_id, day, first=200)
    return {(view.full_name, status) for view, status in page.items}


def test_the_tree_before_a_merge_shows_both_organisations_with_their_own_counts(
        membership, reform):
    root = membership.queries.organisation_tree(reform["province"], as_of=BEFORE)
    nodes = _by_id(root)

    assert [n.organisation.name for n in root.children] == [
        "Đảng bộ xã Yên Hòa", "Đảng bộ xã Yên Thắng"]
    assert nodes[reform["yen_thang"]].subtree_counts == {"official": 2}
    assert nodes[reform["yen_hoa"]].subtree_counts == {"official": 1, "probationary": 1}
    assert nodes[reform["binh_hai"]].organisation.parent_id == reform["yen_thang"]
    assert root.subtree_counts == {"official": 3, "probationary": 1}


def test_the_tree_after_a_merge_shows_only_the_survivor_with_the_sum(membership, reform):
    for day in (MERGED_ON, membership.today):
        root = membership.queries.organisation_tree(reform["province"], as_of=day)
        nodes = _by_id(root)

        assert [n.organisation.id for n in root.children] == [reform["yen_hoa"]]
        assert reform["yen_thang"] not in nodes
        survivor = nodes[reform["yen_hoa"]]
        assert survivor.subtree_counts == {"official": 3, "probationary": 1}
        assert {n.organisation.id for n in survivor.children} == {reform["binh_hai"],
                                                                   reform["dong_thon"]}


def test_the_tree_as_of_today_matches_the_current_tree(membership, reform):
    now = membership.queries.organisation_tree(reform["province"])
    then = membership.queries.organisation_tree(reform["province"], as_of=membership.today)

    assert then.subtree_counts == now.subtree_counts
    assert {i: n.own_counts for i, n in _by_id(then).items()} == {
        i: n.own_counts for i, n in _by_id(now).items()}


def test_a_rename_is_visible_from_its_date(membership, reform):
    def survivor_name(day):
        return _by_id(membership.queries.organisation_tree(reform["province"], as_of=day))[
            reform["yen_hoa"]].organisation.name

    assert survivor_name(BEFORE) == "Đảng bộ xã Yên Hòa"
    assert survivor_name(MERGED_ON) == "Đảng bộ xã Yên Mô"
    assert membership.queries.organisation(reform["yen_hoa"]).name == "Đảng bộ xã Yên Mô"


def test_an_organisation_did_not_exist_before_it_was_established(membership, reform):
    assert membership.queries.organisation_tree(reform["province"], as_of=date(2009, 12, 31)) \
        is None
    root = membership.queries.organisation_tree(reform["province"], as_of=date(2010, 1, 1))
    assert root is not None and len(root.children) == 2  # established that very day


def test_members_as_of_shows_who_was_on_a_branchs_rolls_then(membership, reform):
    membership.transfer(reform["an"], reform["dong_thon"], date(2026, 2, 1))
    membership.remove_from_rolls(reform["binh"], "card_surrendered", date(2026, 3, 1))

    assert _members_then(membership, reform["binh_hai"], date(2026, 1, 31)) == {
        ("Nguyễn Văn An", "official"), ("Trần Văn Bình", "official")}
    assert _members_then(membership, reform["binh_hai"], date(2026, 2, 1)) == {
        ("Trần Văn Bình", "official")}
    assert _members_then(membership, reform["binh_hai"], date(2026, 3, 1)) == set()
    assert _members_then(membership, reform["dong_thon"], date(2026, 2, 1)) == {
        ("Nguyễn Văn An", "official"), ("Hoàng Thị Chi", "official"),
        ("Lê Thị Cúc", "probationary")}
    assert _members_then(membership, reform["dong_thon"], date(2025, 1, 31)) == {
        ("Hoàng Thị Chi", "official")}


def test_members_as_of_follows_a_branch_merge(membership, reform):
    membership.run(c.MergeOrganisation(reform["binh_hai"], reform["dong_thon"], date(2025, 8, 1)))

    assert len(_members_then(membership, reform["binh_hai"], date(2025, 7, 31))) == 2
    assert _members_then(membership, reform["binh_hai"], date(2025, 8, 1)) == set()
    assert len(_members_then(membership, reform["dong_thon"], date(2025, 8, 1))) == 4


def test_a_members_status_as_of_a_date_follows_admission_and_late_recognition(membership,
                                                                             reform):
    branch = reform["dong_thon"]
    sponsors = (reform["chi"], membership.official(branch, "Phạm Văn Hùng"))
    tuan = membership.application(branch, sponsors, submitted_on=date(2025, 3, 1))
    membership.admit(tuan, date(2025, 5, 5))
    membership.run(c.HoldAdmissionCeremony(tuan, date(2025, 6, 10)))
    membership.recognise(tuan, date(2026, 9, 1))

    def status_on(day):
        return dict(_members_then(membership, branch, day)).get("Hoàng Minh Tuấn")

    assert status_on(date(2025, 4, 1)) is None  # an applicant is not on the rolls
    assert status_on(date(2025, 5, 5)) == "probationary"
    assert status_on(date(2026, 6, 9)) == "probationary"
    # official from the end of probation, though decided on 1/9/2026
    assert status_on(date(2026, 6, 10)) == "official"
    assert status_on(membership.today) == "official"
    counts_then = _by_id(membership.queries.organisation_tree(
        reform["province"], as_of=date(2026, 6, 9)))[branch].own_counts
    assert counts_then == {"official": 2, "probationary": 2}


def test_members_as_of_pages_through_everyone_once(membership, reform):
    for name in ("Đinh Văn Sáu", "Cao Văn Bảy", "Mai Văn Tám"):
        membership.official(reform["dong_thon"], name)
    seen, after = [], None
    while True:
        page = membership.queries.members_as_of(reform["dong_thon"], membership.today, first=2,
                                                after=after)
        seen += [view.id for view, _ in page.items]
        if not page.has_next:
            break
        after = page.end_cursor

    assert page.total == len(seen) == len(set(seen)) == 5


def test_a_late_recognition_is_official_from_the_end_of_probation_even_after_a_transfer(
        membership, reform):
    home, away = reform["dong_thon"], reform["binh_hai"]
    sponsors = (reform["chi"], membership.official(home, "Phạm Văn Hùng"))
    tuan = membership.application(home, sponsors, submitted_on=date(2025, 3, 1))
    membership.admit(tuan, date(2025, 5, 5))
    membership.run(c.HoldAdmissionCeremony(tuan, date(2025, 6, 10)))
    # probation ends 10/6/2026; the member moves on 1/7 and is recognised only on 1/9
    membership.transfer(tuan, away, date(2026, 7, 1))
    membership.recognise(tuan, date(2026, 9, 1))

    def status_on(branch, day):
        return dict(_members_then(membership, branch, day)).get("Hoàng Minh Tuấn")

    assert status_on(home, date(2026, 6, 9)) == "probationary"
    assert status_on(home, date(2026, 6, 20)) == "official"
    assert status_on(away, date(2026, 6, 20)) is None
    assert status_on(away, date(2026, 7, 1)) == "official"


def test_the_tree_as_of_a_date_before_a_move_shows_the_old_parent(membership, reform):
    school = membership.organisation("Đảng bộ Trường THPT Yên Mô", "grassroots_committee",
                                     reform["yen_hoa"])
    new_commune = membership.commune(reform["province"], "Đảng bộ phường Trung Sơn")
    membership.run(c.MoveOrganisation(school, new_commune, date(2026, 1, 1)))

    before = _by_id(membership.queries.organisation_tree(reform["province"],
                                                         as_of=date(2025, 12, 31)))
    after = _by_id(membership.queries.organisation_tree(reform["province"],
                                                        as_of=date(2026, 1, 1)))
    assert before[school].organisation.parent_id == reform["yen_hoa"]
    assert after[school].organisation.parent_id == new_commune
