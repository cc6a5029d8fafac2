"""The meeting's record: materials (late is a fact, not a refusal), attendance of summoned
members only, superior cadres, actual times and duration compliance, and closed minutes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kit.errors import InvalidInput, InvalidState
from services.meetings.domain import commands as mc
from services.membership.domain import commands as c

DAY = date(2026, 6, 3)


@pytest.fixture
def opened(world, tree):
    an, binh = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình")
    meeting = world.schedule(tree["branch"], world.at(DAY, 19, 30))
    world.run(mc.OpenMeeting(meeting, world.at(DAY, 19, 35)))
    return {"id": meeting, "an": an, "binh": binh}


@pytest.mark.parametrize("hours_ahead, late", [(48, False), (24, False), (23, True), (-1, True)])
def test_materials_less_than_a_day_ahead_are_flagged_late_not_refused(world, tree, hours_ahead,
                                                                      late):
    start = world.at(DAY, 19, 30)
    meeting = world.schedule(tree["branch"], start)
    world.run(mc.PublishMaterials(meeting, "Dự thảo nghị quyết tháng 6",
                                  start - timedelta(hours=hours_ahead)))
    detail = world.queries.meeting(meeting)
    assert detail.summary.materials_late is late
    (materials,) = detail.materials
    assert (materials.late, materials.lead_days_required, materials.rule_version) == \
        (late, 1, "HD42-2025")


def test_materials_judged_on_time_become_late_when_the_meeting_is_brought_forward(world, tree):
    start = world.at(DAY, 19, 30)
    meeting = world.schedule(tree["branch"], start)
    world.run(mc.PublishMaterials(meeting, "Tài liệu", start - timedelta(hours=30)))
    world.run(mc.RescheduleMeeting(meeting, start - timedelta(hours=12), "Có việc đột xuất"))
    assert world.queries.meeting(meeting).summary.materials_late is True


def test_materials_published_in_the_future_are_bad_input(world, tree):
    meeting = world.schedule(tree["branch"], world.at(DAY))
    err = world.refuse(mc.PublishMaterials(meeting, "Tài liệu", world.clock.now() + timedelta(
        hours=1)), InvalidInput)
    assert err.field == "published_at"


def test_only_summoned_members_have_their_attendance_recorded(world, tree, opened):
    stranger = world.official(tree["other_branch"], "Phạm Văn Hùng")
    late_joiner = world.official(tree["branch"], "Đỗ Văn Cường")
    for member in (stranger, late_joiner):
        err = world.refuse(mc.RecordAttendance(opened["id"], member, "present"), InvalidInput)
        assert err.field == "member_id"


def test_an_approved_absence_needs_its_reason(world, opened):
    err = world.refuse(mc.RecordAttendance(opened["id"], opened["an"], "absent_excused"),
                       InvalidInput)
    assert err.field == "reason"
    world.run(mc.RecordAttendance(opened["id"], opened["an"], "absent_excused", "Ốm, nằm viện"))
    line = next(a for a in world.queries.meeting(opened["id"]).attendance
                if a.member_id == opened["an"])
    assert (line.status, line.reason) == ("absent_excused", "Ốm, nằm viện")


def test_a_later_record_corrects_a_member_attendance(world, opened):
    world.run(mc.RecordAttendance(opened["id"], opened["an"], "absent_unexcused"))
    world.run(mc.RecordAttendance(opened["id"], opened["an"], "present"))
    statuses = {a.member_id: a.status for a in world.queries.meeting(opened["id"]).attendance}
    assert statuses == {opened["an"]: "present", opened["binh"]: None}


def test_attendance_cannot_be_recorded_before_the_meeting_opens(world, tree):
    an = world.official(tree["branch"], "Lê Văn An")
    meeting = world.schedule(tree["branch"], world.at(DAY))
    world.refuse(mc.RecordAttendance(meeting, an, "present"), InvalidState)


def test_a_branch_with_nobody_on_its_rolls_cannot_open_a_meeting(world, tree):
    meeting = world.schedule(tree["branch"], world.at(DAY))
    world.refuse(mc.OpenMeeting(meeting, world.at(DAY)), InvalidState)


def test_superior_cadres_are_recorded_with_name_title_and_organisation(world, opened):
    world.run(mc.RecordSuperiorCadreAttendance(opened["id"], "Đinh Thị Thúy Ngần",
                                               "Tỉnh ủy viên, Bí thư Huyện ủy",
                                               "Huyện ủy Yên Mô"))
    (cadre,) = world.queries.meeting(opened["id"]).superior_cadres
    assert (cadre.full_name, cadre.title, cadre.organisation_name) == (
        "Đinh Thị Thúy Ngần", "Tỉnh ủy viên, Bí thư Huyện ủy", "Huyện ủy Yên Mô")


@pytest.mark.parametrize("kind, lasted, compliant", [("regular", 89, False), ("regular", 90, True),
                                                     ("combined", 119, False),
                                                     ("combined", 120, True)])
def test_the_actual_duration_is_recorded_against_the_minimum_for_the_kind(world, tree, kind,
                                                                          lasted, compliant):
    world.official(tree["branch"], "Lê Văn An")
    start = world.at(DAY, 19, 30)
    meeting = world.schedule(tree["branch"], start, kind)
    world.run(mc.OpenMeeting(meeting, start))
    world.run(mc.CloseMeeting(meeting, start + timedelta(minutes=lasted)))
    summary = world.queries.meeting(meeting).summary
    assert (summary.actual_minutes, summary.duration_compliant) == (lasted, compliant)
    assert summary.status == "ended"
    short = world.queries.short_meetings(tree["province"], DAY, DAY)
    assert [m.id for m in short] == ([] if compliant else [meeting])


def test_a_meeting_cannot_end_before_it_started_or_in_the_future(world, opened):
    started = world.at(DAY, 19, 35)
    assert world.refuse(mc.CloseMeeting(opened["id"], started), InvalidInput).field == "ended_at"
    assert world.refuse(mc.CloseMeeting(opened["id"], world.clock.now() + timedelta(hours=1)),
                        InvalidInput).field == "ended_at"


def test_minutes_close_only_when_everyone_summoned_is_accounted_for(world, opened):
    world.refuse(mc.CloseMinutes(opened["id"]), InvalidState)  # the meeting has not ended
    world.run(mc.CloseMeeting(opened["id"], world.at(DAY, 21, 30)))
    world.run(mc.RecordAttendance(opened["id"], opened["an"], "present"))
    err = world.refuse(mc.CloseMinutes(opened["id"]), InvalidState)
    assert "Trần Văn Bình" in err.message
    world.run(mc.RecordAttendance(opened["id"], opened["binh"], "absent_unexcused"))
    world.run(mc.CloseMinutes(opened["id"]))
    summary = world.queries.meeting(opened["id"]).summary
    assert (summary.status, summary.present, summary.absent_unexcused) == ("minutes_closed", 1, 1)


def test_closed_minutes_refuse_every_change(world, tree, opened):
    world.run(mc.RecordAttendanceSheet(opened["id"], (
        mc.AttendanceEntry(opened["an"], "present"), mc.AttendanceEntry(opened["binh"], "present"))))
    world.run(mc.CloseMeeting(opened["id"], world.at(DAY, 21, 30)))
    world.run(mc.CloseMinutes(opened["id"]))
    m = opened["id"]
    for command in (
        mc.RecordAttendance(m, opened["an"], "absent_unexcused"),
        mc.RecordAttendanceSheet(m, (mc.AttendanceEntry(opened["an"], "present"),)),
        mc.RecordSuperiorCadreAttendance(m, "Nguyễn Văn Tỉnh", "Ủy viên BTV", "Tỉnh ủy"),
        mc.AdoptResolution(m, "Nghị quyết bổ sung", 2, 0, 0),
        mc.PublishMaterials(m, "Tài liệu bổ sung", world.at(DAY, 22)),
        mc.CloseMeeting(m, world.at(DAY, 22)),
        mc.CloseMinutes(m),
        mc.OpenMeeting(m, world.at(DAY, 22)),
        mc.RescheduleMeeting(m, world.at(DAY + timedelta(days=1)), "Họp lại"),
        mc.CancelMeeting(m, "Hủy"),
    ):
        world.refuse(command, InvalidState)
    # membership may change: the closed record does not follow
    world.member_command(c.RecordMemberDeath(opened["binh"], date(2026, 7, 1)))
    assert len(world.queries.meeting(m).attendance) == 2


def test_an_attendance_sheet_listing_a_member_twice_or_nobody_is_bad_input(world, opened):
    twice = (mc.AttendanceEntry(opened["an"], "present"),
             mc.AttendanceEntry(opened["an"], "absent_unexcused"))
    assert world.refuse(mc.RecordAttendanceSheet(opened["id"], twice), InvalidInput).field == \
        "entries"
    assert world.refuse(mc.RecordAttendanceSheet(opened["id"], ()), InvalidInput).field == \
        "entries"


def test_members_away_or_exempt_need_no_attendance_record_to_close_the_minutes(world, tree):
    an, binh, cuong = world.officials(tree["branch"], "Lê Văn An", "Trần Văn Bình",
                                      "Đỗ Văn Cường")
    world.exempt(an, date(2026, 5, 1), "weak_health")
    world.member_command(c.TransferMemberTemporarily(binh, tree["far_branch"], date(2026, 5, 1),
                                                     date(2026, 9, 1), "study"))
    meeting = world.schedule(tree["branch"], world.at(DAY))
    world.run(mc.OpenMeeting(meeting, world.at(DAY)))
    world.run(mc.RecordAttendance(meeting, cuong, "present"))
    world.run(mc.AdoptResolution(meeting, "Nghị quyết tháng 6", 1, 0, 0))  # denominator 1
    world.run(mc.CloseMeeting(meeting, world.at(DAY, 10)))
    world.run(mc.CloseMinutes(meeting))
    rate = world.queries.attendance_rate(tree["branch"], DAY, DAY)
    assert (rate.present, rate.expected, rate.unrecorded) == (1, 1, 0)
