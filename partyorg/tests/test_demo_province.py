"""The seeded demo province: the tree before and after 1/7/2025, nothing lost in the merges."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from demo import build_plan
from services.membership.api import (
    ISSUED_BY_THE_LINK,
    AcceptIncomingTransfer,
    RefuseIncomingTransfer,
    SendMemberToProvince,
)
from services.membership.application.handlers import HANDLERS
from services.membership.application.views import TreeNode

BEFORE = date(2024, 12, 31)
EVE = date(2025, 6, 30)
REORGANISED = date(2025, 7, 1)
NEW_COMMUNES = {"Đảng bộ xã Yên Mô", "Đảng bộ xã Yên Từ", "Đảng bộ xã Yên Mạc",
                "Đảng bộ xã Đồng Thái", "Đảng bộ phường Yên Thắng", "Đảng bộ xã Khánh Dương"}


def on_rolls(counts: dict[str, int]) -> int:
    return counts.get("official", 0) + counts.get("probationary", 0)


def child(node: TreeNode, name: str) -> TreeNode:
    return next(c for c in node.children if c.organisation.name == name)


def of_type(node: TreeNode, type_: str) -> list[TreeNode]:
    return [c for c in node.children if c.organisation.type == type_]


def test_the_district_was_dissolved_on_1_july_2025(demo):
    district = demo.queries.organisation(demo.marker["district_id"])
    assert district.name == "Đảng bộ huyện Yên Mô"
    assert (district.status, district.ended_on) == ("dissolved", REORGANISED)


def test_today_six_new_communes_and_the_district_units_report_to_the_province(demo):
    tree = demo.queries.organisation_tree(demo.marker["root_id"])
    assert tree.organisation.name == "Đảng bộ tỉnh Ninh Bình"
    assert {c.organisation.name for c in of_type(tree, "commune_committee")} == NEW_COMMUNES
    assert not of_type(tree, "district_committee")
    assert {c.organisation.name for c in of_type(tree, "grassroots_committee")} == {
        "Đảng bộ Công an huyện Yên Mô", "Đảng bộ Quân sự huyện Yên Mô",
        "Đảng bộ Trung tâm Y tế huyện Yên Mô"}


def test_at_the_end_of_2024_the_district_held_seventeen_communes(demo):
    tree = demo.queries.organisation_tree(demo.marker["root_id"], as_of=BEFORE)
    district = child(tree, "Đảng bộ huyện Yên Mô")
    communes = {c.organisation.name for c in of_type(district, "commune_committee")}
    assert len(communes) == 17
    assert {"Đảng bộ xã Yên Thành", "Đảng bộ xã Khánh Thượng", "Đảng bộ thị trấn Yên Thịnh",
            "Đảng bộ xã Mai Sơn"} <= communes
    assert not of_type(tree, "commune_committee")  # none reported to the province yet
    assert on_rolls(district.subtree_counts) > 100


def test_no_member_is_lost_across_the_reorganisation(demo):
    root = demo.marker["root_id"]
    eve = demo.queries.organisation_tree(root, as_of=EVE)
    day = demo.queries.organisation_tree(root, as_of=REORGANISED)
    assert on_rolls(day.subtree_counts) == on_rolls(eve.subtree_counts)
    district = child(eve, "Đảng bộ huyện Yên Mô")
    ended = [c for c in of_type(district, "grassroots_branch")
             if demo.queries.organisation(c.organisation.id).status == "dissolved"]
    assert ended, "the district's own agencies end with it"
    before = sum(on_rolls(c.subtree_counts) for c in of_type(district, "commune_committee"))
    before += sum(on_rolls(c.subtree_counts) for c in ended)  # their staff move to the communes
    after = sum(on_rolls(c.subtree_counts) for c in of_type(day, "commune_committee"))
    assert after == before


def test_members_of_a_merged_commune_are_kept_by_the_survivor_today(demo):
    q = demo.queries
    eve = q.organisation_tree(demo.marker["root_id"], as_of=EVE)
    yen_thanh = child(child(eve, "Đảng bộ huyện Yên Mô"), "Đảng bộ xã Yên Thành")
    merged = q.organisation(yen_thanh.organisation.id)
    survivor = q.organisation(merged.merged_into)
    assert (merged.status, survivor.name) == ("merged", "Đảng bộ xã Đồng Thái")
    checked = 0
    for branch in yen_thanh.children:
        assert q.is_within(branch.organisation.id, survivor.id)
        for member, _status in q.members_as_of(branch.organisation.id, EVE, first=200).items:
            now = q.member(member.id)
            moved_later = any(e.event in ("MemberTransferred", "TransferredMemberReceived")
                              and e.effective_on > REORGANISED
                              for e in q.member_history(member.id))
            if now.status in ("official", "probationary") and not moved_later:
                assert q.is_within(now.organisation_id, survivor.id), member.full_name
                checked += 1
    assert checked > 0
    # asking for the merged commune's members answers with the survivor's
    assert q.members(merged.id).total == q.members(survivor.id).total


def test_member_files_read_like_real_ones(demo):
    page = demo.queries.members(demo.marker["root_id"], first=200)
    members = page.items
    assert len(members) == page.total > 100
    cards = [m.card_number for m in members if m.card_number]
    assert len(set(cards)) == len(cards)
    assert all(re.fullmatch(r"37\.0\d{5}", card) for card in cards)
    assert all(m.citizen_id.startswith("037") for m in members)
    for m in members:
        assert unicodedata.is_normalized("NFC", m.full_name)
        assert 18 <= (date(2026, 11, 20) - m.date_of_birth).days // 365 <= 100
        admitted = m.first_admitted_on or m.admitted_on
        if admitted:
            assert (admitted - m.date_of_birth).days // 365 >= 18
    with_marks = [m for m in members if m.full_name != unicodedata.normalize(
        "NFKD", m.full_name).encode("ascii", "ignore").decode()]
    assert len(with_marks) > len(members) * 0.8  # Vietnamese names carry diacritics
    assert sum(m.ethnicity == "Kinh" for m in members) > len(members) * 0.9
    assert {m.status for m in members} == {"official", "probationary"}


def test_the_full_plan_uses_every_membership_command_at_yen_mo_size():
    steps, province = build_plan(scale=1.0)
    used = {type(s.build(_NoNumbers())).__name__ for s in steps}
    # transfers between provinces need a second province: the demo's federation seeds them
    # (demo/transfers_between_provinces.py, partyorg/tests/test_demo_transfers.py)
    between_provinces = {cls.__name__ for cls in (*ISSUED_BY_THE_LINK, SendMemberToProvince,
                                                  AcceptIncomingTransfer, RefuseIncomingTransfer)}
    assert used == {cls.__name__ for cls in HANDLERS} - between_provinces
    assert 370 <= len(province.branches) <= 390
    assert len(province.communes) == 17
    recorded = sum(type(s.build(_NoNumbers())).__name__ == "RecordExistingMember" for s in steps)
    assert 7_000 <= recorded <= 9_000


class _NoNumbers:
    def card(self) -> str:
        return "37.000000"

    def decision(self, issuer: str, year: int) -> str:
        return f"1-QĐ/{issuer}"
