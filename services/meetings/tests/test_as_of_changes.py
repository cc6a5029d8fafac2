"""The roll of a meeting's own date follows the 2025 membership changes on their dates: a
suspension flags the member only on the days it lasts, a letter out of the province takes them
off the roll from its issue, and a receipt (from a branch here or another province) puts them on
it from the day they were received."""

from __future__ import annotations

from datetime import date

from services.meetings.domain import commands as mc
from services.membership.domain import change_commands as cc
from services.membership.domain import commands as c

from .conftest import profile

MARCH, MAY, JUNE, JULY = date(2026, 3, 5), date(2026, 5, 6), date(2026, 6, 1), date(2026, 7, 6)


def open_meeting(world, branch: str, day: date) -> str:
    meeting = world.schedule(branch, world.at(day))
    world.run(mc.OpenMeeting(meeting, world.at(day)))
    return meeting


def suspended(world, meeting: str) -> dict[str, bool]:
    return {a.full_name: a.suspended for a in world.queries.meeting(meeting).attendance}


def test_a_suspension_flags_the_roll_only_on_the_days_it_lasts(world, tree):
    an, _ = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình")
    world.member_command(cc.SuspendMember(an, date(2026, 4, 1), "detained", "Bị tạm giam"))
    world.member_command(cc.EndSuspension(an, JUNE, "Đình chỉ điều tra"))

    # minutes of March, May and July entered after the suspension ended
    for day, flagged in ((MARCH, False), (MAY, True), (JULY, False)):
        assert suspended(world, open_meeting(world, tree["branch"], day)) == {
            "Lê Văn An": flagged, "Trần Văn Bình": False}, day


def test_a_letter_out_of_the_province_ends_the_roll_on_its_date(world, tree):
    an, _ = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình")
    world.member_command(cc.IssueTransferLetter(
        an, JUNE, "41-GGT/TU", destination=cc.TransferDestination("Tỉnh Thanh Hóa",
                                                                  "Đảng bộ xã Nga Sơn")))

    assert world.summoned(open_meeting(world, tree["branch"], MARCH)) == ["Lê Văn An",
                                                                           "Trần Văn Bình"]
    assert world.summoned(open_meeting(world, tree["branch"], JULY)) == ["Trần Văn Bình"]


def test_receipts_put_members_on_the_roll_from_the_day_they_were_received(world, tree):
    world.official(tree["far_branch"], "Bùi Văn Hải")
    an, _ = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình")
    world.member_command(cc.IssueTransferLetter(an, MAY, "42-GGT/ĐU",
                                                to_organisation_id=tree["far_branch"]))
    world.member_command(cc.ReceiveTransferredMember(an, JUNE))
    world.member_command(cc.ReceiveMemberFromProvince(
        tree["far_branch"], profile("Đặng Thị Thu", gender="female"), "official",
        date(2010, 3, 1), "Tỉnh Thanh Hóa", "Chi bộ thôn Nga Điền", "7-GGT/HU", date(2026, 5, 25),
        JUNE, official_from=date(2011, 3, 1)))

    # in transit in May: still on the sending branch's roll, not yet on the receiving one's
    assert world.summoned(open_meeting(world, tree["branch"], date(2026, 5, 20))) == [
        "Lê Văn An", "Trần Văn Bình"]
    assert world.summoned(open_meeting(world, tree["far_branch"], MARCH)) == ["Bùi Văn Hải"]
    assert set(world.summoned(open_meeting(world, tree["far_branch"], JULY))) == {
        "Bùi Văn Hải", "Đặng Thị Thu", "Lê Văn An"}
    assert world.summoned(open_meeting(world, tree["branch"], JULY)) == ["Trần Văn Bình"]


def away(world, meeting: str) -> dict[str, bool]:
    return {a.full_name: a.temporarily_transferred_out
            for a in world.queries.meeting(meeting).attendance}


def test_a_temporary_stay_ends_on_its_end_date_unless_extended(world, tree):
    """Nobody recorded their return: An is home again after 1/6, the end of the stay; Bình's
    stay, extended to 1/9, still keeps him away in July."""
    an, binh = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình")
    for member in (an, binh):
        world.member_command(c.TransferMemberTemporarily(member, tree["far_branch"],
                                                         date(2026, 3, 1), JUNE, "work"))
    world.member_command(cc.ExtendTemporaryTransfer(binh, date(2026, 9, 1), date(2026, 5, 20)))

    assert away(world, open_meeting(world, tree["branch"], MAY)) == {
        "Lê Văn An": True, "Trần Văn Bình": True}
    assert away(world, open_meeting(world, tree["branch"], JULY)) == {
        "Lê Văn An": False, "Trần Văn Bình": True}
