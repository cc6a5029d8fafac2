"""A command its service does not answer, on the real RabbitMQ and processes: every mutation is
answered CommandNotConfirmed (HTTP 200, no internal error) within the gateway's command timeout;
a command queued for a stopped service runs when it is back, and the client's retry with the
same command id is a duplicate, with one set of events in the store. An answer given before the
read models applied the command says `visible: false`.

These tests stop and restart the session's membership service; each leaves it running as the
session started it.
"""

from __future__ import annotations

import signal
import time
import uuid
import warnings
from collections.abc import Iterator

import httpx
import psycopg
import pytest

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

from gateway.auth import ORGANISATION_COMMISSION, issue_token, load_or_create_key
from gateway.clients.rpc import RpcClient
from gateway.server import create_app
from gateway.tests.every_mutation import every_mutation
from partyorg.services import SERVICES

from .conftest import Gateway, free_port, wait_for

COMMAND_TIMEOUT = 3.0  # the gateway's PARTYORG_RPC_COMMAND_TIMEOUT here
CREATE = """mutation Create($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    __typename
    ... on CreateOrganisationSucceeded { commandId duplicate visible organisation { name } }
    ... on CommandNotConfirmed { code commandId service message }
    ... on Error { code message } } }"""
NOT_CONFIRMED = "__typename ... on CommandNotConfirmed { code commandId service }"


@pytest.fixture(scope="module")
def quick_gateway(topology, tmp_path_factory) -> Iterator[Gateway]:
    """The gateway process, waiting COMMAND_TIMEOUT seconds for a command's answer."""
    key_file = tmp_path_factory.mktemp("quick-keys") / "signing.key"
    port = free_port()
    process = topology.start("quick_gateway", "partyorg.processes.gateway",
                             PARTYORG_GATEWAY_PORT=str(port), PARTYORG_SIGNING_KEY=str(key_file),
                             PARTYORG_RPC_COMMAND_TIMEOUT=str(COMMAND_TIMEOUT))
    url = f"http://127.0.0.1:{port}"
    wait_for("the gateway to be healthy",
             lambda: httpx.get(f"{url}/healthz", timeout=2).status_code == 200,
             topology.processes, topology.logs)
    yield Gateway(url, load_or_create_key(key_file), process)
    assert topology.stop("quick_gateway") == 0


def creation(parent: str, name: str, command_id: str | None = None) -> dict:
    return {"input": {"commandId": command_id or str(uuid.uuid4()), "name": name,
                      "type": "COMMUNE_COMMITTEE", "parentId": parent,
                      "establishedOn": "2025-07-01"}}


def restart_service(topology, **changed_env: str) -> None:
    assert topology.stop("service") == 0
    topology.restart("service", **changed_env)
    wait_for("the membership service to answer again", topology.membership.health,
             topology.processes, topology.logs)


def events_of(topology, command_id: str) -> list[str]:
    schema = topology.env["PARTYORG_MEMBERSHIP_STORE_SCHEMA"]
    with psycopg.connect(topology.env["PARTYORG_PG_DSN"]) as conn:
        return [t for (t,) in conn.execute(f"SELECT type FROM {schema}.events "
                                           "WHERE command_id = %s ORDER BY global_position",
                                           (command_id,))]


def test_every_mutation_sent_to_services_nobody_serves_is_not_confirmed(topology, tmp_path):
    amqp = topology.env["PARTYORG_AMQP_URI"]
    nobody = f"nobody_{uuid.uuid4().hex[:8]}"
    clients = {d.name: RpcClient.of(d, amqp, "NB", timeout=2, service_name=f"{nobody}_{d.name}")
               for d in SERVICES}
    key = load_or_create_key(tmp_path / "signing.key")
    token = issue_token(key, user="tester", roles=[ORGANISATION_COMMISSION], org=topology.root,
                        province="NB")
    try:
        with TestClient(create_app(clients, key)) as client:
            answers = {}
            for mutation in every_mutation():
                response = client.post("/graphql", json={
                    "query": mutation.document(NOT_CONFIRMED), "variables": mutation.variables},
                    headers={"Authorization": f"Bearer {token}"})
                assert response.status_code == 200, response.text
                answers[mutation.field] = (response.json(), mutation)
    finally:
        for c in clients.values():
            c.close()

    for field, (body, mutation) in answers.items():
        assert "errors" not in body, (field, body)
        assert body["data"][field] == {"__typename": "CommandNotConfirmed",
                                       "code": "NOT_CONFIRMED", "commandId": mutation.command_id,
                                       "service": mutation.service}


def test_a_command_for_a_stopped_service_is_not_confirmed_then_applies_once(topology,
                                                                             quick_gateway):
    command = creation(topology.root, "Đảng bộ xã Khánh Hội")
    command_id = command["input"]["commandId"]
    assert topology.stop("service") == 0
    try:
        with httpx.Client(timeout=30) as client:
            started = time.monotonic()
            unanswered = quick_gateway.gql(client, CREATE, command, org=topology.root)
            waited = time.monotonic() - started
    finally:
        topology.restart("service")
    wait_for("the membership service to answer again", topology.membership.health,
             topology.processes, topology.logs)
    # the command waited in the service's queue and ran once the service was back
    wait_for("the queued command to be applied", lambda: events_of(topology, command_id),
             topology.processes, topology.logs)
    with httpx.Client(timeout=30) as client:
        retried = quick_gateway.gql(client, CREATE, command, org=topology.root)

    assert "errors" not in unanswered, unanswered
    answer = unanswered["data"]["createOrganisation"]
    assert answer["__typename"] == "CommandNotConfirmed", answer
    assert (answer["code"], answer["commandId"], answer["service"]) == (
        "NOT_CONFIRMED", command_id, "membership")
    assert COMMAND_TIMEOUT - 0.2 <= waited < COMMAND_TIMEOUT + 2  # the setting bounds the wait
    assert retried["data"]["createOrganisation"] == {
        "__typename": "CreateOrganisationSucceeded", "commandId": command_id, "duplicate": True,
        "visible": True, "organisation": {"name": "Đảng bộ xã Khánh Hội"}}
    assert events_of(topology, command_id) == ["membership.OrganisationCreated"]


def test_an_answer_before_the_read_models_applied_the_command_says_not_visible(topology,
                                                                               quick_gateway):
    worker = topology.processes["projections"]
    restart_service(topology, PARTYORG_RPC_VISIBILITY_TIMEOUT="0.5")
    try:
        worker.send_signal(signal.SIGSTOP)  # the read models stop moving
        try:
            with httpx.Client(timeout=30) as client:
                lagging = quick_gateway.gql(client, CREATE.replace(" organisation { name }", ""),
                                            creation(topology.root, "Đảng bộ xã Yên Nhân"),
                                            org=topology.root)
        finally:
            worker.send_signal(signal.SIGCONT)
    finally:
        restart_service(topology)

    assert lagging["data"]["createOrganisation"]["__typename"] == "CreateOrganisationSucceeded"
    assert lagging["data"]["createOrganisation"]["visible"] is False
