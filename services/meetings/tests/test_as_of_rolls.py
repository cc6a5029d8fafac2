"""Meetings as of their own date: the roll a meeting summons is its branch's on the meeting's
day, and statistics follow the tree of each meeting's day, whatever was entered since."""

from __future__ import annotations

from datetime import date

from services.meetings.domain import commands as mc
from services.membership.domain import commands as c

MARCH, JUNE, JULY = date(2026, 3, 5), date(2026, 6, 1), date(2026, 7, 6)


def open_meeting(world, branch: str, day: date) -> str:
    meeting = world.schedule(branch, world.at(day))
    world.run(mc.OpenMeeting(meeting, world.at(day)))
    return meeting


def test_minutes_entered_after_a_later_transfer_summon_the_roll_of_the_meeting_day(world, tree):
    an, _ = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình")
    world.official(tree["far_branch"], "Bùi Văn Hải")
    world.transfer(an, tree["far_branch"], JUNE)

    march = open_meeting(world, tree["branch"], MARCH)  # entered after the transfer of 1/6
    july = open_meeting(world, tree["branch"], JULY)
    far_march = open_meeting(world, tree["far_branch"], MARCH)

    assert world.summoned(march) == ["Lê Văn An", "Trần Văn Bình"]
    assert world.summoned(july) == ["Trần Văn Bình"]
    assert world.summoned(far_march) == ["Bùi Văn Hải"]  # An reached Đông Thôn only on 1/6


def test_a_backdated_exemption_and_temporary_transfer_flag_the_roll_of_their_days(world, tree):
    an, binh, _ = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình", "Đỗ Văn Cường")
    world.member_command(c.TransferMemberTemporarily(binh, tree["far_branch"], date(2026, 2, 1),
                                                     date(2026, 8, 1), "work"))
    world.exempt(an, date(2026, 4, 1), "weak_health")

    lines = {a.full_name: a for a in world.queries.meeting(
        open_meeting(world, tree["branch"], MARCH)).attendance}
    assert not lines["Lê Văn An"].exempt  # exempt only from 1/4
    assert lines["Trần Văn Bình"].temporarily_transferred_out
    (guest,) = world.queries.meeting(open_meeting(world, tree["far_branch"], MARCH)).attendance
    assert (guest.full_name, guest.temporary_member) == ("Trần Văn Bình", True)


def test_a_branch_merged_since_summons_its_own_roll_for_a_day_before_the_merge(world, tree):
    world.official(tree["branch"], "Lê Văn An")
    world.official(tree["other_branch"], "Hoàng Văn Em")
    world.member_command(c.MergeOrganisation(tree["other_branch"], tree["branch"], JUNE))

    # the survivor's meeting of March, entered late, summons only who it had in March
    assert world.summoned(open_meeting(world, tree["branch"], MARCH)) == ["Lê Văn An"]
    assert world.summoned(open_meeting(world, tree["branch"], JULY)) == ["Lê Văn An",
                                                                          "Hoàng Văn Em"]


def test_a_merged_communes_year_before_the_merge_is_still_reportable(world, tree):
    an = world.official(tree["branch"], "Lê Văn An")
    world.official(tree["other_branch"], "Hoàng Văn Em")
    world.official(tree["far_branch"], "Bùi Văn Hải")
    for branch in (tree["branch"], tree["other_branch"], tree["far_branch"]):
        world.hold(branch, MARCH, unexcused=(an,))
    # the commune Yên Thắng merges into Yên Hòa: its branches go with it
    world.member_command(c.MergeOrganisation(tree["commune"], tree["other_commune"], JUNE))
    world.hold(tree["branch"], JULY)

    spring, summer = (date(2026, 1, 1), date(2026, 5, 31)), (date(2026, 6, 1), date(2026, 12, 1))
    q = world.queries
    thang = q.attendance_rate(tree["commune"], *spring)
    assert (thang.meetings, thang.present, thang.absent_unexcused) == (2, 1, 1)
    assert q.attendance_rate(tree["other_commune"], *spring).meetings == 1  # its own branch
    assert q.attendance_rate(tree["other_commune"], *summer).meetings == 1  # Bình Hải's July
    assert q.attendance_rate(tree["commune"], *summer).meetings == 0
    by_branch = q.attendance_by_branch(tree["commune"], *spring)
    assert {b.organisation.id: b.attendance.meetings for b in by_branch} == {
        tree["branch"]: 1, tree["other_branch"]: 1}
    assert [b.organisation.id for b in q.attendance_by_branch(tree["commune"], *summer)] == []
    members = q.attendance_by_member(tree["commune"], *spring, first=10).items
    assert sorted(m.full_name for m in members) == ["Hoàng Văn Em", "Lê Văn An"]


def test_compliance_of_a_merged_commune_follows_the_tree_of_each_month(world, tree):
    for branch, name in ((tree["branch"], "Lê Văn An"), (tree["other_branch"], "Hoàng Văn Em"),
                         (tree["far_branch"], "Bùi Văn Hải")):
        world.official(branch, name)
        world.hold(branch, MARCH)
    world.member_command(c.MergeOrganisation(tree["commune"], tree["other_commune"], JUNE))

    def missed(scope, month):
        start = date(2026, month, 1)
        end = date(2026, month + 1, 1).replace(day=1) - (date(2026, 1, 2) - date(2026, 1, 1))
        return sorted(m.organisation.id for m in
                      world.queries.missed_monthly_meetings(scope, start, end))

    assert missed(tree["commune"], 4) == sorted([tree["branch"], tree["other_branch"]])
    assert missed(tree["other_commune"], 4) == [tree["far_branch"]]
    assert missed(tree["commune"], 7) == []
    assert missed(tree["other_commune"], 7) == sorted(
        [tree["branch"], tree["other_branch"], tree["far_branch"]])
