"""Calling a meeting: kinds, agenda, minimum durations by rule version, moving and cancelling."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest

from kit.errors import InvalidInput, InvalidState, NotFound, RuleViolated
from services.meetings.domain import commands as mc


@pytest.mark.parametrize("kind, minimum", [("regular", 90), ("thematic", 90),
                                           ("combined", 120)])
def test_a_meeting_planned_shorter_than_the_2025_minimum_for_its_kind_is_refused(
        world, tree, kind, minimum):
    start = world.at(date(2026, 3, 5))
    err = world.refuse(mc.ScheduleMeeting(tree["branch"], kind, start, minimum - 1, ("Nội dung",),
                                          None if kind == "regular" else "Chuyên đề"),
                       RuleViolated)
    assert (err.rule, err.rule_version) == (f"duration.min_minutes.{kind}", "HD42-2025")

    meeting = world.schedule(tree["branch"], start, kind, minimum)
    summary = world.queries.meeting(meeting).summary
    assert (summary.minimum_minutes, summary.rule_version) == (minimum, "HD42-2025")


def test_a_meeting_before_hd_42_is_checked_against_the_2018_rules_it_names(world, tree):
    before = world.at(date(2025, 9, 4))
    meeting = world.schedule(tree["branch"], before, "regular", 75)
    summary = world.queries.meeting(meeting).summary
    assert (summary.minimum_minutes, summary.rule_version) == (60, "HD12-2018")
    err = world.refuse(mc.ScheduleMeeting(tree["branch"], "combined", before, 80, ("Nội dung",),
                                          "Chuyên đề"), RuleViolated)
    assert err.rule_version == "HD12-2018"


def test_moving_a_meeting_across_the_rule_change_checks_its_plan_again(world, tree):
    meeting = world.schedule(tree["branch"], world.at(date(2025, 10, 2)), "regular", 75)
    world.refuse(mc.RescheduleMeeting(meeting, world.at(date(2025, 11, 2)), "Trùng lịch"),
                 RuleViolated)
    world.run(mc.RescheduleMeeting(meeting, world.at(date(2025, 10, 9)), "Trùng lịch"))
    assert world.queries.meeting(meeting).summary.scheduled_start == world.at(date(2025, 10, 9))


def test_thematic_and_combined_meetings_need_a_topic_and_regular_ones_have_none(world, tree):
    start = world.at(date(2026, 4, 3))
    world.refuse(mc.ScheduleMeeting(tree["branch"], "thematic", start, 90, ("Nội dung",)),
                 InvalidInput)
    world.refuse(mc.ScheduleMeeting(tree["branch"], "regular", start, 90, ("Nội dung",),
                                    "Chuyên đề"), InvalidInput)


@pytest.mark.parametrize("command, field", [
    (lambda t: mc.ScheduleMeeting(t["branch"], "weekly", datetime(2026, 4, 3, 8), 90, ("A",)),
     "kind"),
    (lambda t: mc.ScheduleMeeting(t["branch"], "regular", datetime(2026, 4, 3, 8), 90, ()),
     "agenda"),
    (lambda t: mc.ScheduleMeeting(t["branch"], "regular", datetime(2026, 4, 3, 8), 90, ("  ",)),
     "agenda[0]"),
    (lambda t: mc.ScheduleMeeting(t["branch"], "regular", "2026-04-03", 90, ("A",)),
     "scheduled_start"),
    (lambda t: mc.ScheduleMeeting(t["branch"], "regular", datetime(2026, 4, 3, 8), 0, ("A",)),
     "planned_minutes"),
    (lambda t: mc.ScheduleMeeting("chi-bo-binh-hai", "regular", datetime(2026, 4, 3, 8), 90,
                                  ("A",)), "organisation_id"),
    (lambda t: mc.ScheduleMeeting(t["commune"], "regular", datetime(2026, 4, 3, 8), 90, ("A",)),
     "organisation_id"),
    (lambda t: mc.ScheduleMeeting(t["branch"], "regular", datetime(2009, 4, 3, 8), 90, ("A",)),
     "scheduled_start"),
])
def test_bad_input_is_refused_naming_the_field_and_changes_nothing(world, tree, command, field):
    err = world.refuse(command(tree), InvalidInput)
    assert err.field == field


def test_a_meeting_of_an_organisation_nobody_knows_is_not_found(world, tree):
    world.refuse(mc.ScheduleMeeting("6f1c8a56-3b0e-4d55-9a55-0d6e7c1b9a21", "regular",
                                    world.at(date(2026, 4, 3)), 90, ("A",)), NotFound)


def test_a_time_without_an_offset_is_read_in_vietnam_time(world, tree):
    meeting = world.schedule(tree["branch"], datetime(2026, 4, 3, 19, 30))
    start = world.queries.meeting(meeting).summary.scheduled_start
    assert start.isoformat() == "2026-04-03T19:30:00+07:00"


def test_agenda_and_topic_are_stored_nfc_and_read_back_exactly(world, tree):
    decomposed = unicodedata.normalize("NFD", "Nghị quyết  về  xây dựng Đảng")
    topic = unicodedata.normalize("NFD", "Học tập và làm theo tư tưởng Hồ Chí Minh")
    meeting = world.run(mc.ScheduleMeeting(tree["branch"], "thematic", world.at(date(2026, 5, 3)),
                                           90, (decomposed,), topic)).ids["meeting_id"]
    detail = world.queries.meeting(meeting)
    assert detail.agenda == ["Nghị quyết về xây dựng Đảng"]
    assert unicodedata.is_normalized("NFC", detail.agenda[0])
    assert detail.summary.topic == unicodedata.normalize("NFC", topic)


def test_a_cancelled_meeting_refuses_everything_after(world, tree):
    world.official(tree["branch"], "Nguyễn Văn An")
    meeting = world.schedule(tree["branch"], world.at(date(2026, 6, 3)))
    world.run(mc.CancelMeeting(meeting, "Mưa bão"))
    world.refuse(mc.OpenMeeting(meeting, world.at(date(2026, 6, 3))), InvalidState)
    world.refuse(mc.PublishMaterials(meeting, "Tài liệu"), InvalidState)
    world.refuse(mc.CancelMeeting(meeting, "Lần nữa"), InvalidState)
    assert world.queries.meeting(meeting).summary.status == "cancelled"
    assert world.queries.meeting(meeting).cancel_reason == "Mưa bão"
