"""Meetings in the distributed topology, beside membership's, on the real RabbitMQ, PostgreSQL and
Kafka: its nameko service, relay and projection worker run as processes from their entry points.

Membership's processes come from the session's `topology` (../conftest.py); `meetings` adds the
meetings ones, the first time a test asks, under their own schemas, topic, consumer group and RPC
name, all removed afterwards. Organisations and members are made through membership's RPC client;
meetings learns of them only from membership's events on Kafka (its consumer-owned roster view).
Each test makes its own commune and branches, so the tests do not depend on their order.
"""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import httpx
import pytest

from gateway.auth import ORGANISATION_COMMISSION, issue_token, load_or_create_key
from gateway.clients.rpc import RpcClient, ServiceUnavailable
from kit.clock import BUSINESS_TZ
from kit.envelope import Actor, CommandContext
from kit.testing.leftovers import remove_service
from kit.testing.ports import free_port
from services.meetings.application.service import CommandResult
from services.meetings.declaration import DECLARATION as MEETINGS
from services.membership.domain import commands as c

SECRETARY = Actor("u-bi-thu", "branch_secretary")
PROCESSES = {"meetings_service": "partyorg.processes.service meetings",
             "meetings_relay": "partyorg.processes.relay meetings",
             "meetings_projections": "partyorg.processes.projections meetings"}
_serials = itertools.count(7100)


def profile(name: str, gender: str) -> c.ProfileInput:
    return c.ProfileInput(full_name=name, date_of_birth=date(1981, 6, 15), gender=gender,
                          ethnicity="Kinh", hometown="Kim Sơn, Ninh Bình",
                          citizen_id=f"037{int(gender == 'female')}81{next(_serials):06d}",
                          education="upper_secondary", political_theory="elementary",
                          occupation="Nông dân")


@dataclass
class Meetings:
    topology: Any  # ../conftest.py's Topology: membership's processes and client
    client: RpcClient
    env: dict[str, str]
    metrics_port: int

    @staticmethod
    def now() -> datetime:
        """Now in business time: the service's clock is the system's, and refuses the future."""
        return datetime.now(BUSINESS_TZ).replace(microsecond=0)

    def run(self, command: object, command_id: str | None = None) -> CommandResult:
        return self.client.service.execute(
            command, CommandContext(command_id or str(uuid.uuid4()), "NB", SECRETARY))

    def roster(self, branch: str) -> list[str]:
        return [e.full_name for e in self.client.queries.roster(branch)]

    def eventually(self, what: str, probe: Callable[[], Any], timeout: float = 20) -> Any:
        """Poll until `probe` answers something truthy: for what crosses Kafka from membership,
        which no reply waits for. Fails early when a process died."""
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
            time.sleep(0.1)
        pytest.fail(f"timed out after {timeout:g} s waiting for {what}")

    # -- through membership ---------------------------------------------------------------------

    def commune(self, name: str) -> str:
        return self.topology.run(c.CreateOrganisation(
            name, "commune_committee", self.topology.root, date(2025, 7, 1))).ids["organisation_id"]

    def branch(self, commune: str, name: str, *members: tuple[str, str]) -> tuple[str, dict]:
        """A branch with officials (name, gender), once meetings' roster view shows them all:
        (branch id, {name: member id})."""
        branch = self.topology.run(c.CreateOrganisation(
            name, "grassroots_branch", commune, date(2025, 7, 2))).ids["organisation_id"]
        ids = {full_name: self.topology.run(c.RecordExistingMember(
            branch, profile(full_name, gender), "official", date(2005, 5, 19),
            official_from=date(2006, 5, 19))).ids["member_id"] for full_name, gender in members}
        self.eventually(f"meetings' view of {name} to follow membership's events",
                        lambda: self.client.queries.organisation(branch) is not None
                        and len(self.roster(branch)) == len(members))
        return branch, ids


@pytest.fixture(scope="session")
def meetings(topology) -> Iterator[Meetings]:
    tag = f"{topology.tag}_mt"
    env = {"PARTYORG_MEETINGS_STORE_SCHEMA": f"t_{tag}_es",
           "PARTYORG_MEETINGS_READ_SCHEMA": f"t_{tag}_rm",
           "PARTYORG_MEETINGS_TOPIC": f"t_{tag}.meetings",
           "PARTYORG_MEETINGS_RPC_NAME": f"meetings_t_{tag}",
           "PARTYORG_MEETINGS_PROJECTION_GROUP": f"t_{tag}-projections"}
    full_env = {**topology.env, **env}
    client = RpcClient.of(MEETINGS, full_env["PARTYORG_AMQP_URI"], "NB", timeout=10,
                         service_name=env["PARTYORG_MEETINGS_RPC_NAME"])
    ports = {name: free_port() for name in PROCESSES}
    world = Meetings(topology, client, full_env, ports["meetings_service"])
    try:
        for name, module in PROCESSES.items():
            topology.start(name, module, **env, PARTYORG_METRICS_PORT=str(ports[name]))
        world.eventually("the meetings service to answer", client.health, timeout=30)
        yield world
    finally:
        client.close()
        exits = {name: topology.stop(name) for name in PROCESSES if name in topology.processes}
        # membership's dead-letter topic, which this worker made too, goes with the session's
        remove_service(full_env, "meetings")
    assert exits == dict.fromkeys(exits, 0), f"not every meetings process stopped cleanly: {exits}"


@dataclass
class MeetingsGateway:
    url: str
    key: bytes
    client: httpx.Client

    def gql(self, query: str, variables: dict | None = None, *, org: str) -> dict:
        """The data of a GraphQL answer (no errors allowed), with a token for `org`."""
        token = issue_token(self.key, user="ban-to-chuc", roles=[ORGANISATION_COMMISSION],
                            org=org, province="NB")
        response = self.client.post(f"{self.url}/graphql",
                                    json={"query": query, "variables": variables or {}},
                                    headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body
        return body["data"]


@pytest.fixture(scope="session")
def meetings_gateway(meetings, tmp_path_factory) -> Iterator[MeetingsGateway]:
    """The gateway process on these meetings processes and the session's membership."""
    key_file = tmp_path_factory.mktemp("meetings-keys") / "signing.key"
    port = free_port()
    meetings.topology.start("meetings_gateway", "partyorg.processes.gateway", **meetings.env,
                            PARTYORG_GATEWAY_PORT=str(port), PARTYORG_SIGNING_KEY=str(key_file))
    url = f"http://127.0.0.1:{port}"
    client = httpx.Client(timeout=20)
    try:
        meetings.eventually("the gateway to be healthy",
                            lambda: httpx.get(f"{url}/healthz", timeout=2).status_code == 200)
        yield MeetingsGateway(url, load_or_create_key(key_file), client)
    finally:
        client.close()
        code = meetings.topology.stop("meetings_gateway")
    assert code == 0, f"the gateway stopped with {code}"
