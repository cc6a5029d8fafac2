"""Personnel in the distributed topology, beside membership's, on the real RabbitMQ, PostgreSQL
and Kafka: its nameko service, relay and projection worker run as processes from their entry
points, the first time a test asks, under their own schemas, topic, consumer group and RPC name,
all removed afterwards. Personnel learns of members and their discipline only from membership's
events on Kafka (its own view)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from gateway.auth import ORGANISATION_COMMISSION, issue_token, load_or_create_key
from gateway.clients.rpc import RpcClient, ServiceUnavailable
from kit.envelope import Actor, CommandContext
from kit.testing.leftovers import remove_service
from kit.testing.ports import free_port
from partyorg.services import service

PERSONNEL = service("personnel")
OFFICER = Actor("u-ban-to-chuc", "organisation_commission")
PROCESSES = {"personnel_service": "partyorg.processes.service personnel",
             "personnel_relay": "partyorg.processes.relay personnel",
             "personnel_projections": "partyorg.processes.projections personnel"}


@dataclass
class Personnel:
    topology: Any  # ../conftest.py's Topology: membership's processes and client
    client: RpcClient
    env: dict[str, str]

    def run(self, command: object) -> dict[str, str]:
        return self.client.service.execute(
            command, CommandContext(str(uuid.uuid4()), "NB", OFFICER)).ids

    def eventually(self, what: str, probe: Callable[[], Any], timeout: float = 30) -> Any:
        """Poll until `probe` answers something truthy (what crosses Kafka has no reply to
        wait for); fails early when a process died."""
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


@pytest.fixture(scope="session")
def personnel(topology) -> Iterator[Personnel]:
    tag = f"{topology.tag}_ps"
    env = {"PARTYORG_PERSONNEL_STORE_SCHEMA": f"t_{tag}_es",
           "PARTYORG_PERSONNEL_READ_SCHEMA": f"t_{tag}_rm",
           "PARTYORG_PERSONNEL_TOPIC": f"t_{tag}.personnel",
           "PARTYORG_PERSONNEL_RPC_NAME": f"personnel_t_{tag}",
           "PARTYORG_PERSONNEL_PROJECTION_GROUP": f"t_{tag}-projections"}
    full_env = {**topology.env, **env}
    client = RpcClient.of(PERSONNEL, full_env["PARTYORG_AMQP_URI"], "NB", timeout=10,
                          service_name=env["PARTYORG_PERSONNEL_RPC_NAME"])
    world = Personnel(topology, client, full_env)
    try:
        for name, module in PROCESSES.items():
            topology.start(name, module, **env, PARTYORG_METRICS_PORT=str(free_port()))
        world.eventually("the personnel service to answer", client.health)
        yield world
    finally:
        client.close()
        exits = {name: topology.stop(name) for name in PROCESSES if name in topology.processes}
        remove_service(full_env, "personnel")
    assert exits == dict.fromkeys(exits, 0), f"not every personnel process stopped: {exits}"


@dataclass
class PersonnelGateway:
    url: str
    key: bytes
    client: httpx.Client

    def gql(self, query: str, variables: dict | None = None, *, org: str,
            roles: tuple[str, ...] = (ORGANISATION_COMMISSION,),
            organ: str | None = None) -> dict:
        token = issue_token(self.key, user="u-ban-to-chuc", roles=list(roles), org=org,
                            province="NB", organ=organ)
        response = self.client.post(f"{self.url}/graphql",
                                    json={"query": query, "variables": variables or {}},
                                    headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="session")
def personnel_gateway(personnel, tmp_path_factory) -> Iterator[PersonnelGateway]:
    """The gateway process on these personnel processes and the session's membership."""
    key_file = tmp_path_factory.mktemp("personnel-keys") / "signing.key"
    port = free_port()
    personnel.topology.start("personnel_gateway", "partyorg.processes.gateway", **personnel.env,
                             PARTYORG_GATEWAY_PORT=str(port), PARTYORG_SIGNING_KEY=str(key_file))
    url = f"http://127.0.0.1:{port}"
    client = httpx.Client(timeout=20)
    try:
        personnel.eventually("the gateway to be healthy",
                             lambda: httpx.get(f"{url}/healthz", timeout=2).status_code == 200)
        yield PersonnelGateway(url, load_or_create_key(key_file), client)
    finally:
        client.close()
        code = personnel.topology.stop("personnel_gateway")
    assert code == 0, f"the gateway stopped with {code}"
