"""The meetings nameko service's methods, on the real embedded path (SQLite, fixed clock): commands
and queries arrive as JSON, are rebuilt to their types, and refusals leave as typed error dicts.

The service over real RabbitMQ, PostgreSQL and Kafka is tested in tests/distributed/.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import unicodedata
import uuid
import warnings
from datetime import date

import pytest

from kit.envelope import CommandContext
from kit.errors import CommandIdReused, InvalidInput, RuleViolated, error_from_dict
from kit.json_encode import to_jsonable
from kit.nameko.wire import wire_of
from kit.projections.ports import STORE
from services.meetings.application.views import AttendanceRate, MeetingDetail
from services.meetings.declaration import DECLARATION as MEETINGS
from services.meetings.domain import commands as mc

from .conftest import SECRETARY, at

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")
    from nameko.testing.services import worker_factory

    from kit.nameko.rpc import Backend, service_class

DAY = date(2026, 10, 5)


MeetingsRpc = service_class(MEETINGS, lambda: None)
wire = wire_of(MEETINGS)


def rpc_over(meetings, visibility_timeout: float = 5.0) -> MeetingsRpc:
    backend = Backend(lambda: meetings, province=meetings.province, source=STORE,
                      visibility_timeout=visibility_timeout)
    return worker_factory(MeetingsRpc, backend=backend)


def context(command_id: str | None = None, province: str = "NB") -> dict:
    return to_jsonable(CommandContext(command_id or str(uuid.uuid4()), province, SECRETARY))


def send(rpc: MeetingsRpc, command: object, command_id: str | None = None) -> dict:
    return rpc.execute(*wire.command_to_wire(command), context(command_id), None)


def result_of(reply: dict):
    return wire.command_result_from_wire(wire.unwrap(reply))


def refusal(reply: dict):
    assert set(reply) == {"error"}, reply
    return error_from_dict(reply["error"])


@pytest.fixture
def rpc(world) -> MeetingsRpc:
    return rpc_over(world.meetings)


@pytest.fixture
def members(world, tree) -> list[str]:
    return world.officials(tree["branch"], "Lê Văn An", "Trần Thị Bình", "Đỗ Văn Cường")


def schedule(branch: str) -> mc.ScheduleMeeting:
    return mc.ScheduleMeeting(branch, "regular", at(DAY, 19, 30), 90,
                              ("Đánh giá kết quả tháng", "Nhiệm vụ tháng tới"))


def test_a_meeting_scheduled_by_name_is_answered_as_json_and_read_back_typed(rpc, world, tree):
    reply = send(rpc, schedule(tree["branch"]))

    result = result_of(reply)
    detail = wire.query_result_from_wire("meeting", rpc.query(
        "meeting", {"meeting_id": result.ids["meeting_id"]})["result"])

    assert reply["visible"] is True and result.events == ("MeetingScheduled",)
    assert isinstance(detail, MeetingDetail)
    assert detail == world.queries.meeting(result.ids["meeting_id"])
    assert detail.summary.scheduled_start == at(DAY, 19, 30)
    assert detail.agenda == ["Đánh giá kết quả tháng", "Nhiệm vụ tháng tới"]


def test_an_attendance_sheet_travels_with_its_entries_and_the_rate_comes_back_typed(
        rpc, world, tree, members):
    meeting = result_of(send(rpc, schedule(tree["branch"]))).ids["meeting_id"]
    send(rpc, mc.OpenMeeting(meeting, at(DAY, 19, 30)))
    an, binh, cuong = members

    reply = send(rpc, mc.RecordAttendanceSheet(meeting, (
        mc.AttendanceEntry(an, "present"), mc.AttendanceEntry(binh, "present"),
        mc.AttendanceEntry(cuong, "absent_excused", "Đi công tác"))))
    send(rpc, mc.CloseMeeting(meeting, at(DAY, 21, 30)))
    arguments = wire.query_args_to_wire("attendance_rate", (tree["branch"], DAY, DAY), {})
    rate = wire.query_result_from_wire("attendance_rate",
                                       rpc.query("attendance_rate", arguments)["result"])

    assert result_of(reply).events == ("AttendanceRecorded",) * 3
    assert arguments == {"scope_organisation_id": tree["branch"], "from_": "2026-10-05",
                         "to": "2026-10-05"}
    assert isinstance(rate, AttendanceRate) and (rate.present, rate.expected) == (2, 3)
    assert rate == world.queries.attendance_rate(tree["branch"], DAY, DAY)


def test_an_unknown_command_type_is_refused_as_invalid_input(rpc, world):
    head = world.store.head_position()

    error = refusal(rpc.execute("DropAllTables", {}, context(), None))

    assert isinstance(error, InvalidInput) and error.details["field"] == "command_type"
    assert world.store.head_position() == head


@pytest.mark.parametrize(("payload_change", "field"), [
    (lambda p: p.pop("scheduled_start"), "scheduled_start"),
    (lambda p: p.update(scheduled_start="tomorrow evening"), "scheduled_start"),
    (lambda p: p.update(planned_minutes="ninety"), "planned_minutes"),
    (lambda p: p.update(agenda="Đánh giá"), "agenda"),
    (lambda p: p.update(room="Nhà văn hoá"), "room"),
])
def test_a_payload_that_does_not_make_the_command_is_refused_naming_the_field(
        rpc, world, tree, payload_change, field):
    payload = to_jsonable(schedule(tree["branch"]))
    payload_change(payload)
    head = world.store.head_position()

    error = refusal(rpc.execute("ScheduleMeeting", payload, context(), None))

    assert isinstance(error, InvalidInput) and error.details["field"] == field
    assert world.store.head_position() == head


def test_a_command_for_another_province_is_refused(rpc, world, tree):
    head = world.store.head_position()

    error = refusal(rpc.execute("ScheduleMeeting", to_jsonable(schedule(tree["branch"])),
                                context(province="HN"), None))

    assert isinstance(error, InvalidInput) and error.details["field"] == "context.province"
    assert world.store.head_position() == head


def test_a_meeting_planned_too_short_crosses_as_a_typed_rule_violation(rpc, world, tree):
    head = world.store.head_position()

    error = refusal(send(rpc, mc.ScheduleMeeting(tree["branch"], "regular", at(DAY, 19, 30), 60,
                                                 ("Đánh giá kết quả tháng",))))

    assert isinstance(error, RuleViolated) and error.rule == "duration.min_minutes.regular"
    assert error.rule_version and error.rule_version == error.details["rule_version"]
    assert world.store.head_position() == head


def test_a_resolution_without_a_majority_crosses_as_a_rejected_vote(rpc, world, tree, members):
    meeting = result_of(send(rpc, schedule(tree["branch"]))).ids["meeting_id"]
    send(rpc, mc.OpenMeeting(meeting, at(DAY, 19, 30)))
    for member in members:
        send(rpc, mc.RecordAttendance(meeting, member, "present"))

    result = result_of(send(rpc, mc.AdoptResolution(meeting, "Nghị quyết tháng 10", 1, 1, 1)))

    assert result.events == ("ResolutionRejected",)


def test_a_retried_command_id_answers_the_first_result_as_a_duplicate(rpc, world, tree):
    command_id = str(uuid.uuid4())
    first = result_of(send(rpc, schedule(tree["branch"]), command_id))
    head = world.store.head_position()

    again = result_of(send(rpc, schedule(tree["branch"]), command_id))
    other = refusal(send(rpc, schedule(tree["other_branch"]), command_id))

    assert again.duplicate and again.ids == first.ids and again.positions == first.positions
    assert isinstance(other, CommandIdReused)
    assert world.store.head_position() == head


@pytest.mark.parametrize(("name", "kwargs", "field"), [
    ("summons_for", {"organisation_id": "x"}, "query"),
    ("organisation_info", {"organisation_id": "x"}, "query"),
    ("applied_position", {"source": "store"}, "query"),
    ("attendance_rate", {"scope_organisation_id": "x", "from_": "last month",
                         "to": "2026-10-31"}, "from_"),
    ("attendance_rate", {"scope_organisation_id": "x", "from_": "2026-10-01"}, "kwargs"),
    ("meetings", {"scope_organisation_id": "x", "first": "ten"}, "first"),
    ("unexcused_absentees", {"scope_organisation_id": "x", "year": 2026, "colour": 1}, "colour"),
])
def test_a_query_outside_the_list_or_with_bad_arguments_is_refused(rpc, name, kwargs, field):
    error = refusal(rpc.query(name, kwargs))

    assert isinstance(error, InvalidInput) and error.details["field"] == field


def test_health_reports_the_store_head_and_what_the_read_models_applied(rpc, world, tree):
    send(rpc, schedule(tree["branch"]))

    health = rpc.health()

    assert health["store_head"] == world.store.head_position() == health["applied_position"] > 0
    assert (health["province"], health["source"]) == ("NB", STORE)


def test_a_reply_waits_until_the_read_models_applied_the_command(world, tree):
    world.meetings.service.on_appended = lambda result: None  # as in the distributed topology
    rpc = rpc_over(world.meetings)
    threading.Timer(0.3, world.meetings.runner.catch_up).start()  # the worker, a little late
    started = time.monotonic()

    reply = send(rpc, schedule(tree["branch"]))

    assert reply["visible"] is True and time.monotonic() - started >= 0.25
    assert world.queries.meeting(result_of(reply).ids["meeting_id"]) is not None


def test_a_reply_is_sent_after_the_bounded_wait_even_when_the_read_models_lag(world, tree):
    world.meetings.service.on_appended = lambda result: None
    lagging = rpc_over(world.meetings, visibility_timeout=0.2)
    started = time.monotonic()

    reply = send(lagging, schedule(tree["branch"]))

    assert reply["visible"] is False and 0.2 <= time.monotonic() - started < 1.0
    assert result_of(reply).positions == (world.store.head_position(),)


def test_a_cancellation_reason_in_decomposed_unicode_is_stored_composed(rpc, world, tree):
    meeting = result_of(send(rpc, schedule(tree["branch"]))).ids["meeting_id"]

    send(rpc, mc.CancelMeeting(meeting, unicodedata.normalize("NFD", "Mưa bão, ngập đường")))

    reason = world.queries.meeting(meeting).cancel_reason
    assert reason == "Mưa bão, ngập đường" and unicodedata.is_normalized("NFC", reason)


def test_the_domain_and_application_layers_do_not_import_nameko_or_eventlet():
    probe = ("import sys, pkgutil, importlib\n"
             "import services.meetings.domain as d, services.meetings.application as a\n"
             "import services.meetings.declaration, kit.nameko.wire\n"
             "for pkg in (d, a):\n"
             "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
             "        importlib.import_module(m.name)\n"
             "print(sorted(n for n in sys.modules if n.split('.')[0] in ('nameko', 'eventlet')))")

    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=60)

    assert out.stdout.strip() == "[]"

