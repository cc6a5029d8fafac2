"""The gateway process over HTTP, reaching membership through RPC: a mutation then a query, and a
request held up by stalled projections does not hold up the others."""

from __future__ import annotations

import signal
import threading
import time
import uuid

import httpx

CREATE = """mutation Create($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    __typename
    ... on OrganisationCommandSucceeded { organisationId organisation { name status } }
    ... on Error { code message }
  } }"""
ORGANISATION = "query Org($id: ID!) { organisation(id: $id) { name parentId } }"
VIEWER = "query Who { viewer { userId } }"


def creation(parent: str, name: str) -> dict:
    return {"input": {"commandId": str(uuid.uuid4()), "name": name, "type": "COMMUNE_COMMITTEE",
                      "parentId": parent, "establishedOn": "2025-07-01"}}


def test_a_mutation_then_a_query_through_the_gateway_over_rpc(topology, gateway):
    with httpx.Client(timeout=20) as client:
        created = gateway.gql(client, CREATE, creation(topology.root, "Đảng bộ xã Yên Thắng"),
                              org=topology.root)["data"]["createOrganisation"]
        read = gateway.gql(client, ORGANISATION, {"id": created["organisationId"]},
                           org=topology.root)["data"]["organisation"]
        health = client.get(f"{gateway.url}/healthz").json()

    assert created["__typename"] == "CreateOrganisationSucceeded", created
    assert created["organisation"] == {"name": "Đảng bộ xã Yên Thắng", "status": "ACTIVE"}
    assert read == {"name": "Đảng bộ xã Yên Thắng", "parentId": topology.root}
    assert health["status"] == "ok" and health["projectionsBehind"] == {}


def test_the_gateway_answers_others_while_a_mutation_waits_for_stalled_projections(
        topology, gateway):
    worker = topology.processes["projections"]
    outcome: dict = {}

    def mutate() -> None:
        with httpx.Client(timeout=20) as client:
            outcome["body"] = gateway.gql(client, CREATE, creation(topology.root, "Đảng bộ xã "
                                          "Yên Lâm"), org=topology.root)

    worker.send_signal(signal.SIGSTOP)  # the service now waits for read models that do not move
    try:
        pending = threading.Thread(target=mutate)
        pending.start()
        time.sleep(0.3)  # the mutation reached the service and is waiting
        with httpx.Client(timeout=5) as client:
            started = time.monotonic()
            health = client.get(f"{gateway.url}/healthz").json()
            viewer = gateway.gql(client, VIEWER, org=topology.root)["data"]["viewer"]
            answered_in = time.monotonic() - started
        still_waiting = pending.is_alive()
    finally:
        worker.send_signal(signal.SIGCONT)
    pending.join(20)

    assert still_waiting, "the mutation did not wait for the stalled projections"
    assert answered_in < 1.0 and viewer == {"userId": "tester"}
    assert health["status"] == "ok" and health["projectionsBehind"]  # the lag is visible
    created = outcome["body"]["data"]["createOrganisation"]
    assert created["organisation"] == {"name": "Đảng bộ xã Yên Lâm", "status": "ACTIVE"}
