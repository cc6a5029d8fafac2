"""An ordinary resolution is valid only when approvals exceed half of the members summoned, less
those the rule excludes (QĐ 24 §9.3): temporarily transferred out, absent exempt members,
suspended members, members absent with an approved reason — and probationary members, who have
no vote. A vote that falls short is recorded as rejected."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput
from services.meetings.domain import commands as mc
from services.membership.domain import commands as c

DAY = date(2026, 5, 5)


@pytest.fixture
def meeting(world, tree):
    """12 summoned: 11 official (one transferred out for a while, one exempt) and 1 probationary.
    Absent: the transferred and exempt members, one with an approved reason, one without."""
    names = ["Lê Văn An", "Trần Văn Bình", "Đỗ Văn Cường", "Vũ Văn Dũng", "Hoàng Văn Em",
             "Ngô Văn Giang", "Bùi Văn Hải", "Đinh Văn Khánh", "Phạm Văn Long", "Mai Văn Minh",
             "Tạ Văn Nam"]
    ids = dict(zip(names, world.officials(tree["branch"], *names), strict=True))
    ids["Ngô Thị Oanh"] = world.probationary(tree["branch"], "Ngô Thị Oanh")
    world.member_command(c.TransferMemberTemporarily(ids["Lê Văn An"], tree["far_branch"],
                                                     date(2026, 4, 1), date(2026, 9, 1), "work"))
    world.exempt(ids["Trần Văn Bình"], date(2026, 4, 1), "weak_health")
    meeting = world.schedule(tree["branch"], world.at(DAY))
    world.run(mc.OpenMeeting(meeting, world.at(DAY)))
    absent = {"Lê Văn An": "absent_excused", "Trần Văn Bình": "absent_excused",
              "Đỗ Văn Cường": "absent_excused", "Vũ Văn Dũng": "absent_unexcused"}
    world.run(mc.RecordAttendanceSheet(meeting, tuple(
        mc.AttendanceEntry(ids[n], absent.get(n, "present"),
                           "Đi công tác" if absent.get(n) == "absent_excused" else "")
        for n in ids)))
    return {"id": meeting, "members": ids}


def adopt(world, meeting_id: str, votes_for: int, against: int = 0, abstaining: int = 0,
          title: str = "Nghị quyết lãnh đạo nhiệm vụ tháng 5"):
    return mc.AdoptResolution(meeting_id, title, votes_for, against, abstaining)


def test_approvals_of_exactly_half_the_denominator_are_not_enough(world, meeting):
    # 12 summoned - (transferred out, absent exempt, absent excused, probationary) = 8
    result = world.run(adopt(world, meeting["id"], 4, 3))
    (resolution,) = world.queries.meeting(meeting["id"]).resolutions
    assert resolution.id == result.ids["resolution_id"]
    assert (resolution.passed, resolution.denominator, resolution.required_votes) == \
        (False, 8, 5)
    assert (resolution.resolution_type, resolution.rule_version) == ("ordinary", "HD42-2025")


def test_approvals_above_half_the_denominator_adopt_the_resolution_with_its_exclusions(
        world, meeting):
    result = world.run(adopt(world, meeting["id"], 5, 1, 1))
    (resolution,) = world.queries.meeting(meeting["id"]).resolutions
    assert resolution.id == result.ids["resolution_id"]
    assert (resolution.summoned, resolution.denominator, resolution.passed) == (12, 8, True)
    assert (resolution.votes_for, resolution.votes_against, resolution.votes_abstaining) == \
        (5, 1, 1)
    ids = meeting["members"]
    assert sorted(resolution.excluded) == sorted([
        (ids["Lê Văn An"], "temporarily_transferred_out"),
        (ids["Trần Văn Bình"], "absent_exempt"),
        (ids["Đỗ Văn Cường"], "absent_excused"),
        (ids["Ngô Thị Oanh"], "probationary"),
    ])
    assert resolution.rule_version == "HD42-2025"


def test_an_unexcused_absence_still_counts_in_the_denominator(world, meeting):
    # Dũng stayed away without reason: 7 present voters, denominator still 8
    world.run(adopt(world, meeting["id"], 4, 3))
    assert world.queries.meeting(meeting["id"]).resolutions[0].passed is False
    world.refuse(adopt(world, meeting["id"], 5, 3), InvalidInput)  # 8 votes, 7 voters present


def test_an_exempt_member_who_comes_counts_in_the_denominator(world, meeting):
    world.run(mc.RecordAttendance(meeting["id"], meeting["members"]["Trần Văn Bình"], "present"))
    world.run(adopt(world, meeting["id"], 4, 4))  # 9 counted: 5 needed
    world.run(adopt(world, meeting["id"], 5, 3))
    assert [(r.denominator, r.passed) for r in world.queries.meeting(meeting["id"]).resolutions] \
        == [(9, False), (9, True)]


def test_votes_before_anyone_is_recorded_present_are_refused(world, tree):
    world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình")
    meeting = world.schedule(tree["branch"], world.at(DAY))
    world.run(mc.OpenMeeting(meeting, world.at(DAY)))
    err = world.refuse(adopt(world, meeting, 2), InvalidInput)
    assert err.field == "votes_for"


@pytest.mark.parametrize("votes, field", [((-1, 0, 0), "votes_for"), ((5, -1, 0), "votes_against"),
                                          ((5, 0, -2), "votes_abstaining")])
def test_negative_votes_are_bad_input(world, meeting, votes, field):
    assert world.refuse(adopt(world, meeting["id"], *votes), InvalidInput).field == field


def test_a_resolution_needs_a_title(world, meeting):
    assert world.refuse(adopt(world, meeting["id"], 6, title="   "), InvalidInput).field == "title"


def test_a_scheduled_meeting_adopts_nothing(world, tree):
    world.official(tree["branch"], "Lê Văn An")
    meeting = world.schedule(tree["branch"], world.at(DAY))
    world.refuse(adopt(world, meeting, 1))
