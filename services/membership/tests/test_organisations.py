"""Organisations: the tree is created, renamed, moved, merged and dissolved through commands."""

from __future__ import annotations

from datetime import date

from kit.errors import ConflictsWithLaterFact, InvalidInput, InvalidState, RuleViolated
from services.membership.domain import commands as c

from .conftest import by


def _counts(membership, org_id):
    node = membership.queries.organisation_tree(org_id)
    return node.subtree_counts


def test_creating_an_organisation_under_an_allowed_parent_puts_it_in_the_tree(membership):
    province = membership.province()
    commune = membership.commune(province, "Đảng bộ xã Yên Thắng")

    view = membership.queries.organisation(commune)
    assert (view.name, view.type, view.parent_id, view.depth) == (
        "Đảng bộ xã Yên Thắng", "commune_committee", province, 1)
    root = membership.queries.organisation_tree(province)
    assert [child.organisation.id for child in root.children] == [commune]


def test_the_creation_event_records_the_rule_version_in_force(membership):
    province = membership.province()
    commune = membership.commune(province)

    [created] = membership.store.read_stream(f"organisation-{commune}")
    assert created.type == "membership.OrganisationCreated"
    assert created.data["rule_version"] == "QĐ45-2011"  # established 2015: the 2011 rules


def test_an_organisation_under_a_parent_of_the_wrong_type_is_refused(membership):
    province = membership.province()
    commune = membership.commune(province)
    branch = membership.branch(commune)

    error = membership.refuse(
        c.CreateOrganisation("Chi bộ lồng nhau", "grassroots_branch", branch, date(2020, 1, 1)),
        InvalidInput)
    assert error.field == "parent_id"


def test_a_root_must_be_a_provincial_committee(membership):
    error = membership.refuse(
        c.CreateOrganisation("Chi bộ mồ côi", "grassroots_branch", None, date(2020, 1, 1)),
        InvalidInput)
    assert error.field == "parent_id"


def test_a_district_committee_cannot_be_created_from_1_july_2025(membership):
    province = membership.province()

    error = membership.refuse(
        c.CreateOrganisation("Đảng bộ huyện Yên Mô", "district_committee", province,
                             date(2025, 7, 1)),
        RuleViolated)
    assert error.rule == "organisation.district_level_exists"
    assert error.rule_version == "QĐ294-2025"


def test_a_district_committee_can_be_recorded_for_history_before_1_july_2025(membership):
    province = membership.province()

    district = membership.organisation("Đảng bộ huyện Yên Mô", "district_committee", province,
                                       date(2025, 6, 30))

    assert membership.queries.organisation(district).type == "district_committee"


def test_nothing_can_be_placed_under_a_district_committee_from_1_july_2025(membership):
    province = membership.province()
    district = membership.organisation("Đảng bộ huyện Yên Mô", "district_committee", province,
                                       date(2010, 1, 1))
    membership.organisation("Đảng bộ xã Yên Phong", "commune_committee", district,
                            date(2020, 1, 1))

    error = membership.refuse(
        c.CreateOrganisation("Đảng bộ xã Yên Từ", "commune_committee", district, date(2025, 8, 1)),
        RuleViolated)
    assert (error.rule, error.rule_version) == ("organisation.district_level_exists",
                                                "QĐ294-2025")


def test_an_organisation_cannot_be_moved_under_a_district_committee_after_the_reform(membership):
    province = membership.province()
    district = membership.organisation("Đảng bộ huyện Yên Mô", "district_committee", province,
                                       date(2010, 1, 1))
    commune = membership.commune(province)

    error = membership.refuse(c.MoveOrganisation(commune, district, date(2025, 9, 1)),
                              RuleViolated)
    assert error.rule == "organisation.district_level_exists"


def test_renaming_changes_the_name_in_the_tree(membership):
    province = membership.province()
    commune = membership.commune(province, "Đảng bộ xã Yên Thắng")

    membership.run(c.RenameOrganisation(commune, "Đảng bộ phường Yên Thắng", date(2025, 7, 1)))

    assert membership.queries.organisation(commune).name == "Đảng bộ phường Yên Thắng"


def test_renaming_to_the_same_name_is_refused(membership):
    province = membership.province()
    commune = membership.commune(province, "Đảng bộ xã Yên Thắng")

    error = membership.refuse(
        c.RenameOrganisation(commune, "  Đảng bộ xã Yên Thắng ", date(2025, 7, 1)), InvalidInput)
    assert error.field == "name"


def test_moving_an_organisation_moves_its_whole_subtree(membership):
    province = membership.province()
    old_commune = membership.commune(province, "Đảng bộ xã Yên Thắng")
    new_commune = membership.commune(province, "Đảng bộ xã Yên Hòa")
    committee = membership.organisation("Đảng bộ Trường THPT Yên Mô", "grassroots_committee",
                                        old_commune)
    sub_branch = membership.organisation("Chi bộ Giáo viên", "sub_branch", committee)
    membership.official(sub_branch)

    membership.run(c.MoveOrganisation(committee, new_commune, date(2025, 7, 1)))

    assert membership.queries.organisation(committee).parent_id == new_commune
    assert [o.id for o in membership.queries.ancestors(sub_branch)] == [
        province, new_commune, committee]
    assert _counts(membership, new_commune) == {"official": 1}
    assert _counts(membership, old_commune) == {}


def test_moving_an_organisation_under_itself_or_its_own_descendant_is_refused(membership):
    province = membership.province()
    commune = membership.commune(province)
    committee = membership.organisation("Đảng bộ cơ sở Công ty Lương thực", "grassroots_committee",
                                        commune)
    sub = membership.organisation("Đảng bộ bộ phận Phân xưởng", "sub_committee", committee)

    for new_parent in (committee, sub):
        error = membership.refuse(c.MoveOrganisation(committee, new_parent, date(2025, 7, 1)),
                                  InvalidInput)
        assert error.field == "parent_id"
        assert "itself" in error.message


def test_merging_moves_members_and_sub_organisations_to_the_survivor(membership):
    province = membership.province()
    merged = membership.commune(province, "Đảng bộ xã Yên Thắng")
    survivor = membership.commune(province, "Đảng bộ xã Yên Hòa")
    merged_branch = membership.branch(merged, "Chi bộ thôn Bình Hải")
    survivor_branch = membership.branch(survivor, "Chi bộ thôn Yên Thổ")
    member_a = membership.official(merged_branch, "Vũ Văn Dũng")
    membership.probationary(merged_branch)
    membership.official(survivor_branch)
    before = {
        "province": _counts(membership, province),
        "sum": {k: _counts(membership, merged).get(k, 0) + _counts(membership, survivor).get(k, 0)
                for k in ("official", "probationary")},
    }

    result = membership.run(c.MergeOrganisation(merged, survivor, date(2025, 7, 1)))

    assert result.ids == {"organisation_id": survivor}
    assert _counts(membership, province) == before["province"]
    assert _counts(membership, survivor) == before["sum"]
    assert membership.queries.organisation(merged_branch).parent_id == survivor
    assert membership.queries.organisation(merged).status == "merged"
    assert membership.queries.organisation(merged).merged_into == survivor
    assert membership.queries.member(member_a).organisation_id == merged_branch
    assert membership.queries.is_within(merged_branch, survivor)
    assert membership.events_of(f"organisation-{survivor}")[-1] == "OrganisationAbsorbed"


def test_merging_two_branches_moves_their_members_to_the_survivor(membership, tree):
    a = membership.official(tree["branch"], "Vũ Văn Dũng")
    b = membership.official(tree["other_branch"], "Bùi Thị Hà", gender="female")

    membership.run(c.MergeOrganisation(tree["branch"], tree["other_branch"], date(2025, 7, 1)))

    assert membership.queries.member(a).organisation_id == tree["other_branch"]
    node = membership.queries.organisation_tree(tree["other_branch"])
    assert node.own_counts == {"official": 2}
    listed = membership.queries.members(tree["other_branch"]).items
    assert {m.id for m in listed} == {a, b}


def test_merging_into_its_own_descendant_is_refused(membership):
    province = membership.province()
    commune = membership.commune(province)
    branch = membership.branch(commune)

    error = membership.refuse(c.MergeOrganisation(commune, branch, date(2025, 7, 1)), InvalidInput)
    assert error.field == "into_organisation_id"


def test_merging_organisations_of_different_levels_is_refused(membership, tree):
    error = membership.refuse(
        c.MergeOrganisation(tree["branch"], tree["commune"], date(2025, 7, 1)), InvalidInput)
    assert error.field == "into_organisation_id"


def test_dissolving_an_organisation_that_still_has_members_is_refused(membership, tree):
    membership.official(tree["branch"])

    membership.refuse(c.DissolveOrganisation(tree["branch"], date(2025, 7, 1), "sáp nhập"),
                      InvalidState)


def test_dissolving_an_organisation_with_sub_organisations_is_refused(membership, tree):
    membership.refuse(c.DissolveOrganisation(tree["commune"], date(2025, 7, 1), "sắp xếp"),
                      InvalidState)


def test_dissolving_an_empty_organisation_removes_it_from_the_tree(membership, tree):
    membership.run(c.DissolveOrganisation(tree["branch"], date(2025, 7, 1), "Không còn đảng viên"))

    assert membership.queries.organisation(tree["branch"]).status == "dissolved"
    children = membership.queries.organisation_tree(tree["commune"]).children
    assert [child.organisation.id for child in children] == [tree["other_branch"]]


def test_a_branch_whose_members_all_left_can_be_dissolved(membership, tree):
    member = membership.official(tree["branch"])
    membership.run(c.RecordMemberDeath(member, date(2024, 2, 1)))

    membership.run(c.DissolveOrganisation(tree["branch"], date(2025, 7, 1), "Không còn đảng viên"))

    assert membership.queries.organisation(tree["branch"]).status == "dissolved"


def test_commands_on_a_merged_organisation_are_refused(membership, tree):
    membership.run(c.MergeOrganisation(tree["branch"], tree["other_branch"], date(2025, 7, 1)))
    gone = tree["branch"]

    for command in (
        c.RenameOrganisation(gone, "Chi bộ mới", date(2025, 8, 1)),
        c.MoveOrganisation(gone, tree["province"], date(2025, 8, 1)),
        c.MergeOrganisation(gone, tree["other_branch"], date(2025, 8, 1)),
        c.DissolveOrganisation(gone, date(2025, 8, 1), "đã sáp nhập"),
        c.MergeOrganisation(tree["other_branch"], gone, date(2025, 8, 1)),
    ):
        membership.refuse(command, InvalidState)


def test_commands_on_a_dissolved_organisation_are_refused(membership, tree):
    membership.run(c.DissolveOrganisation(tree["branch"], date(2025, 7, 1), "giải thể"))
    gone = tree["branch"]
    member = membership.official(tree["other_branch"])

    for command in (
        c.RenameOrganisation(gone, "Chi bộ mới", date(2025, 8, 1)),
        c.DissolveOrganisation(gone, date(2025, 8, 1), "lần nữa"),
        c.CreateOrganisation("Tổ đảng 1", "party_cell", gone, date(2025, 8, 1)),
        c.TransferMember(member, gone, date(2025, 8, 1), decision=by(tree["commune"], "committee")),
        c.SubmitApplication(gone, membership.profile(), (), date(2025, 8, 1)),
    ):
        membership.refuse(command, InvalidState)


def test_an_organisation_change_dated_in_the_future_is_refused(membership, tree):
    error = membership.refuse(
        c.RenameOrganisation(tree["branch"], "Chi bộ mới", date(2026, 11, 21)), InvalidInput)
    assert error.field == "effective_on"


def test_an_organisation_change_dated_before_its_last_change_is_refused(membership, tree):
    membership.run(c.RenameOrganisation(tree["branch"], "Chi bộ thôn Bình Hải 1", date(2025, 7, 1)))

    error = membership.refuse(
        c.RenameOrganisation(tree["branch"], "Chi bộ thôn Bình Hải 2", date(2025, 6, 1)),
        ConflictsWithLaterFact)
    assert error.details == {"attempted": "OrganisationRenamed", "attempted_on": "2025-06-01",
                             "later": "OrganisationRenamed", "later_on": "2025-07-01"}


def test_malformed_organisation_input_is_refused_naming_the_field(membership, tree):
    cases = [
        (c.CreateOrganisation("Chi bộ", "chi_bo", tree["commune"], date(2020, 1, 1)), "type"),
        (c.CreateOrganisation("   ", "grassroots_branch", tree["commune"], date(2020, 1, 1)),
         "name"),
        (c.CreateOrganisation("C" * 201, "grassroots_branch", tree["commune"], date(2020, 1, 1)),
         "name"),
        (c.CreateOrganisation("Chi bộ", "grassroots_branch", "not-an-id", date(2020, 1, 1)),
         "parent_id"),
        (c.RenameOrganisation("42", "Chi bộ", date(2020, 1, 1)), "organisation_id"),
        (c.MoveOrganisation(tree["branch"], "x", date(2020, 1, 1)), "new_parent_id"),
        (c.MergeOrganisation(tree["branch"], "", date(2020, 1, 1)), "into_organisation_id"),
    ]
    for command, field in cases:
        error = membership.refuse(command, InvalidInput)
        assert error.field == field, command


def test_a_merge_entered_late_that_would_strand_a_later_transfer_into_it_is_refused(
        membership, tree):
    member = membership.official(tree["branch"], "Đỗ Văn Khải")
    membership.transfer(member, tree["other_branch"], date(2025, 8, 1))

    error = membership.refuse(c.MergeOrganisation(tree["other_branch"], tree["branch"],
                                                  date(2025, 7, 1)), ConflictsWithLaterFact)
    assert error.details == {"attempted": "OrganisationMerged", "attempted_on": "2025-07-01",
                             "later": "MemberTransferred", "later_on": "2025-08-01"}
    membership.run(c.MergeOrganisation(tree["other_branch"], tree["branch"], date(2025, 8, 1)))
