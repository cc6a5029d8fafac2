"""The meetings service over RPC (RpcClient) beside membership's: a meeting held through the
client shows in meetings' statistics at once, and membership's changes reach meetings' roster
through Kafka. Processes and the client come from conftest.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from datetime import timedelta

import httpx
import pytest

from gateway.clients.rpc import RpcClient, ServiceUnavailable
from kit.errors import InvalidInput
from services.meetings.application.views import AttendanceRate, MeetingDetail
from services.meetings.declaration import DECLARATION as MEETINGS
from services.meetings.domain import commands as mc
from services.membership.domain import commands as c

NOWHERE = {"PARTYORG_PG_DSN": "postgresql://partyorg:secret@127.0.0.1:1/partyorg",
           "PARTYORG_AMQP_URI": "amqp://guest:secret@127.0.0.1:1/",
           "PARTYORG_KAFKA_BOOTSTRAP": "127.0.0.1:1"}
AN, BICH, CHIEN = ("Phạm Văn Ân", "male"), ("Trịnh Thị Bích", "female"), ("Đinh Văn Chiến", "male")


def regular(branch: str, start, *agenda: str) -> mc.ScheduleMeeting:
    return mc.ScheduleMeeting(branch, "regular", start, 90, agenda or ("Sinh hoạt thường kỳ",))


def test_a_meeting_held_over_rpc_shows_in_the_branch_attendance_rate(meetings):
    commune = meetings.commune("Đảng bộ xã Kim Chính")
    branch, ids = meetings.branch(commune, "Chi bộ xóm 1", AN, BICH, CHIEN)
    meetings.branch(commune, "Chi bộ xóm 2")
    start = meetings.now() - timedelta(hours=3)
    held_on = start.date()
    meeting = meetings.run(regular(branch, start, "Kiểm điểm nghị quyết tháng",
                                   "Phát triển đảng")).ids["meeting_id"]
    meetings.run(mc.PublishMaterials(meeting, "Tài liệu sinh hoạt tháng",
                                     start - timedelta(days=2)))
    meetings.run(mc.OpenMeeting(meeting, start))
    meetings.run(mc.RecordAttendanceSheet(meeting, (
        mc.AttendanceEntry(ids[AN[0]], "present"), mc.AttendanceEntry(ids[BICH[0]], "present"),
        mc.AttendanceEntry(ids[CHIEN[0]], "absent_unexcused"))))
    meetings.run(mc.RecordSuperiorCadreAttendance(meeting, "Lã Thị Duyên", "Ủy viên BTV Huyện ủy",
                                                  "Huyện ủy Kim Sơn"))
    # 1 approval of 3 counted is no majority: recorded as rejected
    rejected = meetings.run(mc.AdoptResolution(meeting, "Nghị quyết tháng", 1, 1, 0))
    adopted = meetings.run(mc.AdoptResolution(meeting, "Nghị quyết tháng", 2, 0, 0))
    meetings.run(mc.CloseMeeting(meeting, start + timedelta(minutes=100)))
    meetings.run(mc.CloseMinutes(meeting))

    # read straight after the last reply: each reply waited for meetings' read models
    detail = meetings.client.queries.meeting(meeting)
    rate = meetings.client.queries.attendance_rate(branch, held_on, held_on)
    by_branch = meetings.client.queries.attendance_by_branch(commune, held_on, held_on)

    assert isinstance(detail, MeetingDetail) and detail.summary.status == "minutes_closed"
    assert detail.summary.duration_compliant is True and detail.summary.materials_late is False
    assert {line.full_name: line.status for line in detail.attendance} == {
        AN[0]: "present", BICH[0]: "present", CHIEN[0]: "absent_unexcused"}
    assert [(r.id, r.votes_for, r.denominator, r.passed) for r in detail.resolutions] == [
        (rejected.ids["resolution_id"], 1, 3, False), (adopted.ids["resolution_id"], 2, 3, True)]
    assert [cadre.full_name for cadre in detail.superior_cadres] == ["Lã Thị Duyên"]
    assert isinstance(rate, AttendanceRate)
    assert (rate.present, rate.absent_unexcused, rate.expected, rate.meetings) == (2, 1, 3, 1)
    assert [(b.organisation.name, b.attendance.meetings) for b in by_branch] == [
        ("Chi bộ xóm 1", 1), ("Chi bộ xóm 2", 0)]


def test_a_transfer_in_membership_changes_the_next_summons_but_not_a_held_meetings(meetings):
    commune = meetings.commune("Đảng bộ xã Kim Định")
    branch, ids = meetings.branch(commune, "Chi bộ thôn Nội", AN, BICH, CHIEN)
    other, _ = meetings.branch(commune, "Chi bộ thôn Ngoại")
    start = meetings.now() - timedelta(hours=2)
    held = meetings.run(regular(branch, start)).ids["meeting_id"]
    meetings.run(mc.OpenMeeting(held, start))
    moving = ids[CHIEN[0]]

    meetings.topology.run(c.TransferMember(moving, other, start.date()))

    meetings.eventually("the transfer to reach meetings' roster view",
                        lambda: meetings.roster(other) == [CHIEN[0]])
    assert meetings.roster(branch) == [AN[0], BICH[0]]
    assert CHIEN[0] in [line.full_name for line in meetings.client.queries.meeting(held).attendance]
    after = meetings.run(regular(other, start, "Đón đảng viên chuyển đến")).ids["meeting_id"]
    meetings.run(mc.OpenMeeting(after, start))
    assert [line.member_id for line in meetings.client.queries.meeting(after).attendance] == [
        moving]


def test_a_bad_value_is_refused_naming_its_field_and_appends_nothing(meetings):
    branch, _ = meetings.branch(meetings.commune("Đảng bộ xã Kim Hải"), "Chi bộ xóm Bãi", AN)
    head = meetings.client.health()["storeHead"]

    with pytest.raises(InvalidInput) as refused:
        meetings.run(regular(branch, "tonight"))

    assert refused.value.field == "scheduled_start"
    assert meetings.client.health()["storeHead"] == head


def test_the_meetings_service_process_exposes_its_command_metrics(meetings):
    branch, _ = meetings.branch(meetings.commune("Đảng bộ xã Kim Tân"), "Chi bộ xóm Đồng", AN)
    meetings.run(regular(branch, meetings.now()))

    text = httpx.get(f"http://127.0.0.1:{meetings.metrics_port}/metrics", timeout=5).text

    scheduled = re.search(r'partyorg_commands_total\{command="ScheduleMeeting",outcome="ok",'
                          r'service="meetings"\} (\d+)', text)
    assert scheduled and int(scheduled.group(1)) >= 1
    assert 'partyorg_rpc_read_your_writes_wait_seconds_count{service="meetings"}' in text


@pytest.mark.parametrize("module", ["service", "relay", "projections"])
def test_a_meetings_process_exits_naming_the_server_it_cannot_reach(module):
    done = subprocess.run([sys.executable, "-m", f"partyorg.processes.{module}", "meetings"],
                          env={**os.environ, **NOWHERE}, capture_output=True, text=True,
                          timeout=30)
    last = json.loads(done.stderr.strip().splitlines()[-1])  # the logs are JSON lines

    assert done.returncode == 1 and last["level"] == "error"
    assert last["msg"].startswith("PostgreSQL at ") and "unreachable" in last["msg"]
    assert "secret" not in last["msg"]


def test_a_call_without_a_broker_fails_as_meetings_unavailable():
    client = RpcClient.of(MEETINGS, NOWHERE["PARTYORG_AMQP_URI"], "NB", timeout=2)
    try:
        with pytest.raises(ServiceUnavailable):
            client.queries.roster(str(uuid.uuid4()))
    finally:
        client.close()
