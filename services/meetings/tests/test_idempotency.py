"""Retries by command id change nothing; a reused id with another payload is a client error;
two conflicting decisions on one meeting: one wins."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import CommandIdReused, ConcurrencyConflict
from services.meetings.application.deps import CommandScope
from services.meetings.application.handlers import HANDLERS
from services.meetings.domain import commands as mc

DAY = date(2026, 9, 5)


def test_a_retried_schedule_names_the_same_meeting_and_appends_nothing(world, tree):
    command = mc.ScheduleMeeting(tree["branch"], "regular", world.at(DAY), 90, ("Nội dung",))
    first = world.run(command, command_id="schedule-9")
    head = world.store.head_position()
    again = world.run(command, command_id="schedule-9")
    assert (again.duplicate, again.ids, again.positions) == (True, first.ids, first.positions)
    assert world.store.head_position() == head
    assert world.queries.meetings(tree["branch"]).total == 1


def test_a_retried_resolution_names_the_same_resolution(world, tree):
    an = world.official(tree["branch"], "Lê Văn An")
    meeting = world.schedule(tree["branch"], world.at(DAY))
    world.run(mc.OpenMeeting(meeting, world.at(DAY)))
    world.run(mc.RecordAttendance(meeting, an, "present"))
    adopt = mc.AdoptResolution(meeting, "Nghị quyết tháng 9", 1, 0, 0)
    first = world.run(adopt, command_id="adopt-9")
    assert world.run(adopt, command_id="adopt-9").ids == first.ids
    assert len(world.queries.meeting(meeting).resolutions) == 1


def test_a_retried_close_of_minutes_counts_no_absence_twice(world, tree):
    world.official(tree["branch"], "Lê Văn An")
    dung = world.official(tree["branch"], "Vũ Văn Dũng")
    meeting = world.hold(tree["branch"], DAY, unexcused=(dung,), close_minutes=False)
    world.run(mc.CloseMinutes(meeting), command_id="close-minutes-9")
    head = world.store.head_position()
    assert world.run(mc.CloseMinutes(meeting), command_id="close-minutes-9").duplicate
    assert world.store.head_position() == head
    assert len(world.store.read_stream(f"member-absences-{dung}-2026")) == 1


def test_the_same_command_id_with_another_payload_is_refused(world, tree):
    world.run(mc.ScheduleMeeting(tree["branch"], "regular", world.at(DAY), 90, ("A",)),
              command_id="schedule-x")
    world.refuse(mc.ScheduleMeeting(tree["branch"], "regular", world.at(DAY), 120, ("A",)),
                 CommandIdReused, command_id="schedule-x")


def test_of_two_decisions_on_the_same_meeting_state_one_wins(world, tree):
    world.official(tree["branch"], "Lê Văn An")
    meeting = world.schedule(tree["branch"], world.at(DAY))
    service = world.meetings.service
    scopes = []
    for _ in range(2):
        scope = CommandScope(service.repo, service.rules, world.clock.now(), world.clock.today(),
                             service.directory, None)
        HANDLERS[mc.OpenMeeting](mc.OpenMeeting(meeting, world.at(DAY)), scope, "x")
        scopes.append(scope)
    service.repo.save(scopes[0].changed, world._context(None))
    with pytest.raises(ConcurrencyConflict):
        service.repo.save(scopes[1].changed, world._context(None))
