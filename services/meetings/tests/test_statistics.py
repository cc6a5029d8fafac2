"""Attendance rates per member, branch and subtree over a period, and the meeting lists."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput
from services.meetings.domain import commands as mc
from services.membership.domain import commands as c

Q1 = (date(2026, 1, 1), date(2026, 3, 31))


@pytest.fixture
def held(world, tree):
    """Bình Hải: 4 members, 3 meetings in Q1 and one in April. Yên Thổ: 2 members, 1 meeting.
    Đông Thôn (another commune): 1 member, 1 meeting."""
    an, binh, cuong, dung = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình",
                                            "Đỗ Văn Cường", "Vũ Văn Dũng")
    em, giang = world.officials(tree["other_branch"], "Hoàng Văn Em", "Ngô Văn Giang")
    hai = world.official(tree["far_branch"], "Bùi Văn Hải")
    world.hold(tree["branch"], date(2026, 1, 5))
    world.hold(tree["branch"], date(2026, 2, 5), excused={binh: "Ốm"}, unexcused=(dung,))
    world.exempt(cuong, date(2026, 2, 20), "weak_health")
    world.hold(tree["branch"], date(2026, 3, 5), unexcused=(cuong, dung))  # Cường exempt now
    world.hold(tree["branch"], date(2026, 4, 5), unexcused=(an, binh, dung))
    world.hold(tree["other_branch"], date(2026, 1, 6), unexcused=(giang,))
    world.hold(tree["far_branch"], date(2026, 1, 7))
    return {"an": an, "binh": binh, "cuong": cuong, "dung": dung, "em": em, "hai": hai}


def test_a_branch_rate_is_present_over_those_expected_in_the_period(world, tree, held):
    rate = world.queries.attendance_rate(tree["branch"], *Q1)
    # Jan 4/4; Feb 2/4 (one excused, one not); Mar 2/3 (the exempt Cường is not expected)
    assert (rate.present, rate.absent_excused, rate.absent_unexcused, rate.expected) == \
        (8, 1, 2, 11)
    assert (rate.meetings, rate.unrecorded) == (3, 0)
    assert rate.rate == pytest.approx(8 / 11)


def test_a_subtree_rate_sums_its_branches(world, tree, held):
    commune = world.queries.attendance_rate(tree["commune"], *Q1)
    assert (commune.present, commune.expected, commune.meetings) == (9, 13, 4)
    province = world.queries.attendance_rate(tree["province"], *Q1)
    assert (province.present, province.expected, province.meetings) == (10, 14, 5)
    assert world.queries.attendance_rate(tree["other_commune"], *Q1).rate == 1.0


def test_rates_by_branch_list_every_branch_of_the_subtree(world, tree, held):
    new = world.branch(tree["commune"], "Chi bộ Trường Tiểu học")
    rows = world.queries.attendance_by_branch(tree["commune"], *Q1)
    assert [(r.organisation.name, r.attendance.present, r.attendance.expected) for r in rows] == [
        ("Chi bộ thôn Bình Hải", 8, 11), ("Chi bộ thôn Yên Thổ", 1, 2),
        ("Chi bộ Trường Tiểu học", 0, 0)]
    assert next(r for r in rows if r.organisation.id == new).attendance.rate is None


def test_rates_by_member_in_name_order_with_pages(world, tree, held):
    first = world.queries.attendance_by_member(tree["commune"], *Q1, first=4)
    rest = world.queries.attendance_by_member(tree["commune"], *Q1, first=4,
                                              after=first.end_cursor)
    assert (first.total, first.has_next, rest.has_next) == (6, True, False)
    rows = {m.full_name: m.attendance for m in first.items + rest.items}
    assert [m.full_name for m in first.items + rest.items] == [
        "Lê Văn An", "Trần Văn Bình", "Đỗ Văn Cường", "Vũ Văn Dũng", "Hoàng Văn Em",
        "Ngô Văn Giang"]
    assert (rows["Vũ Văn Dũng"].present, rows["Vũ Văn Dũng"].expected) == (1, 3)
    assert (rows["Đỗ Văn Cường"].present, rows["Đỗ Văn Cường"].expected) == (2, 2)
    assert rows["Trần Văn Bình"].absent_excused == 1


def test_one_member_rate_follows_the_period(world, held):
    assert world.queries.member_attendance(held["dung"], *Q1).rate == pytest.approx(1 / 3)
    april = world.queries.member_attendance(held["dung"], date(2026, 4, 1), date(2026, 4, 30))
    assert (april.present, april.expected) == (0, 1)


def test_a_temporarily_transferred_member_is_not_expected_at_home(world, tree, held):
    world.member_command(c.TransferMemberTemporarily(held["an"], tree["far_branch"],
                                                     date(2026, 5, 1), date(2026, 9, 1), "work"))
    world.hold(tree["branch"], date(2026, 5, 5), unexcused=(held["an"],))
    world.hold(tree["far_branch"], date(2026, 5, 6))
    may = (date(2026, 5, 1), date(2026, 5, 31))
    home = world.queries.attendance_rate(tree["branch"], *may)
    # Bình, Dũng, and Cường who came although exempt; An is away and not expected
    assert (home.present, home.expected) == (3, 3)
    an = world.queries.member_attendance(held["an"], *may)
    assert (an.present, an.expected) == (1, 1)


def test_the_meetings_of_a_branch_come_newest_first_in_pages(world, tree, held):
    page = world.queries.meetings(tree["branch"], first=3)
    more = world.queries.meetings(tree["branch"], first=3, after=page.end_cursor)
    assert (page.total, page.has_next, more.has_next) == (4, True, False)
    starts = [m.scheduled_start.date() for m in page.items + more.items]
    assert starts == [date(2026, 4, 5), date(2026, 3, 5), date(2026, 2, 5), date(2026, 1, 5)]
    only_q1 = world.queries.meetings(tree["branch"], from_=Q1[0], to=Q1[1])
    assert only_q1.total == 3
    commune = world.queries.meetings(tree["commune"], statuses=["minutes_closed"])
    assert commune.total == 5
    assert world.queries.meetings(tree["other_commune"]).total == 1


def test_one_meeting_shows_attendance_resolutions_and_counts(world, tree, held):
    meeting = world.queries.meetings(tree["branch"], first=1).items[0]
    detail = world.queries.meeting(meeting.id)
    assert detail.summary.summoned == 4
    assert (detail.summary.present, detail.summary.absent_unexcused) == (1, 3)
    assert [a.status for a in detail.attendance].count("absent_unexcused") == 3
    assert world.queries.meeting("0b8e2a8e-4b5c-4d8e-9d4e-2f0f7d2c6a11") is None


@pytest.mark.parametrize("call", [
    lambda q, t: q.attendance_rate(t["branch"], date(2026, 3, 1), date(2026, 1, 1)),
    lambda q, t: q.meetings(t["branch"], first=0),
    lambda q, t: q.meetings(t["branch"], after="not-a-cursor"),
    lambda q, t: q.attendance_rate("no-such-organisation", *Q1),
    lambda q, t: q.unexcused_absentees(t["branch"], 20260),
])
def test_bad_query_arguments_are_typed_errors(world, tree, call):
    with pytest.raises(InvalidInput):
        call(world.queries, tree)


def test_unrecorded_attendance_is_reported_not_counted(world, tree):
    world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình")
    meeting = world.schedule(tree["branch"], world.at(date(2026, 6, 5)))
    world.run(mc.OpenMeeting(meeting, world.at(date(2026, 6, 5))))
    rate = world.queries.attendance_rate(tree["branch"], date(2026, 6, 1), date(2026, 6, 30))
    assert (rate.expected, rate.unrecorded, rate.meetings, rate.rate) == (0, 2, 1, None)
