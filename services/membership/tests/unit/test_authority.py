"""The table of deciding bodies read against organisation paths (pure: no store)."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import RuleViolated
from services.membership.domain.authority import (
    Authority,
    DecisionKind,
    OrgNode,
    require_body,
    transfer_kind,
    who_may_decide,
)
from services.membership.domain.decision import DecidingBody, Organ
from services.membership.domain.rules import MEMBERSHIP_RULES
from services.membership.domain.values import OrganisationType as T

pytestmark = pytest.mark.unit

PROVINCE = OrgNode("p", "Đảng bộ tỉnh Ninh Bình", T.PROVINCIAL_COMMITTEE)
DISTRICT = OrgNode("d", "Đảng bộ huyện Yên Mô", T.DISTRICT_COMMITTEE)
COMMUNE = OrgNode("x", "Đảng bộ xã Yên Thắng", T.COMMUNE_COMMITTEE)
VILLAGE = OrgNode("v", "Chi bộ thôn Bình Hải", T.SUB_BRANCH)
BEFORE, AFTER = date(2024, 5, 1), date(2025, 9, 1)


def _bodies(kind, path, on):
    return {(b.organisation_id, b.organ.value)
            for b in who_may_decide(kind, path, MEMBERSHIP_RULES, on).bodies}


def test_every_decision_has_a_labelled_row_in_every_version():
    for version in MEMBERSHIP_RULES.versions:
        for kind in DecisionKind:
            row = version[kind.rule]
            assert isinstance(row, Authority) and row.choices
            assert row.source.startswith("[")  # "[S11] …" or "[mem] …"
            assert isinstance(version[kind.proposal_rule], bool)


def test_a_village_branch_is_decided_above_its_commune_before_2025_and_by_it_after():
    before = [VILLAGE, COMMUNE, DISTRICT, PROVINCE]  # the commune was the grassroots party
    after = [VILLAGE, COMMUNE, PROVINCE]  # from 1/7/2025 the commune is the level above
    assert _bodies(DecisionKind.ADMISSION, before, BEFORE) == {("d", "standing_committee")}
    assert _bodies(DecisionKind.ADMISSION, after, AFTER) == {("x", "standing_committee")}


def test_a_delegated_grassroots_committee_admits_from_the_delegation_date_on():
    delegated = OrgNode("x", COMMUNE.name, T.COMMUNE_COMMITTEE, admission_delegated_on=BEFORE)
    path = [VILLAGE, delegated, DISTRICT, PROVINCE]
    assert _bodies(DecisionKind.ADMISSION, path, date(2024, 4, 30)) == {("d", "standing_committee")}
    assert _bodies(DecisionKind.ADMISSION, path, BEFORE) == {("x", "committee")}
    # expulsion: the delegated committee, or the committee above, its BTV or UBKT
    assert ("x", "committee") in _bodies(DecisionKind.DISCIPLINE_EXPULSION, path, BEFORE)


def test_a_refusal_names_the_rule_its_version_and_who_may():
    path = [VILLAGE, COMMUNE, PROVINCE]
    with pytest.raises(RuleViolated) as caught:
        require_body(DecisionKind.REMOVAL_FROM_ROLLS, DecidingBody("v", Organ.ASSEMBLY), path,
                     MEMBERSHIP_RULES, AFTER)
    error = caught.value
    assert (error.rule, error.rule_version) == ("removal_from_rolls.deciding_body", "QĐ294-2025")
    assert "standing_committee of Đảng bộ xã Yên Thắng" in error.message
    assert error.details["may_decide"] == [{"organisation_id": "x", "organ": "standing_committee"}]


def test_a_transfer_letter_out_of_a_branch_directly_under_the_province_is_the_boards():
    branch = OrgNode("b", "Chi bộ Sở Nội vụ", T.GRASSROOTS_BRANCH)
    assert ("p", "organisation_board") in _bodies(DecisionKind.TRANSFER_OUT, [branch, PROVINCE],
                                                  AFTER)


def test_a_move_between_branches_of_one_grassroots_committee_is_within_it():
    company = OrgNode("c", "Đảng bộ Công ty Điện lực", T.GRASSROOTS_COMMITTEE)
    a = [OrgNode("a", "Chi bộ Phòng Kỹ thuật", T.SUB_BRANCH), company, COMMUNE, PROVINCE]
    b = [OrgNode("b", "Chi bộ Phòng Kinh doanh", T.SUB_BRANCH), company, COMMUNE, PROVINCE]
    elsewhere = [VILLAGE, COMMUNE, PROVINCE]
    assert transfer_kind(a, b, MEMBERSHIP_RULES, AFTER) is DecisionKind.TRANSFER_WITHIN
    assert transfer_kind(a, elsewhere, MEMBERSHIP_RULES, AFTER) is DecisionKind.TRANSFER_OUT
    assert _bodies(DecisionKind.TRANSFER_WITHIN, a, AFTER) == {("c", "committee")}
