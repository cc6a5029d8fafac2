"""A user acts for one organisation and changes only its subtree; business dates are Hanoi dates.

What lies outside the subtree is refused as not found, exactly as an id that names nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from kit.errors import Forbidden, InvalidInput, NotFound
from services.membership.domain import commands as c

from .conftest import by


def test_a_user_acting_for_a_branch_cannot_change_another_branchs_member(membership, tree):
    member = membership.official(tree["other_branch"])

    error = membership.refuse(c.ExemptMember(member, date(2026, 1, 5), "weak_health",
                                             decision=by(tree["branch"], "assembly")), NotFound,
                              acting_for=tree["branch"], organ="assembly")
    assert error.details == {"kind": "member", "id": member}


def test_a_user_acting_for_a_commune_changes_members_of_its_branches(membership, tree):
    member = membership.official(tree["branch"])

    membership.run(c.TransferMember(member, tree["other_branch"], date(2026, 1, 5),
                                    decision=by(tree["commune"], "committee")),
                   acting_for=tree["commune"], organ="committee")

    assert membership.queries.member(member).organisation_id == tree["other_branch"]


def test_a_user_cannot_create_or_reshape_organisations_outside_their_subtree(membership, tree):
    other_commune = membership.commune(tree["province"], "Đảng bộ xã Khánh Hội")
    acting = {"acting_for": tree["commune"]}

    membership.refuse(c.CreateOrganisation("Chi bộ mới", "grassroots_branch", other_commune,
                                           date(2020, 1, 1)), NotFound, **acting)
    membership.refuse(c.CreateOrganisation("Tỉnh mới", "provincial_committee", None,
                                           date(2020, 1, 1)), Forbidden, **acting)
    membership.refuse(c.MoveOrganisation(tree["branch"], other_commune, date(2025, 7, 1)),
                      NotFound, **acting)
    membership.refuse(c.MergeOrganisation(tree["branch"], membership.branch(other_commune),
                                          date(2025, 7, 1)), NotFound, **acting)
    membership.refuse(c.RenameOrganisation(tree["province"], "Tỉnh ủy", date(2025, 7, 1)),
                      NotFound, **acting)


def test_a_user_cannot_file_an_application_in_another_subtree(membership, tree):
    sponsors = membership.sponsors(tree["other_branch"])

    membership.refuse(c.SubmitApplication(
        tree["other_branch"], membership.profile(),
        tuple(membership.sponsor(s) for s in sponsors), date(2026, 6, 1)), NotFound,
        acting_for=tree["branch"])


def test_a_former_member_kept_elsewhere_is_not_readmitted_and_her_status_not_told(membership,
                                                                                  tree):
    sponsors = tuple(membership.sponsor(s) for s in membership.sponsors(tree["branch"]))
    former = membership.official(tree["other_branch"], "Đào Thị Hạnh", gender="female")
    membership.remove_from_rolls(former, "card_surrendered", date(2026, 3, 1))
    official = membership.official(tree["other_branch"], "Lê Văn Cường")

    def readmit(member_id: str):
        return membership.refuse(c.SubmitApplication(
            tree["branch"], membership.profile("Hoàng Thị Mai", gender="female"), sponsors,
            date(2026, 6, 1), member_id=member_id), NotFound, acting_for=tree["branch"])

    answers = {m: readmit(m) for m in (former, official, str(uuid.uuid4()))}
    assert {(e.message.replace(m, "?"), e.details["kind"]) for m, e in answers.items()} == {
        ("member ? does not exist", "member")}
    assert membership.queries.member(former).full_name == "Đào Thị Hạnh"


def test_a_sponsor_kept_in_another_subtree_is_refused_as_unknown(membership, tree):
    mine = membership.sponsors(tree["branch"])[0]
    theirs = membership.official(tree["other_branch"], "Lê Văn Cường")

    error = membership.refuse(c.SubmitApplication(
        tree["branch"], membership.profile(), (membership.sponsor(mine),
                                               membership.sponsor(theirs)), date(2026, 6, 1)),
        NotFound, acting_for=tree["branch"])

    assert error.details == {"kind": "member", "id": theirs}


def test_a_command_naming_a_merged_branch_acts_on_its_survivor(membership, tree):
    sponsors = membership.sponsors(tree["branch"])
    membership.run(c.MergeOrganisation(tree["branch"], tree["other_branch"], date(2025, 7, 1)))

    result = membership.run(c.SubmitApplication(
        tree["branch"], membership.profile(), tuple(membership.sponsor(s) for s in sponsors),
        date(2026, 6, 1)))

    assert membership.queries.member(result.ids["member_id"]).organisation_id == \
        tree["other_branch"]
    # a member of the merged branch is now in the survivor's scope, and out of the old one's
    membership.exempt(sponsors[0], date(2026, 6, 2), "weak_health",
                      acting_for=tree["other_branch"], organ="assembly")
    membership.refuse(c.ExemptMember(sponsors[1], date(2026, 6, 2), "weak_health",
                                     decision=by(tree["branch"], "assembly")), NotFound,
                      acting_for=tree["branch"], organ="assembly")


def test_today_is_the_date_in_hanoi_not_in_utc(membership, tree, clock):
    member = membership.official(tree["branch"])
    clock.at = datetime(2026, 11, 19, 17, 30, tzinfo=UTC)  # 00:30 on 20/11 in Hanoi

    membership.exempt(member, date(2026, 11, 20), "weak_health")

    error = membership.refuse(c.EndExemption(member, date(2026, 11, 21)), InvalidInput)
    assert error.field == "effective_on"
