"""Membership as a nameko service over the real RabbitMQ, PostgreSQL and Kafka, through the
RpcClient client: what a caller writes it reads back at once, refusals arrive typed."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import replace
from datetime import date

import httpx
import pytest

from kit.errors import CommandIdReused, InvalidInput, RuleViolated
from kit.paging import Page
from services.membership.application.views import MemberView, TreeNode
from services.membership.domain import commands as c


def profile(name: str, born: date, serial: int, gender: str = "male") -> c.ProfileInput:
    century = (0 if born.year < 2000 else 2) + (gender == "female")
    return c.ProfileInput(full_name=name, date_of_birth=born, gender=gender, ethnicity="Kinh",
                          hometown="Yên Mô, Ninh Bình",
                          citizen_id=f"037{century}{born.year % 100:02d}{serial:06d}",
                          education="upper_secondary", political_theory="elementary",
                          occupation="Giáo viên")


@pytest.fixture(scope="module")
def branch(topology) -> str:
    commune = topology.run(c.CreateOrganisation("Đảng bộ xã Yên Mô", "commune_committee",
                                                topology.root, date(2025, 7, 1)))
    return topology.run(c.CreateOrganisation("Chi bộ thôn Bình Hải", "grassroots_branch",
                                             commune.ids["organisation_id"], date(2025, 7, 2))
                        ).ids["organisation_id"]


def official(topology, branch: str, name: str, serial: int, gender: str = "male") -> str:
    return topology.run(c.RecordExistingMember(
        branch, profile(name, date(1970, 3, 2), serial, gender), "official", date(1995, 5, 19),
        official_from=date(1996, 5, 19))).ids["member_id"]


def test_a_member_recorded_over_rpc_is_read_back_by_the_next_query(topology, branch):
    result = topology.run(c.RecordExistingMember(
        branch, profile("Nguyễn Thị Hoà", date(1968, 8, 9), 11, "female"), "official",
        date(1990, 5, 19), official_from=date(1991, 5, 19)))

    member = topology.membership.queries.member(result.ids["member_id"])
    page = topology.membership.queries.members(topology.root, name_contains="hoa")
    tree = topology.membership.queries.organisation_tree(topology.root)
    health = topology.membership.health()

    assert isinstance(member, MemberView) and member.full_name == "Nguyễn Thị Hoà"
    assert (member.organisation_id, member.official_from) == (branch, date(1991, 5, 19))
    assert isinstance(page, Page) and [m.id for m in page.items] == [member.id]
    assert isinstance(tree, TreeNode) and tree.subtree_counts.get("official", 0) >= 1
    assert health["storeHead"] >= max(result.positions) and health["projectionsBehind"] == {}


def test_a_rule_violation_arrives_typed_with_its_rule_and_version(topology, branch):
    sponsor = official(topology, branch, "Trần Văn Bình", 12)
    probationary = topology.run(c.RecordExistingMember(
        branch, profile("Lê Thị Cúc", date(1998, 2, 14), 13, "female"), "probationary",
        date(2026, 3, 2), ceremony_on=date(2026, 3, 2))).ids["member_id"]
    head = topology.membership.health()["storeHead"]

    with pytest.raises(RuleViolated) as refused:
        topology.run(c.SubmitApplication(
            branch, profile("Hoàng Minh Tuấn", date(2000, 1, 15), 14),
            (c.SponsorInput("member", date(2020, 1, 1), sponsor),
             c.SponsorInput("member", date(2020, 1, 1), probationary)), date(2026, 6, 1)))

    assert refused.value.rule == "admission.sponsor_official"
    assert refused.value.rule_version == refused.value.details["rule_version"] != ""
    assert topology.membership.health()["storeHead"] == head


def test_a_retried_command_id_is_a_duplicate_and_a_reused_one_is_refused(topology, branch):
    command = c.CreateOrganisation("Chi bộ thôn Khánh Thượng", "grassroots_branch", topology.root,
                                   date(2025, 7, 1))
    command_id = str(uuid.uuid4())
    first = topology.run(command, command_id)

    again = topology.run(command, command_id)
    with pytest.raises(CommandIdReused):
        topology.run(replace(command, name="Chi bộ khác"), command_id)

    assert (again.duplicate, again.ids, again.positions) == (True, first.ids, first.positions)


def test_a_value_that_cannot_be_read_is_refused_naming_its_field(topology):
    with pytest.raises(InvalidInput) as refused:
        topology.run(c.CreateOrganisation("Chi bộ", "grassroots_branch", topology.root,
                                          "the first of July"))  # type: ignore[arg-type]

    assert refused.value.field == "established_on"


def test_callers_on_many_threads_share_one_client(topology, branch):
    expected = topology.membership.queries.organisation(branch)
    answers: list[object] = []

    def ask() -> None:
        for _ in range(10):
            answers.append(topology.membership.queries.organisation(branch))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)

    assert len(answers) == 80 and all(a == expected for a in answers)


def test_the_service_process_exposes_its_command_metrics(topology, branch):
    text = httpx.get(f"http://127.0.0.1:{topology.metrics_ports['service']}/metrics").text

    created = re.search(r'partyorg_commands_total\{command="CreateOrganisation",outcome="ok",'
                        r'service="membership"\} (\d+)', text)
    assert created and int(created.group(1)) >= 3
    assert "partyorg_rpc_read_your_writes_wait_seconds_count" in text


GREEN_QUERIES = """
import partyorg.processes.service  # patches eventlet in, sets PSYCOPG_WAIT_FUNC
import os, time, eventlet, psycopg

def nap():
    with psycopg.connect(os.environ["PARTYORG_PG_DSN"]) as conn:
        conn.execute("SELECT pg_sleep(0.4)")

pool, started = eventlet.GreenPool(), time.monotonic()
for _ in range(3):
    pool.spawn(nap)
pool.waitall()
print(round(time.monotonic() - started, 3))
"""


def test_postgresql_queries_in_the_service_process_yield_to_other_workers(topology):
    out = subprocess.run([sys.executable, "-c", GREEN_QUERIES], env=topology.env,
                         capture_output=True, text=True, timeout=30, check=True)

    # three 0.4 s queries on green threads overlap; blocking ones would take 1.2 s
    assert float(out.stdout.strip().splitlines()[-1]) < 0.9


def test_rpc_round_trips_take_milliseconds(topology, branch):
    timings = []
    for _ in range(30):
        started = time.perf_counter()
        topology.membership.queries.is_within(branch, topology.root)
        timings.append(time.perf_counter() - started)

    assert sorted(timings)[15] < 0.05


def test_the_processes_reconnect_after_their_database_connections_are_cut(topology, branch):
    import psycopg

    with psycopg.connect(topology.env["PARTYORG_PG_DSN"], autocommit=True) as conn:
        cut = conn.execute("SELECT pg_terminate_backend(pid), application_name "
                           "FROM pg_stat_activity WHERE application_name LIKE %s",
                           (f"t_{topology.tag}_%",)).fetchall()
    assert {name.rsplit("_", 1)[1] for _, name in cut} == {"service", "relay", "projections"}

    member = official(topology, branch, "Phạm Văn Đồng", 15)

    assert topology.membership.queries.member(member).full_name == "Phạm Văn Đồng"
    assert topology.membership.health()["projectionsBehind"] == {}
