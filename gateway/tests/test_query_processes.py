"""Queries executed in query processes beside the server (gateway/query_processes.py) answer
exactly what the server itself would: the same bytes, refusals included, every write answered
before the request seen, metrics counted where /metrics is scraped. A query process that dies is
replaced, and its queries are answered by the server meanwhile.

Two gateways over one embedded province: `here` executes every query in its own process, `there`
sends every settled query to one of its two query processes (real child processes over the same
read-model files)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
import warnings
from datetime import date

import pytest
from prometheus_client import REGISTRY

from gateway.auth import ORGANISATION_COMMISSION, VIEWER, Claims
from gateway.query_processes import PIPELINE
from gateway.server import create_app
from kit.clock import FixedClock
from partyorg.query_side import query_side
from services.membership.domain import commands as c

from .conftest import KEY, TODAY, Api, profile
from .meetings_world import build_province, hold

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx is what we pin
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

PAGE = """query($org: ID!) { members(organisationId: $org, first: 20) { totalCount
  edges { cursor node { id fullName gender status dateOfBirth admittedOn } }
  pageInfo { hasNextPage endCursor } } }"""
TREE = """query($root: ID!) { organisationTree(rootId: $root) { organisation { name }
  subtreeCounts { official probationary } descendants { level organisation { id name } } } }"""
HISTORY = """query($id: ID!) { member(id: $id) { fullName status organisation { id name }
  history { event effectiveOn actor details } } }"""
MEETINGS = """query($org: ID!) { meetings(organisationId: $org, first: 5) { totalCount
  edges { node { id status kind attendance { member { fullName } status } } } } }"""
LEVELS = """query($root: ID!) { levelDistribution(organisationId: $root, fromYear: 2025,
  toYear: 2026) { year total } }"""

GIVEN_NAMES = ("Đức", "Hùng", "Lâm", "Khải", "Quý", "Thắng", "Tiến", "Vĩnh", "Xuân", "Yên")


def executed(where: str) -> float:
    return REGISTRY.get_sample_value("partyorg_graphql_queries_executed_total",
                                     {"where": where}) or 0.0


def wait_until_up(api: Api, processes: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        health = api.client.get("/healthz").json()
        if health["queryProcesses"] == {"up": processes, "configured": processes}:
            return
        assert time.monotonic() < deadline, health
        time.sleep(0.1)


@pytest.fixture(scope="module")
def gateways(tmp_path_factory):
    clock = FixedClock()
    clock.set_today(TODAY)
    folder = tmp_path_factory.mktemp("query-processes")
    p = build_province(folder, clock)
    side = query_side(p.platform, folder, 2, alone_here=False)
    try:
        with TestClient(create_app(p.platform.services, KEY, answer_cache=False)) as here, \
                TestClient(create_app(p.platform.services, KEY, answer_cache=False,
                                      query_side=side)) as there:
            api_here, api_there = Api(here, p), Api(there, p)
            wait_until_up(api_there, 2)
            hold(api_here, p.branch_a, "2026-10-05")
            yield api_here, api_there
    finally:
        p.platform.close()


def cases(p) -> list[tuple[str, str, dict, str, tuple[str, ...]]]:
    """(what, query, variables, as the token of, roles): answers, refusals and errors."""
    commission = ("organisation_commission",)
    return [
        ("trivial", "{ __typename }", {}, p.root, commission),
        ("a branch's member page", PAGE, {"org": p.branch_a}, p.commune_a, commission),
        ("a subtree with its counts", TREE, {"root": p.root}, p.root, (VIEWER,)),
        ("a member's history", HISTORY, {"id": p.members["an"]}, p.commune_a, commission),
        ("a branch's meetings", MEETINGS, {"org": p.branch_a}, p.commune_a, commission),
        ("a statistic of evaluations", LEVELS, {"root": p.root}, p.root, commission),
        ("a member outside the subtree", HISTORY, {"id": p.members["cuong"]}, p.commune_a,
         commission),
        ("a malformed id", HISTORY, {"id": "not an id"}, p.commune_a, commission),
        ("a field that does not exist", "{ members { nothing } }", {}, p.root, commission),
        ("a page past the largest", PAGE.replace("first: 20", "first: 100000"),
         {"org": p.branch_a}, p.commune_a, commission),
    ]


def test_every_query_answers_the_same_bytes_from_a_query_process(gateways):
    here, there = gateways
    sent = executed("query_process")
    checked = cases(here.province)
    for what, query, variables, org, roles in checked:
        expected = here.post(query, variables, token=here.token(org, roles))
        answered = there.post(query, variables, token=there.token(org, roles))
        assert (answered.status_code, answered.content) == (
            expected.status_code, expected.content), what
    # every one of them was executed by a query process, none by the server behind it
    assert executed("query_process") - sent == len(checked)


@pytest.mark.parametrize("body, content_type", [
    (b'{"query": "{ __typename }", "variables": 5}', "application/json"),
    (b'{"query": "{ __typename }", "extensions": []}', "application/json"),
    (b'{"query": "{ __typename }"', "application/json"),
    (b'[{"query": "{ __typename }"}]', "application/json"),
    (b'{"query": "{ __typename }"}', "text/plain"),
], ids=["variables not an object", "extensions not an object", "not JSON", "a batch",
        "not declared JSON"])
def test_a_body_the_view_refuses_is_refused_alike(gateways, body, content_type):
    here, there = gateways
    token = here.token(here.province.root)
    answers = [api.client.post("/graphql", content=body, headers={
        "Authorization": f"Bearer {token}", "Content-Type": content_type})
        for api in (here, there)]
    assert answers[0].status_code == 400
    assert (answers[1].status_code, answers[1].content) == (400, answers[0].content)


def test_the_refusals_are_the_servers_own(gateways):
    here, _ = gateways
    answers = {what: here.post(q, v, token=here.token(org, roles)).json()
               for what, q, v, org, roles in cases(here.province)}
    codes = {what: [e.get("extensions", {}).get("code") for e in body.get("errors", [])]
             for what, body in answers.items()}
    assert codes["a member outside the subtree"] == ["FORBIDDEN"]
    assert codes["a malformed id"] == ["INVALID_INPUT"]
    assert answers["a field that does not exist"]["errors"]
    assert codes["a page past the largest"] and "data" in answers["a page past the largest"]


def test_a_query_sees_every_write_answered_before_its_request(gateways):
    _, there = gateways
    p = there.province
    token = there.token(p.commune_a)
    for i, given in enumerate(GIVEN_NAMES):
        name = f"Phạm Văn {given}"
        member = p.system(c.RecordExistingMember(
            p.branch_a, profile(name, date(1980, 1, 1), "male", 100 + i),
            "official", date(2010, 5, 19), official_from=date(2011, 5, 19)))["member_id"]
        body = there.post(HISTORY, {"id": member}, token=token).json()
        assert body["data"]["member"]["fullName"] == name, body


def test_its_metrics_are_counted_by_the_server(gateways):
    _, there = gateways
    labels = {"operation": "CountedThere"}
    before = REGISTRY.get_sample_value("partyorg_graphql_request_duration_seconds_count",
                                       labels) or 0.0
    for _ in range(3):
        there.post("query CountedThere { __typename }", token=there.token(there.province.root))
    assert REGISTRY.get_sample_value("partyorg_graphql_request_duration_seconds_count",
                                     labels) == before + 3
    scraped = there.client.get("/metrics").text
    assert 'partyorg_graphql_queries_executed_total{where="query_process"}' in scraped


def test_each_query_process_is_given_its_next_query_while_it_answers_one(gateways):
    """Up to PIPELINE queries at a time each, so the next is already in its socket when it sends
    an answer; each answer still reaches the query that asked it, and the rest wait their turn."""
    here, there = gateways
    p = here.province
    processes = there.client.app.state.query_processes
    headers = {"Authorization": f"Bearer {here.token(p.commune_a)}",
               "Content-Type": "application/json"}
    asked = [json.dumps({"query": HISTORY, "variables": {"id": member}}).encode()
             for _, member in sorted(p.members.items())] * 2
    assert len(asked) > 2 * PIPELINE
    expected = [here.client.post("/graphql", content=body, headers=headers).content
                for body in asked]
    claims = Claims("tester", (ORGANISATION_COMMISSION,), p.commune_a, "NB")

    async def all_at_once() -> tuple[list[int], list]:
        queries = [asyncio.ensure_future(processes.execute((body, claims, ""))) for body in asked]
        await asyncio.sleep(0)  # each has been given a process, or waits for one
        loads = sorted(process.load for process in processes._all)
        return loads, await asyncio.gather(*queries)

    loads, answers = there.client.portal.call(all_at_once)
    assert PIPELINE > 1 and loads == [PIPELINE, PIPELINE]
    assert [answer.body for answer in answers] == expected
    assert len(set(expected)) > 2  # different members' answers, none crossed over


def test_a_query_process_killed_is_replaced_and_nothing_goes_unanswered(gateways):
    _, there = gateways
    processes = there.client.app.state.query_processes
    victim = next(iter(processes.pids()))
    os.kill(victim, signal.SIGKILL)
    token = there.token(there.province.commune_a)
    for _ in range(20):  # answered by the survivor, or by the server while none is up
        body = there.post(PAGE, {"org": there.province.branch_a}, token=token).json()
        assert body["data"]["members"]["totalCount"] >= 2, body
    wait_until_up(there, 2)
    assert victim not in processes.pids()


def test_the_query_processes_end_with_the_server(tmp_path):
    clock = FixedClock()
    clock.set_today(TODAY)
    p = build_province(tmp_path, clock)
    try:
        app = create_app(p.platform.services, KEY,
                         query_side=query_side(p.platform, tmp_path, 1, alone_here=False))
        with TestClient(app) as client:
            api = Api(client, p)
            wait_until_up(api, 1)
            pids = app.state.query_processes.pids()
            assert api.gql("{ __typename }", org=p.root) == {"data": {"__typename": "Query"}}
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in pids):
            assert time.monotonic() < deadline, pids
            time.sleep(0.1)
    finally:
        p.platform.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_without_query_processes_the_server_executes_every_query(gateways):
    here, _ = gateways
    served = executed("serving_process")
    here.post("{ __typename }", token=here.token(here.province.root))
    assert executed("serving_process") == served + 1
    assert "queryProcesses" not in here.client.get("/healthz").json()
