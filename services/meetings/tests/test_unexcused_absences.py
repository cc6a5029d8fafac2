"""Unexcused absences in three calendar months of a year (the removal ground of QĐ 24 §8.1)
publish `meetings.RemovalFromRollsGroundsFound` (ground: absences) once per member per year,
when minutes close. Two meetings missed in one month are one month."""

from __future__ import annotations

from datetime import date

import pytest

from services.meetings.domain import commands as mc
from services.membership.domain import commands as c

THRESHOLD = "meetings.RemovalFromRollsGroundsFound"


@pytest.fixture
def branch(world, tree):
    an, dung = world.officials(tree["branch"], "Lê Văn An", "Vũ Văn Dũng")
    return {"id": tree["branch"], "an": an, "dung": dung}


def flags(world, member_id: str, year: int) -> list[str]:
    stream = f"member-absences-{member_id}-{year}"
    return [t for t in world.types_of(stream) if t == THRESHOLD]


def test_the_flag_fires_at_the_third_unexcused_absence_not_the_second(world, branch):
    for month in (1, 2):
        world.hold(branch["id"], date(2026, month, 5), unexcused=(branch["dung"],))
    assert flags(world, branch["dung"], 2026) == []
    assert world.queries.unexcused_absentees(branch["id"], 2026) == []

    third = world.hold(branch["id"], date(2026, 3, 5), unexcused=(branch["dung"],))

    assert flags(world, branch["dung"], 2026) == [THRESHOLD]
    (absentee,) = world.queries.unexcused_absentees(branch["id"], 2026)
    assert (absentee.full_name, absentee.count, absentee.threshold, absentee.reached_on) == \
        ("Vũ Văn Dũng", 3, 3, date(2026, 3, 5))
    assert absentee.months == ["2026-01", "2026-02", "2026-03"]
    assert absentee.meeting_ids[-1] == third
    assert absentee.rule_version == "HD42-2025"


def test_the_flag_fires_once_a_year_however_many_absences_follow(world, branch):
    for month in (1, 2, 3, 4, 5):
        world.hold(branch["id"], date(2026, month, 5), unexcused=(branch["dung"],))
    assert flags(world, branch["dung"], 2026) == [THRESHOLD]
    (absentee,) = world.queries.unexcused_absentees(branch["id"], 2026)
    assert absentee.count == 5


def test_two_meetings_missed_in_one_month_count_as_one_month(world, branch):
    world.hold(branch["id"], date(2026, 1, 5), unexcused=(branch["dung"],))
    world.hold(branch["id"], date(2026, 1, 20), kind="thematic", unexcused=(branch["dung"],))
    world.hold(branch["id"], date(2026, 2, 5), unexcused=(branch["dung"],))
    assert flags(world, branch["dung"], 2026) == []
    assert world.queries.unexcused_absentees(branch["id"], 2026) == []
    world.hold(branch["id"], date(2026, 4, 5), unexcused=(branch["dung"],))
    (absentee,) = world.queries.unexcused_absentees(branch["id"], 2026)
    assert (absentee.count, absentee.months) == (4, ["2026-01", "2026-02", "2026-04"])
    (ground,) = world.queries.removal_grounds(branch["id"], 2026)
    assert (ground.ground, ground.months, ground.full_name) == \
        ("absences", ["2026-01", "2026-02", "2026-04"], "Vũ Văn Dũng")


def test_absences_count_per_calendar_year(world, branch):
    world.hold(branch["id"], date(2025, 11, 5), unexcused=(branch["dung"],))
    world.hold(branch["id"], date(2025, 12, 5), unexcused=(branch["dung"],))
    world.hold(branch["id"], date(2026, 1, 5), unexcused=(branch["dung"],))
    world.hold(branch["id"], date(2026, 2, 5), unexcused=(branch["dung"],))
    assert flags(world, branch["dung"], 2025) == flags(world, branch["dung"], 2026) == []

    world.hold(branch["id"], date(2026, 3, 5), unexcused=(branch["dung"],))
    assert flags(world, branch["dung"], 2026) == [THRESHOLD]
    assert world.queries.unexcused_absentees(branch["id"], 2025) == []


def test_excused_absences_and_absent_exempt_members_do_not_count(world, branch):
    world.member_command(c.ExemptMember(branch["an"], date(2025, 12, 1), "weak_health"))
    for month in (1, 2, 3):
        world.hold(branch["id"], date(2026, month, 5), unexcused=(branch["an"],),
                   excused={branch["dung"]: "Đi làm ăn xa, đã báo cáo chi ủy"})
    assert world.queries.unexcused_absentees(branch["id"], 2026) == []
    assert flags(world, branch["an"], 2026) == flags(world, branch["dung"], 2026) == []


def test_absences_count_only_once_the_minutes_close(world, branch):
    for month in (1, 2):
        world.hold(branch["id"], date(2026, month, 5), unexcused=(branch["dung"],))
    open_minutes = world.hold(branch["id"], date(2026, 3, 5), unexcused=(branch["dung"],),
                              close_minutes=False)
    assert flags(world, branch["dung"], 2026) == []
    world.run(mc.RecordAttendance(open_minutes, branch["dung"], "absent_excused", "Ốm"))
    world.run(mc.CloseMinutes(open_minutes))
    assert flags(world, branch["dung"], 2026) == []


def test_the_list_is_scoped_to_the_subtree_of_the_branch_where_the_threshold_was_reached(
        world, tree, branch):
    for month in (1, 2, 3):
        world.hold(branch["id"], date(2026, month, 5), unexcused=(branch["dung"],))
    assert len(world.queries.unexcused_absentees(tree["commune"], 2026)) == 1
    assert len(world.queries.unexcused_absentees(tree["province"], 2026)) == 1
    assert world.queries.unexcused_absentees(tree["other_commune"], 2026) == []
    assert world.queries.unexcused_absentees(tree["other_branch"], 2026) == []
