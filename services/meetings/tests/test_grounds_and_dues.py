"""On the embedded platform: dues entered at meetings, the grounds for xóa tên a branch's records
show (read back through `removal_grounds`), and typed resolutions linked to real members."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput, NotFound
from services.meetings.domain import commands as mc

GROUND = "meetings.RemovalFromRollsGroundsFound"


@pytest.fixture
def branch(world, tree):
    an, binh, cuong = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình",
                                      "Đỗ Văn Cường")
    return {"id": tree["branch"], "an": an, "binh": binh, "cuong": cuong}


def monthly(world, branch, day: date, payers: list[str]) -> str:
    """The month's meeting, everyone present; those listed pay the month's dues."""
    meeting = world.hold(branch["id"], day, close_minutes=False)
    world.run(mc.RecordDuesPayments(meeting, tuple(
        mc.DuesPaymentEntry(m, (f"{day:%Y-%m}",), 25_000) for m in payers)))
    world.run(mc.CloseMinutes(meeting))
    return meeting


def test_three_months_unpaid_give_the_dues_ground_with_its_months(world, tree, branch):
    payers = [branch["an"], branch["binh"]]
    for month in (2, 3):
        monthly(world, branch, date(2026, month, 5), payers)
    assert world.queries.removal_grounds(branch["id"], 2026) == []
    third = monthly(world, branch, date(2026, 5, 5), payers)

    (ground,) = world.queries.removal_grounds(tree["commune"], 2026)
    assert (ground.full_name, ground.ground, ground.months, ground.threshold) == \
        ("Đỗ Văn Cường", "dues", ["2026-02", "2026-03", "2026-05"], 3)
    assert (ground.meeting_id, ground.found_on, ground.rule_version) == \
        (third, date(2026, 5, 5), "HD42-2025")
    assert world.queries.removal_grounds(tree["other_commune"], 2026) == []
    assert world.queries.unexcused_absentees(branch["id"], 2026) == []


def test_arrears_paid_before_the_third_month_closes_keep_the_member_clear(world, branch):
    payers = [branch["an"], branch["binh"]]
    monthly(world, branch, date(2026, 2, 5), payers)
    monthly(world, branch, date(2026, 3, 5), payers)
    meeting = world.hold(branch["id"], date(2026, 4, 5), close_minutes=False)
    world.run(mc.RecordDuesPayments(meeting, (
        mc.DuesPaymentEntry(branch["cuong"], ("2026-02", "2026-03", "2026-04")),
        *(mc.DuesPaymentEntry(m, ("2026-04",)) for m in payers))))
    world.run(mc.CloseMinutes(meeting))
    assert world.queries.removal_grounds(branch["id"], 2026) == []
    assert GROUND not in world.types_of(f"branch-dues-{branch['id']}-2026")


def test_a_payment_for_someone_not_summoned_is_refused(world, tree, branch):
    stranger = world.official(tree["other_branch"], "Vũ Văn Dũng")
    meeting = world.hold(branch["id"], date(2026, 2, 5), close_minutes=False)
    error = world.refuse(mc.RecordDuesPayments(meeting, (
        mc.DuesPaymentEntry(stranger, ("2026-02",)),)), InvalidInput)
    assert error.field == "payments[0].member_id"


def admission(world, branch, day: date) -> tuple[str, str]:
    applicant = world.applicant(branch["id"], "Phạm Thị Hoa", [branch["an"], branch["binh"]],
                                date(2026, 1, 10))
    meeting = world.hold(branch["id"], day, close_minutes=False)
    return meeting, applicant


def test_an_admission_resolution_links_to_its_applicant_and_needs_two_thirds(world, branch):
    meeting, applicant = admission(world, branch, date(2026, 3, 5))
    world.run(mc.AdoptResolution(meeting, "Nghị quyết đề nghị kết nạp đảng viên", 2, 1, 0,
                                 "admission", applicant))  # 2 of 3: exactly 2/3 passes
    world.run(mc.AdoptResolution(meeting, "Nghị quyết giới thiệu nhân sự", 1, 2, 0,
                                 "personnel"))
    adopted, rejected = world.queries.meeting(meeting).resolutions
    assert (adopted.resolution_type, adopted.subject_member_id, adopted.passed,
            adopted.required_votes) == ("admission", applicant, True, 2)
    assert (rejected.resolution_type, rejected.passed) == ("personnel", False)


def test_an_admission_naming_an_applicant_outside_the_callers_subtree_is_not_found(
        world, tree, branch):
    sponsors = world.officials(tree["far_branch"], "Bùi Văn Hải", "Đinh Văn Khánh")
    elsewhere = world.applicant(tree["far_branch"], "Ngô Thị Lan", sponsors, date(2026, 1, 10))
    meeting, _ = admission(world, branch, date(2026, 3, 5))
    world.refuse(mc.AdoptResolution(meeting, "Nghị quyết đề nghị kết nạp", 3, 0, 0, "admission",
                                    elsewhere), NotFound, acting_for=tree["commune"])
    error = world.refuse(mc.AdoptResolution(meeting, "Nghị quyết đề nghị kết nạp", 3, 0, 0,
                                            "admission", elsewhere), InvalidInput)
    assert error.field == "subject_member_id"  # the system sees it: not this branch's applicant
