"""The evaluations service over RPC beside membership's: a campaign's steps through the client,
the quota's refusal with its headroom across the wire, and a member rated KHT two years running
reaching membership's work queue through Kafka. Processes and the client come from conftest.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date

import httpx
import pytest

from kit.errors import RuleViolated
from services.evaluations.domain import commands as ec

NOWHERE = {"PARTYORG_PG_DSN": "postgresql://partyorg:secret@127.0.0.1:1/partyorg",
           "PARTYORG_AMQP_URI": "amqp://guest:secret@127.0.0.1:1/",
           "PARTYORG_KAFKA_BOOTSTRAP": "127.0.0.1:1"}
# no name folds to contain another test's search ("hoa"): the session shares one province
PEOPLE = [("Trịnh Văn An", "male"), ("Vũ Thị Bình", "female"), ("Đặng Văn Cường", "male"),
          ("Bùi Thị Dung", "female"), ("Ngô Văn Em", "male"), ("Lý Thị Gấm", "female")]
GOOD = ec.TasksInput(10, 10, 1, 0, 0)
EXCELLENT = ec.TasksInput(10, 10, 4, 0, 0)


def decision(body: str, on: date) -> ec.DecisionInput:
    return ec.DecisionInput("21-QĐ/ĐU", "Trương Văn Hải", on, ec.DecidingBodyInput(body,
                                                                                   "committee"))


def through(evaluations, period, member, level, year, grassroots, points=(28.0, 64.0),
            tasks=GOOD):
    evaluations.run(ec.SubmitSelfAssessment(period, member, "2B", *points, tasks, level,
                                            date(year, 12, 10)))
    evaluations.run(ec.AppraiseEvaluation(period, member, level, date(year, 12, 20)))
    return evaluations.run(ec.DecideClassification(
        period, member, level, decision=decision(grassroots, date(year, 12, 28))))


def opened(evaluations, root, year):
    return evaluations.run(ec.OpenEvaluationPeriod(
        root, "annual", year, date(year, 12, 1), date(year + 1, 1, 31))).ids["period_id"]


def test_kht_two_years_running_reaches_membership_work_queue_through_kafka(evaluations):
    grassroots, _, (failing, other) = evaluations.grassroots("Đảng bộ Trường THPT Yên Khánh A",
                                                             *PEOPLE[:2])
    for year in (2025, 2026):  # the session's tree was made on 1/7/2025
        period = opened(evaluations, grassroots, year)
        result = through(evaluations, period, failing, "kht", year, grassroots,
                         points=(15.0, 25.0))
        through(evaluations, period, other, "htt", year, grassroots)
    assert result.events == ("ClassificationDecided", "UnsatisfactoryTwoYearsRunning")

    membership = evaluations.topology.membership.queries
    items = evaluations.eventually(
        "membership's work queue to show the review",
        lambda: [i for i in membership.work_queue(grassroots, date(2027, 1, 5), 260).items
                 if i.kind == "evaluation_review"])
    assert [(i.member.id, i.detail) for i in items] == [(failing, "KHT 2025, 2026")]


def test_the_quota_refusal_crosses_the_wire_with_its_headroom(evaluations):
    grassroots, _, members = evaluations.grassroots("Đảng bộ Bệnh viện Yên Khánh", *PEOPLE)
    period = opened(evaluations, grassroots, 2025)
    for member in members[:4]:
        through(evaluations, period, member, "htt", 2025, grassroots)
    through(evaluations, period, members[4], "htxs", 2025, grassroots, (29.0, 66.0), EXCELLENT)
    head = evaluations.client.health()["storeHead"]
    with pytest.raises(RuleViolated) as refused:
        through(evaluations, period, members[5], "htxs", 2025, grassroots, (29.0, 66.0),
                EXCELLENT)
    assert refused.value.rule == "quota.excellent"
    assert refused.value.details["headroom"] == 0
    # its self-assessment and appraisal were taken; the refused decision appended nothing
    assert evaluations.client.health()["storeHead"] == head + 2


def test_the_evaluations_service_process_exposes_its_command_metrics(evaluations):
    grassroots, _, _ = evaluations.grassroots("Đảng bộ Công ty Điện lực Yên Khánh", PEOPLE[0])
    opened(evaluations, grassroots, 2025)
    text = httpx.get(f"http://127.0.0.1:{evaluations.metrics_port}/metrics", timeout=5).text
    found = re.search(r'partyorg_commands_total\{command="OpenEvaluationPeriod",outcome="ok",'
                      r'service="evaluations"\} (\d+)', text)
    assert found and int(found.group(1)) >= 1


@pytest.mark.parametrize("module", ["service", "relay", "projections"])
def test_an_evaluations_process_exits_naming_the_server_it_cannot_reach(module):
    done = subprocess.run([sys.executable, "-m", f"partyorg.processes.{module}", "evaluations"],
                          env={**os.environ, **NOWHERE}, capture_output=True, text=True,
                          timeout=30)
    last = json.loads(done.stderr.strip().splitlines()[-1])
    assert done.returncode == 1 and last["level"] == "error"
    assert "unreachable" in last["msg"] and "secret" not in last["msg"]
