"""Evaluations in the distributed topology, beside membership's, on the real RabbitMQ, PostgreSQL
and Kafka: its nameko service, relay and projection worker run as processes from their entry
points.

Membership's processes come from the session's `topology` (../conftest.py), whose worker already
follows the session's evaluations topic; `evaluations` adds evaluations' processes the first time
a test asks, under their own schemas, topic, consumer group and RPC name, removed afterwards.
Organisations and members are made through membership's RPC client; evaluations learns of them
only from membership's events on Kafka (its own view), and membership learns of a member rated
KHT two years running only from evaluations' events (its work queue).
"""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest

from gateway.auth import ORGANISATION_COMMISSION, issue_token, load_or_create_key
from gateway.clients.rpc import RpcClient, ServiceUnavailable
from kit.envelope import Actor, CommandContext
from kit.testing.leftovers import remove_service
from kit.testing.ports import free_port
from services.evaluations.declaration import DECLARATION as EVALUATIONS
from services.membership.domain import commands as c

COMMITTEE = Actor("u-dang-uy", "organisation_commission")
PROCESSES = {"evaluations_service": "partyorg.processes.service evaluations",
             "evaluations_relay": "partyorg.processes.relay evaluations",
             "evaluations_projections": "partyorg.processes.projections evaluations"}
_serials = itertools.count(8100)


def profile(name: str, gender: str) -> c.ProfileInput:
    return c.ProfileInput(full_name=name, date_of_birth=date(1979, 3, 8), gender=gender,
                          ethnicity="Kinh", hometown="Yên Khánh, Ninh Bình",
                          citizen_id=f"037{int(gender == 'female')}79{next(_serials):06d}",
                          education="upper_secondary", political_theory="elementary",
                          occupation="Giáo viên")


@dataclass
class Evaluations:
    topology: Any  # ../conftest.py's Topology: membership's processes and client
    client: RpcClient
    env: dict[str, str]
    metrics_port: int

    def run(self, command: object, acting_for: str | None = None, organ: str = "") -> Any:
        return self.client.service.execute(
            command, CommandContext(str(uuid.uuid4()), "NB", COMMITTEE, acting_organ=organ),
            acting_for)

    def eventually(self, what: str, probe: Callable[[], Any], timeout: float = 30) -> Any:
        """Poll until `probe` answers something truthy (what crosses Kafka, which no reply
        waits for); fails early when a process died."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, process in self.topology.processes.items():
                if process.poll() is not None:
                    log = (self.topology.logs / f"{name}.log").read_text(errors="replace")
                    pytest.fail(f"{name} exited with {process.returncode} waiting for {what}:"
                                f"\n{log[-3000:]}")
            try:
                value = probe()
            except (ServiceUnavailable, httpx.HTTPError):
                value = None
            if value:
                return value
            time.sleep(0.2)
        pytest.fail(f"timed out after {timeout:g} s waiting for {what}")

    def grassroots(self, name: str, *members: tuple[str, str]) -> tuple[str, str, list[str]]:
        """A grassroots committee under the session's province with one branch of officials,
        once evaluations' view knows them: (grassroots id, branch id, member ids)."""
        run = self.topology.run
        grassroots = run(c.CreateOrganisation(name, "grassroots_committee", self.topology.root,
                                              date(2025, 7, 1))).ids["organisation_id"]
        branch = run(c.CreateOrganisation(f"Chi bộ {name}", "sub_branch", grassroots,
                                          date(2025, 7, 2))).ids["organisation_id"]
        ids = [run(c.RecordExistingMember(branch, profile(full_name, gender), "official",
                                          date(2005, 5, 19), official_from=date(2006, 5, 19))
                   ).ids["member_id"] for full_name, gender in members]
        self.eventually(f"evaluations' view of {name} to follow membership's events",
                        lambda: self.client.queries.is_within(branch, grassroots))
        return grassroots, branch, ids


@pytest.fixture(scope="session")
def evaluations(topology) -> Iterator[Evaluations]:
    tag = f"{topology.tag}_ev"
    env = {"PARTYORG_EVALUATIONS_STORE_SCHEMA": f"t_{tag}_es",
           "PARTYORG_EVALUATIONS_READ_SCHEMA": f"t_{tag}_rm",
           # the topic membership's worker follows (../conftest.py), and the RPC name its
           # gateway would call
           "PARTYORG_EVALUATIONS_TOPIC": topology.env["PARTYORG_EVALUATIONS_TOPIC"],
           "PARTYORG_EVALUATIONS_RPC_NAME": topology.env["PARTYORG_EVALUATIONS_RPC_NAME"],
           "PARTYORG_EVALUATIONS_PROJECTION_GROUP": f"t_{tag}-projections"}
    full_env = {**topology.env, **env}
    client = RpcClient.of(EVALUATIONS, full_env["PARTYORG_AMQP_URI"], "NB", timeout=10,
                          service_name=env["PARTYORG_EVALUATIONS_RPC_NAME"])
    ports = {name: free_port() for name in PROCESSES}
    world = Evaluations(topology, client, full_env, ports["evaluations_service"])
    try:
        for name, module in PROCESSES.items():
            topology.start(name, module, **env, PARTYORG_METRICS_PORT=str(ports[name]))
        world.eventually("the evaluations service to answer", client.health, timeout=30)
        yield world
    finally:
        client.close()
        exits = {name: topology.stop(name) for name in PROCESSES if name in topology.processes}
        remove_service(full_env, "evaluations")
    assert exits == dict.fromkeys(exits, 0), f"not every evaluations process stopped cleanly: {exits}"


@dataclass
class EvaluationsGateway:
    url: str
    key: bytes
    client: httpx.Client

    def gql(self, query: str, variables: dict | None = None, *, org: str,
            organ: str | None = None) -> dict:
        """The data of a GraphQL answer (no errors allowed), with a token for `org`."""
        token = issue_token(self.key, user="ban-to-chuc", roles=[ORGANISATION_COMMISSION],
                            org=org, province="NB", organ=organ)
        response = self.client.post(f"{self.url}/graphql",
                                     json={"query": query, "variables": variables or {}},
                                     headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body
        return body["data"]


@pytest.fixture(scope="session")
def evaluations_gateway(evaluations, tmp_path_factory) -> Iterator[EvaluationsGateway]:
    """The gateway process on these evaluations processes and the session's membership."""
    key_file = tmp_path_factory.mktemp("evaluations-keys") / "signing.key"
    port = free_port()
    evaluations.topology.start("evaluations_gateway", "partyorg.processes.gateway",
                               **evaluations.env, PARTYORG_GATEWAY_PORT=str(port),
                               PARTYORG_SIGNING_KEY=str(key_file))
    url = f"http://127.0.0.1:{port}"
    client = httpx.Client(timeout=20)
    try:
        evaluations.eventually("the gateway to be healthy",
                               lambda: httpx.get(f"{url}/healthz", timeout=2).status_code == 200)
        yield EvaluationsGateway(url, load_or_create_key(key_file), client)
    finally:
        client.close()
        code = evaluations.topology.stop("evaluations_gateway")
    assert code == 0, f"the gateway stopped with {code}"
