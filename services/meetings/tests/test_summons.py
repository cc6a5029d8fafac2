"""Who is summoned comes from meetings' own view of membership's events, and is frozen when a
meeting opens: later changes in membership reach the next meeting, never one already held."""

from __future__ import annotations

from datetime import date

from services.meetings.domain import commands as mc
from services.membership.domain import commands as c


def open_meeting(world, branch: str, day: date) -> str:
    meeting = world.schedule(branch, world.at(day))
    world.run(mc.OpenMeeting(meeting, world.at(day)))
    return meeting


def test_a_meeting_summons_the_members_on_the_branch_rolls_in_name_order(world, tree):
    world.officials(tree["branch"], "Trần Văn Bình", "Nguyễn Thị Ánh", "Lê Văn An")
    world.official(tree["other_branch"], "Phạm Văn Hùng")
    meeting = open_meeting(world, tree["branch"], date(2026, 1, 5))
    assert world.summoned(meeting) == ["Lê Văn An", "Nguyễn Thị Ánh", "Trần Văn Bình"]


def test_a_transfer_out_changes_the_next_meeting_but_not_the_one_already_opened(world, tree):
    an, _ = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình")
    january = open_meeting(world, tree["branch"], date(2026, 1, 5))

    world.transfer(an, tree["other_branch"], date(2026, 1, 20))
    february = open_meeting(world, tree["branch"], date(2026, 2, 5))
    elsewhere = open_meeting(world, tree["other_branch"], date(2026, 2, 6))

    assert world.summoned(january) == ["Lê Văn An", "Trần Văn Bình"]
    assert world.summoned(february) == ["Trần Văn Bình"]
    assert world.summoned(elsewhere) == ["Lê Văn An"]


def test_exempt_and_temporarily_transferred_members_stay_summoned_and_flagged(world, tree):
    an, binh, _ = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình", "Đỗ Văn Cường")
    world.exempt(an, date(2026, 1, 10), "weak_health")
    world.member_command(c.TransferMemberTemporarily(binh, tree["far_branch"], date(2026, 1, 10),
                                                     date(2026, 7, 10), "work"))
    home = open_meeting(world, tree["branch"], date(2026, 2, 5))
    host = open_meeting(world, tree["far_branch"], date(2026, 2, 6))

    lines = {a.full_name: a for a in world.queries.meeting(home).attendance}
    assert lines["Lê Văn An"].exempt and not lines["Lê Văn An"].temporarily_transferred_out
    assert lines["Trần Văn Bình"].temporarily_transferred_out
    assert not (lines["Đỗ Văn Cường"].exempt or lines["Đỗ Văn Cường"].temporarily_transferred_out)
    (guest,) = world.queries.meeting(host).attendance
    assert (guest.full_name, guest.temporary_member) == ("Trần Văn Bình", True)

    world.member_command(c.EndExemption(an, date(2026, 2, 10)))
    world.member_command(c.EndTemporaryTransfer(binh, date(2026, 2, 10)))
    march = {a.full_name: a for a in world.queries.meeting(
        open_meeting(world, tree["branch"], date(2026, 3, 5))).attendance}
    assert not march["Lê Văn An"].exempt and not march["Trần Văn Bình"].temporarily_transferred_out
    assert world.queries.roster(tree["far_branch"]) == []


def test_members_who_leave_the_rolls_are_no_longer_summoned(world, tree):
    an, binh, cuong, dung, _ = world.officials(
        tree["branch"], "Lê Văn An", "Trần Văn Bình", "Đỗ Văn Cường", "Vũ Văn Dũng",
        "Hoàng Văn Em")
    giang = world.probationary(tree["branch"], "Ngô Thị Giang")
    january = open_meeting(world, tree["branch"], date(2026, 1, 5))

    world.remove_from_rolls(an, "absent_or_unpaid_three_months", date(2026, 1, 20))
    world.member_command(c.RecordMemberDeath(binh, date(2026, 1, 21)))
    world.discipline(cuong, "expulsion", date(2026, 1, 22), "Vi phạm")
    world.discipline(dung, "warning", date(2026, 1, 22), "Vi phạm nhẹ")
    world.remove_from_probation(giang, date(2026, 1, 23), "Không đủ tư cách")
    february = open_meeting(world, tree["branch"], date(2026, 2, 5))

    assert len(world.summoned(january)) == 6
    assert world.summoned(february) == ["Vũ Văn Dũng", "Hoàng Văn Em"]


def test_a_new_admission_joins_the_next_meeting_as_a_probationary_member(world, tree):
    sponsors = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình")
    applicant = world.applicant(tree["branch"], "Bùi Thị Hoa", sponsors, date(2026, 1, 10))
    before = open_meeting(world, tree["branch"], date(2026, 2, 5))
    world.admit(applicant, date(2026, 2, 20), date(2026, 2, 15), "12-QĐ/ĐU")
    after = open_meeting(world, tree["branch"], date(2026, 3, 5))

    assert "Bùi Thị Hoa" not in world.summoned(before)
    hoa = next(a for a in world.queries.meeting(after).attendance if a.full_name == "Bùi Thị Hoa")
    assert not hoa.official


def test_a_corrected_name_shows_on_the_next_summons_only(world, tree):
    an = world.official(tree["branch"], "Lê Văn An")
    january = open_meeting(world, tree["branch"], date(2026, 1, 5))
    world.member_command(c.UpdateMemberProfile(an, date(2026, 1, 20),
                                               c.ProfileChanges(full_name="Lê Văn Ân")))
    assert world.roster_names(tree["branch"]) == ["Lê Văn Ân"]
    assert world.summoned(january) == ["Lê Văn An"]


def test_a_name_put_right_by_a_correction_shows_on_the_roster(world, tree):
    an = world.official(tree["branch"], "Le Van An")
    world.member_command(c.CorrectMemberFile(an, "full_name", "Lê Văn An", "Nhập thiếu dấu",
                                             "Căn cước công dân"))
    assert world.roster_names(tree["branch"]) == ["Lê Văn An"]


def test_a_merged_branch_members_are_summoned_by_the_branch_that_absorbed_it(world, tree):
    world.official(tree["branch"], "Lê Văn An")
    world.official(tree["other_branch"], "Trần Văn Bình")
    world.member_command(c.MergeOrganisation(tree["other_branch"], tree["branch"],
                                             date(2026, 1, 1)))
    meeting = open_meeting(world, tree["branch"], date(2026, 1, 5))
    assert world.summoned(meeting) == ["Lê Văn An", "Trần Văn Bình"]
    assert world.queries.is_within(tree["other_branch"], tree["branch"])


def test_membership_event_types_meetings_does_not_read_are_skipped_not_parked(world, tree):
    an = world.official(tree["branch"], "Lê Văn An")
    world.member_command(c.IssuePartyCard(an, "37.012345", date(2026, 1, 5)))
    world.member_command(c.RenameOrganisation(tree["branch"], "Chi bộ thôn Bình Hải 1",
                                              date(2026, 1, 6)))
    assert world.meetings.runner.dead_letters() == []
    assert world.queries.organisation(tree["branch"]).name == "Chi bộ thôn Bình Hải 1"
    assert world.queries.applied_position("membership.events") == \
        world.membership.store.head_position()
