"""The distributed topology on the real servers, as separate processes started by their entry
points: the membership nameko service, the relay, a projection worker and the gateway.

Each test session gets its own PostgreSQL schemas, Kafka topic, consumer group and RPC service
name (with the run's prefix, kit.testing.leftovers), so it never meets another topology on the same
servers; all are removed afterwards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.auth import ORGANISATION_COMMISSION, issue_token, load_or_create_key
from gateway.clients.rpc import RpcClient, ServiceUnavailable
from kit.envelope import Actor, CommandContext
from kit.testing.leftovers import new_tag, remove, remove_service
from kit.testing.ports import free_port
from kit.testing.services import require_env
from services.membership.application.service import CommandResult
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c

for message in ("read_text is deprecated", "open_text is deprecated"):  # kafka-python 3.0.12
    warnings.filterwarnings("ignore", message=message, category=DeprecationWarning)

START_TIMEOUT_S = 30
OFFICER = Actor("u-officer", "organisation_commission")


def wait_for(what: str, probe: Callable[[], Any], processes: dict[str, subprocess.Popen],
             logs: Path, timeout: float = START_TIMEOUT_S) -> Any:
    """Poll `probe` until it returns something truthy; fail early if a process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                tail = (logs / f"{name}.log").read_text(errors="replace")[-3000:]
                pytest.fail(f"{name} exited with {process.returncode} while waiting for {what}:"
                            f"\n{tail}")
        try:
            value = probe()
        except (ServiceUnavailable, httpx.HTTPError):
            value = None
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout:g} s waiting for {what}")


def with_application_name(dsn: str, name: str) -> str:
    if "://" not in dsn:  # key=value form
        return f"{dsn} application_name={name}"
    return f"{dsn}{'&' if '?' in dsn else '?'}application_name={name}"


@dataclass
class Topology:
    env: dict[str, str]
    logs: Path
    membership: RpcClient
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    launches: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    metrics_ports: dict[str, int] = field(default_factory=dict)
    root: str = ""
    tag: str = ""

    def start(self, name: str, module: str, **extra_env: str) -> subprocess.Popen:
        self.launches.setdefault(name, (module, extra_env))
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen([sys.executable, "-m", *module.split()], env={**self.env, **extra_env},
                                   stdout=log, stderr=subprocess.STDOUT)
        log.close()  # the child holds its own descriptor
        self.processes[name] = process
        return process

    def restart(self, name: str, **changed_env: str) -> subprocess.Popen:
        """Start a process stopped before as it was first started, with `changed_env` on top."""
        module, extra_env = self.launches[name]
        return self.start(name, module, **{**extra_env, **changed_env})

    def run(self, command: object, command_id: str | None = None,
            acting_for: str | None = None) -> CommandResult:
        context = CommandContext(command_id or str(uuid.uuid4()), "NB", OFFICER)
        return self.membership.service.execute(command, context, acting_for)

    def stop(self, name: str) -> int | None:
        """SIGTERM, as an orchestrator stops a process; its exit code, None if it had to be
        killed."""
        process = self.processes.pop(name)
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            return None


@pytest.fixture(scope="session")
def topology(tmp_path_factory) -> Iterator[Topology]:
    servers = {name: require_env(name, "deploy/local/up.sh, then source var/local-env.sh")
               for name in ("PARTYORG_PG_DSN", "PARTYORG_AMQP_URI", "PARTYORG_KAFKA_BOOTSTRAP")}
    tag = new_tag()
    env = {**os.environ, **servers,
           "PARTYORG_PROVINCE": "NB",
           "PARTYORG_MEMBERSHIP_STORE_SCHEMA": f"t_{tag}_es",
           "PARTYORG_MEMBERSHIP_READ_SCHEMA": f"t_{tag}_rm",
           "PARTYORG_MEMBERSHIP_TOPIC": f"t_{tag}.membership",
           "PARTYORG_MEMBERSHIP_RPC_NAME": f"membership_t_{tag}",
           # no meetings service answers this name unless a test starts one: a gateway started
           # here never reaches the meetings of another topology on the same broker
           "PARTYORG_MEETINGS_RPC_NAME": f"meetings_t_{tag}",
           "PARTYORG_PERSONNEL_RPC_NAME": f"personnel_t_{tag}",  # likewise
           # membership's worker follows evaluations' topic (its work queue's evaluation_review
           # items): the session's own, which evaluations' processes publish to when started
           "PARTYORG_EVALUATIONS_TOPIC": f"t_{tag}.evaluations",
           "PARTYORG_EVALUATIONS_RPC_NAME": f"evaluations_t_{tag}",
           "PARTYORG_MEMBERSHIP_PROJECTION_GROUP": f"t_{tag}-projections",
           "PARTYORG_RPC_VISIBILITY_TIMEOUT": "5",
           "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    logs = tmp_path_factory.mktemp("topology-logs")
    membership = RpcClient.of(MEMBERSHIP, servers["PARTYORG_AMQP_URI"], "NB", timeout=10,
                               service_name=env["PARTYORG_MEMBERSHIP_RPC_NAME"])
    topology = Topology(env, logs, membership, tag=tag)
    try:
        for name, module in (("service", "partyorg.processes.service membership"),
                             ("relay", "partyorg.processes.relay membership"),
                             ("projections", "partyorg.processes.projections membership")):
            topology.metrics_ports[name] = free_port()
            # named connections, so a test can cut exactly this topology's ones
            dsn = with_application_name(servers["PARTYORG_PG_DSN"], f"t_{tag}_{name}")
            topology.start(name, module, PARTYORG_METRICS_PORT=str(topology.metrics_ports[name]),
                           PARTYORG_PG_DSN=dsn)
        wait_for("the membership service to answer", membership.health, topology.processes,
                 logs)
        topology.root = topology.run(c.CreateOrganisation(
            "Đảng bộ tỉnh Ninh Bình", "provincial_committee", None, date(2025, 7, 1)),
        ).ids["organisation_id"]
        # the first command also waits for the worker to join its consumer group
        wait_for("the projection worker to apply the first event",
                 lambda: membership.queries.organisation(topology.root), topology.processes, logs)
        yield topology
    finally:
        membership.close()
        exits = {name: topology.stop(name) for name in list(topology.processes)}
        remove_service(env, "membership")
        # evaluations' topic, which membership's worker made too (its processes, when a test
        # started them, remove the rest)
        topic = env["PARTYORG_EVALUATIONS_TOPIC"]
        remove(kafka=env["PARTYORG_KAFKA_BOOTSTRAP"], topics=[topic, f"{topic}.dlq"])
    assert exits == dict.fromkeys(exits, 0), f"not every process stopped cleanly: {exits}"


@dataclass
class Gateway:
    url: str
    key: bytes
    process: subprocess.Popen

    def token(self, org: str) -> str:
        return issue_token(self.key, user="tester", roles=[ORGANISATION_COMMISSION], org=org,
                           province="NB")

    def gql(self, client: httpx.Client, query: str, variables: dict | None = None, *,
            org: str) -> dict[str, Any]:
        response = client.post(f"{self.url}/graphql", json={"query": query,
                                                            "variables": variables or {}},
                               headers={"Authorization": f"Bearer {self.token(org)}"})
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="session")
def gateway(topology, tmp_path_factory) -> Gateway:
    key_file = tmp_path_factory.mktemp("keys") / "signing.key"
    port = free_port()
    process = topology.start("gateway", "partyorg.processes.gateway",
                             PARTYORG_GATEWAY_PORT=str(port), PARTYORG_SIGNING_KEY=str(key_file))
    url = f"http://127.0.0.1:{port}"
    wait_for("the gateway to be healthy",
             lambda: httpx.get(f"{url}/healthz", timeout=2).status_code == 200,
             topology.processes, topology.logs)
    return Gateway(url, load_or_create_key(key_file), process)
