"""Meetings in the distributed topology, beside membership's, on the real RabbitMQ, PostgreSQL and
Kafka: its nameko service, relay and projection worker run as processes from their entry points.

Membership's processes come from the session's `topology` (conftest.py); this module adds the
meetings ones under their own schemas, topic, consumer group and RPC name. Members and branches
are made through membership's RPC client; meetings sees them only through membership's events
on Kafka (its consumer-owned roster view), and meetings' own read models answer the statistics.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import httpx
import pytest

from partyorg.gateway.clients.meetings_rpc import MeetingsUnavailable, RpcMeetings
from partyorg.kit.clock import BUSINESS_TZ
from partyorg.kit.envelope import Actor, CommandContext
from partyorg.kit.errors import InvalidInput, RuleViolated
from partyorg.meetings.application.service import CommandResult
from partyorg.meetings.application.views import AttendanceRate, MeetingDetail
from partyorg.meetings.domain import commands as mc
from partyorg.membership.domain import commands as c

SECRETARY = Actor("u-bi-thu", "branch_secretary")
NOWHERE = {"PARTYORG_PG_DSN": "postgresql://partyorg:secret@127.0.0.1:1/partyorg",
           "PARTYORG_AMQP_URI": "amqp://guest:secret@127.0.0.1:1/",
           "PARTYORG_KAFKA_BOOTSTRAP": "127.0.0.1:1"}
PROCESSES = {"meetings_service": "partyorg.processes.meetings_service",
             "meetings_relay": "partyorg.processes.meetings_relay",
             "meetings_projections": "partyorg.processes.meetings_projections"}


def eventually(what: str, probe: Callable[[], Any], topology, timeout: float = 20) -> Any:
    """Poll until `probe` answers something truthy: for what crosses Kafka from membership,
    which no reply waits for. Fails early when a process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, process in topology.processes.items():
            if process.poll() is not None:
                tail = (topology.logs / f"{name}.log").read_text(errors="replace")[-3000:]
                pytest.fail(f"{name} exited with {process.returncode} waiting for {what}:\n{tail}")
        try:
            value = probe()
        except MeetingsUnavailable:
            value = None
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout:g} s waiting for {what}")


def profile(name: str, serial: int, gender: str = "male") -> c.ProfileInput:
    born = date(1981, 6, 15)
    return c.ProfileInput(full_name=name, date_of_birth=born, gender=gender, ethnicity="Kinh",
                          hometown="Kim Sơn, Ninh Bình",
                          citizen_id=f"037{int(gender == 'female')}81{serial:06d}",
                          education="upper_secondary", political_theory="elementary",
                          occupation="Nông dân")


@dataclass
class Meetings:
    topology: Any
    client: RpcMeetings
    env: dict[str, str]
    metrics_port: int
    commune: str = ""
    branch: str = ""
    other_branch: str = ""
    members: dict[str, str] | None = None

    def run(self, command: object, command_id: str | None = None) -> CommandResult:
        return self.client.service.execute(
            command, CommandContext(command_id or str(uuid.uuid4()), "NB", SECRETARY))

    def roster(self, branch: str) -> list[str]:
        return [e.full_name for e in self.client.queries.roster(branch)]


def _drop(env: dict[str, str]) -> None:
    import psycopg
    from kafka import KafkaAdminClient
    from kombu import Connection

    with psycopg.connect(env["PARTYORG_PG_DSN"], autocommit=True) as conn:
        for schema in (env["PARTYORG_MEETINGS_STORE_SCHEMA"], env["PARTYORG_MEETINGS_READ_SCHEMA"]):
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    with Connection(env["PARTYORG_AMQP_URI"]) as conn:
        conn.channel().queue_delete(f"rpc-{env['PARTYORG_MEETINGS_RPC_NAME']}")
    admin = KafkaAdminClient(bootstrap_servers=env["PARTYORG_KAFKA_BOOTSTRAP"],
                             request_timeout_ms=10000)
    try:
        topic = env["PARTYORG_MEETINGS_TOPIC"]
        # the worker made a dead-letter topic for membership's topic too; membership's
        # session teardown removes its topic, this module what meetings added
        made = (topic, f"{topic}.dlq", f"{env['PARTYORG_MEMBERSHIP_TOPIC']}.dlq")
        admin.delete_topics([t for t in made if t in admin.list_topics()])
        admin.delete_groups([env["PARTYORG_MEETINGS_PROJECTION_GROUP"]])
    finally:
        admin.close()


@pytest.fixture(scope="module")
def meetings(topology) -> Iterator[Meetings]:
    tag = f"{topology.tag}_mt"
    env = {"PARTYORG_MEETINGS_STORE_SCHEMA": f"t_{tag}_es",
           "PARTYORG_MEETINGS_READ_SCHEMA": f"t_{tag}_rm",
           "PARTYORG_MEETINGS_TOPIC": f"t_{tag}.meetings",
           "PARTYORG_MEETINGS_RPC_NAME": f"meetings_t_{tag}",
           "PARTYORG_MEETINGS_PROJECTION_GROUP": f"t_{tag}-projections"}
    full_env = {**topology.env, **env}
    client = RpcMeetings(full_env["PARTYORG_AMQP_URI"], "NB", timeout=10,
                         service_name=env["PARTYORG_MEETINGS_RPC_NAME"])
    ports = {name: _free_port() for name in PROCESSES}
    world = Meetings(topology, client, full_env, ports["meetings_service"])
    try:
        for name, module in PROCESSES.items():
            topology.start(name, module, **env, PARTYORG_METRICS_PORT=str(ports[name]))
        eventually("the meetings service to answer", client.health, topology, timeout=30)
        _branches_and_members(world)
        yield world
    finally:
        client.close()
        exits = {name: topology.stop(name) for name in PROCESSES if name in topology.processes}
        _drop(full_env)
    assert exits == dict.fromkeys(exits, 0), f"not every meetings process stopped cleanly: {exits}"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _branches_and_members(world: Meetings) -> None:
    """Through membership's RPC: a commune with two branches, three officials in the first;
    then wait until meetings' own view has them (membership → Kafka → meetings' worker)."""
    run = world.topology.run
    world.commune = run(c.CreateOrganisation("Đảng bộ xã Kim Chính", "commune_committee",
                                             world.topology.root, date(2025, 7, 1))
                        ).ids["organisation_id"]
    world.branch, world.other_branch = (
        run(c.CreateOrganisation(name, "grassroots_branch", world.commune, date(2025, 7, 2))
            ).ids["organisation_id"]
        for name in ("Chi bộ xóm 1", "Chi bộ xóm 2"))
    world.members = {
        name: run(c.RecordExistingMember(world.branch, profile(name, 7100 + i, gender),
                                         "official", date(2005, 5, 19),
                                         official_from=date(2006, 5, 19))).ids["member_id"]
        for i, (name, gender) in enumerate((("Phạm Văn Ân", "male"),
                                            ("Trịnh Thị Bích", "female"),
                                            ("Đinh Văn Chiến", "male")))}
    eventually("meetings' roster view to follow membership's events",
               lambda: len(world.roster(world.branch)) == 3, world.topology)


def now_local() -> datetime:
    return datetime.now(BUSINESS_TZ).replace(microsecond=0)


def test_a_meeting_held_over_rpc_shows_in_the_branch_attendance_rate(meetings):
    start = now_local() - timedelta(hours=3)
    held_on = start.date()
    an, bich, chien = (meetings.members[n] for n in ("Phạm Văn Ân", "Trịnh Thị Bích",
                                                       "Đinh Văn Chiến"))
    meeting = meetings.run(mc.ScheduleMeeting(
        meetings.branch, "regular", start, 90, ("Kiểm điểm nghị quyết tháng", "Phát triển đảng")),
    ).ids["meeting_id"]
    meetings.run(mc.PublishMaterials(meeting, "Tài liệu sinh hoạt tháng",
                                     start - timedelta(days=2)))
    meetings.run(mc.OpenMeeting(meeting, start))
    meetings.run(mc.RecordAttendanceSheet(meeting, (
        mc.AttendanceEntry(an, "present"), mc.AttendanceEntry(bich, "present"),
        mc.AttendanceEntry(chien, "absent_unexcused"))))
    meetings.run(mc.RecordSuperiorCadreAttendance(meeting, "Lã Thị Duyên", "Ủy viên BTV Huyện ủy",
                                                  "Huyện ủy Kim Sơn"))
    with pytest.raises(RuleViolated) as refused:  # 1 approval of 3 counted is no majority
        meetings.run(mc.AdoptResolution(meeting, "Nghị quyết tháng", 1, 1, 0))
    adopted = meetings.run(mc.AdoptResolution(meeting, "Nghị quyết tháng", 2, 0, 0))
    meetings.run(mc.CloseMeeting(meeting, start + timedelta(minutes=100)))
    meetings.run(mc.CloseMinutes(meeting))

    # read straight after the last reply: the reply waited for meetings' read models
    detail = meetings.client.queries.meeting(meeting)
    rate = meetings.client.queries.attendance_rate(meetings.branch, held_on, held_on)
    by_branch = meetings.client.queries.attendance_by_branch(meetings.commune, held_on, held_on)

    assert refused.value.rule == "resolution.majority"
    assert isinstance(detail, MeetingDetail) and detail.summary.status == "minutes_closed"
    assert detail.summary.duration_compliant is True and detail.summary.materials_late is False
    assert {line.full_name: line.status for line in detail.attendance} == {
        "Phạm Văn Ân": "present", "Trịnh Thị Bích": "present",
        "Đinh Văn Chiến": "absent_unexcused"}
    assert [(r.id, r.votes_for, r.denominator) for r in detail.resolutions] == [
        (adopted.ids["resolution_id"], 2, 3)]
    assert [cadre.full_name for cadre in detail.superior_cadres] == ["Lã Thị Duyên"]
    assert isinstance(rate, AttendanceRate)
    assert (rate.present, rate.absent_unexcused, rate.expected, rate.meetings) == (2, 1, 3, 1)
    assert [(b.organisation.name, b.attendance.meetings) for b in by_branch] == [
        ("Chi bộ xóm 1", 1), ("Chi bộ xóm 2", 0)]


def test_a_transfer_in_membership_changes_the_next_summons_but_not_a_held_meetings(meetings):
    start = now_local() - timedelta(hours=2)
    held = meetings.run(mc.ScheduleMeeting(meetings.branch, "regular", start, 90,
                                           ("Sinh hoạt thường kỳ",))).ids["meeting_id"]
    meetings.run(mc.OpenMeeting(held, start))
    moving = meetings.members["Đinh Văn Chiến"]

    meetings.topology.run(c.TransferMember(moving, meetings.other_branch, start.date()))

    eventually("the transfer to reach meetings' roster view",
               lambda: "Đinh Văn Chiến" in meetings.roster(meetings.other_branch),
               meetings.topology)
    assert meetings.roster(meetings.branch) == ["Phạm Văn Ân", "Trịnh Thị Bích"]
    assert "Đinh Văn Chiến" in [line.full_name
                                for line in meetings.client.queries.meeting(held).attendance]
    after = meetings.run(mc.ScheduleMeeting(meetings.other_branch, "regular", start, 90,
                                            ("Đón đảng viên chuyển đến",))).ids["meeting_id"]
    meetings.run(mc.OpenMeeting(after, start))
    assert [line.member_id for line in meetings.client.queries.meeting(after).attendance] == [
        moving]


def test_a_bad_value_is_refused_naming_its_field_and_appends_nothing(meetings):
    head = meetings.client.health()["storeHead"]

    with pytest.raises(InvalidInput) as refused:
        meetings.run(mc.ScheduleMeeting(meetings.branch, "regular", "tonight",  # type: ignore[arg-type]
                                        90, ("Sinh hoạt",)))

    assert refused.value.field == "scheduled_start"
    assert meetings.client.health()["storeHead"] == head


def test_the_meetings_processes_expose_their_metrics(meetings):
    text = httpx.get(f"http://127.0.0.1:{meetings.metrics_port}/metrics", timeout=5).text

    scheduled = re.search(r'partyorg_commands_total\{command="ScheduleMeeting",outcome="ok",'
                          r'service="meetings"\} (\d+)', text)
    assert scheduled and int(scheduled.group(1)) >= 1
    assert 'partyorg_rpc_read_your_writes_wait_seconds_count{service="meetings"}' in text


@pytest.mark.parametrize(("module", "server"), [
    ("meetings_service", "PostgreSQL"), ("meetings_relay", "PostgreSQL"),
    ("meetings_projections", "PostgreSQL"),
])
def test_a_meetings_process_exits_naming_the_server_it_cannot_reach(module, server):
    done = subprocess.run([sys.executable, "-m", f"partyorg.processes.{module}"],
                          env={**os.environ, **NOWHERE}, capture_output=True, text=True,
                          timeout=30)
    last = json.loads(done.stderr.strip().splitlines()[-1])

    assert done.returncode == 1 and last["level"] == "error"
    assert last["msg"].startswith(f"{server} at ") and "unreachable" in last["msg"]
    assert "secret" not in last["msg"]


def test_a_call_without_a_broker_fails_as_meetings_unavailable():
    client = RpcMeetings(NOWHERE["PARTYORG_AMQP_URI"], "NB", timeout=2)
    try:
        with pytest.raises(MeetingsUnavailable):
            client.queries.roster(str(uuid.uuid4()))
    finally:
        client.close()
