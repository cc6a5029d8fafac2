"""Vietnamese text: stored NFC whatever form it arrives in, returned exactly, sorted as Vietnamese."""

from __future__ import annotations

import unicodedata
from datetime import date

from services.membership.domain import commands as c


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


NAME = "Đặng Thị Ngọc Ánh"
HOMETOWN = "Xã Yên Mỹ, tỉnh Ninh Bình"


def test_a_name_given_in_nfd_is_stored_nfc_and_returned_exactly(membership, tree):
    assert nfd(NAME) != NAME
    member = membership.official(tree["branch"], nfd(NAME), gender="female",
                                 hometown=nfd(HOMETOWN), ethnicity=nfd("Mường"),
                                 occupation=nfd("Kế toán"))

    view = membership.queries.member(member)
    assert (view.full_name, view.hometown, view.ethnicity, view.occupation) == (
        NAME, HOMETOWN, "Mường", "Kế toán")
    assert len(view.full_name) == 17
    [recorded] = membership.store.read_stream(f"member-{member}")
    assert recorded.data["profile"]["full_name"] == NAME
    assert unicodedata.is_normalized("NFC", recorded.to_json().decode())


def test_an_organisation_name_given_in_nfd_is_stored_nfc(membership, tree):
    branch = membership.branch(tree["commune"], nfd("Chi bộ thôn Đồng Quỹ"))
    membership.run(c.RenameOrganisation(branch, nfd("Chi bộ thôn Đồng Quỹ Hạ"), date(2025, 7, 1)))

    assert membership.queries.organisation(branch).name == "Chi bộ thôn Đồng Quỹ Hạ"
    names = [e.data["name"] for e in membership.store.read_stream(f"organisation-{branch}")]
    assert names == ["Chi bộ thôn Đồng Quỹ", "Chi bộ thôn Đồng Quỹ Hạ"]


def test_the_same_name_in_nfc_or_nfd_is_one_name(membership, tree):
    a = membership.official(tree["branch"], NAME, gender="female")
    b = membership.official(tree["branch"], nfd(NAME), gender="female")

    assert membership.queries.member(a).full_name == membership.queries.member(b).full_name
    assert membership.queries.members(tree["branch"], name_contains=nfd("Ngọc Ánh")).total == 2
    assert membership.queries.members(tree["branch"], name_contains="ngoc anh").total == 2


def test_a_profile_update_in_nfd_is_stored_nfc(membership, tree):
    member = membership.official(tree["branch"], "Trần Văn Bình")

    membership.run(c.UpdateMemberProfile(member, date(2026, 1, 1), c.ProfileChanges(
        full_name=nfd("Trần Văn Bính"), qualification=nfd("Cử nhân Luật"))))

    view = membership.queries.member(member)
    assert (view.full_name, view.qualification) == ("Trần Văn Bính", "Cử nhân Luật")


def test_a_profile_update_that_only_changes_the_normal_form_changes_nothing(membership, tree):
    from kit.errors import InvalidInput

    member = membership.official(tree["branch"], NAME, gender="female")

    membership.refuse(c.UpdateMemberProfile(member, date(2026, 1, 1),
                                            c.ProfileChanges(full_name=nfd(NAME))), InvalidInput)


def test_members_sort_in_vietnamese_order_of_given_name(membership, tree):
    expected = ["Lê Văn An", "Vũ Thị Anh", "Trần Văn Ánh", "Nguyễn Thị Ăn", "Phạm Văn Ân",
                "Hoàng Văn Bình", "Bùi Thị Chi", "Ngô Văn Dũng", "Đỗ Văn Đức", "Mai Thị Hà",
                "Lý Văn Hải", "Cao Văn Oanh", "Tạ Văn Ông", "Lưu Văn Ơn", "Đinh Văn Tú",
                "Hồ Văn Ưng"]
    for i, name in enumerate(reversed(expected)):
        # half the names arrive decomposed: the order must not care
        membership.official(tree["branch"], nfd(name) if i % 2 else name,
                            gender="female" if " Thị " in name else "male")

    listed = [m.full_name for m in membership.queries.members(tree["branch"], first=50).items]

    assert listed == expected


def test_the_same_given_name_sorts_by_family_then_middle_name(membership, tree):
    for name in ("Trần Thị Hà", "Lê Văn Hà", "Lê Thị Hà", "Đặng Thị Hà"):
        membership.official(tree["branch"], name, gender="female" if "Thị" in name else "male")

    listed = [m.full_name for m in membership.queries.members(tree["branch"]).items]

    assert listed == ["Đặng Thị Hà", "Lê Thị Hà", "Lê Văn Hà", "Trần Thị Hà"]
