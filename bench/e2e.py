"""End to end in the distributed mode: a mutation accepted by the gateway -> visible in a query.

The topology runs as separate processes from their entry points (partyorg.processes): the
membership nameko service (RPC over RabbitMQ, PostgreSQL store), the relay (store -> Kafka), a
projection worker (Kafka -> PostgreSQL read models) and the gateway (GraphQL over HTTP, RPC to
membership; the meetings processes are not on this path and are not started), with schemas, topic, consumer group and RPC name of their own, removed afterwards.
Each operation creates an organisation through the gateway's mutation, then asks the gateway for
it until it is there; `accepted` is the mutation's round trip, `visible` is until the query saw
it. 1 and 8 clients, bounded in count.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from kit.testing.leftovers import new_tag, remove_service
from services.membership.declaration import DECLARATION as MEMBERSHIP

from .graphql_bench import free_port
from .stats import percentiles

CREATE = """mutation Create($input: CreateOrganisationInput!) { createOrganisation(input: $input)
  { __typename ... on OrganisationCommandSucceeded { organisationId } ... on Error { code } } }"""
ORGANISATION = "query Org($id: ID!) { organisation(id: $id) { id name } }"
PROCESSES = (("service", "partyorg.processes.service membership"),
             ("relay", "partyorg.processes.relay membership"),
             ("projections", "partyorg.processes.projections membership"))


def available() -> str:
    """'' when the distributed topology can run here, else why not."""
    from importlib.util import find_spec

    # found, not imported: the service module patches the whole process for eventlet
    for module in ("partyorg.processes.gateway", *(m.split()[0] for _, m in PROCESSES)):
        try:
            if find_spec(module) is None:
                return f"the distributed entry point {module} is missing"
        except ImportError as exc:
            return f"the distributed entry points are missing ({exc})"
    missing = [n for n in ("PARTYORG_PG_DSN", "PARTYORG_AMQP_URI", "PARTYORG_KAFKA_BOOTSTRAP")
               if not os.environ.get(n)]
    return f"{', '.join(missing)} not set (deploy/local/up.sh)" if missing else ""


def _wait(what: str, probe, processes: dict, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, p in processes.items():
            if p.poll() is not None:
                raise RuntimeError(f"{name} exited with {p.returncode} while waiting for {what}")
        try:
            value = probe()
        except Exception:
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise RuntimeError(f"timed out waiting for {what}")


def run(work: Path, *, operations: int = 200, clients: tuple[int, ...] = (1, 8)
        ) -> dict[str, Any]:
    from gateway.auth import ORGANISATION_COMMISSION, issue_token, load_or_create_key
    from gateway.clients.rpc import RpcClient
    from kit.envelope import Actor, CommandContext
    from services.membership import api as c

    from .stats import run_clients

    tag = new_tag()  # with the test run's prefix under `make test`: its check finds leftovers
    env = {**os.environ, "PARTYORG_PROVINCE": "NB", "PARTYORG_LOG_LEVEL": "WARNING",
           "PARTYORG_MEMBERSHIP_STORE_SCHEMA": f"bench_{tag}_es",
           "PARTYORG_MEMBERSHIP_READ_SCHEMA": f"bench_{tag}_rm",
           "PARTYORG_MEMBERSHIP_TOPIC": f"bench_{tag}.membership",
           "PARTYORG_MEMBERSHIP_RPC_NAME": f"membership_bench_{tag}",
           "PARTYORG_MEMBERSHIP_PROJECTION_GROUP": f"bench_{tag}-projections",
           "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    # names no other service answers: never another topology's (a `make up` on the same
    # servers leaves its RPC queues, which would hold the gateway's health checks)
    from partyorg.services import SERVICES

    for d in SERVICES:
        if d.name != "membership":
            env[f"PARTYORG_{d.name.upper()}_RPC_NAME"] = f"{d.name}_bench_{tag}"
    work.mkdir(parents=True, exist_ok=True)
    processes: dict[str, subprocess.Popen] = {}

    def start(name: str, module: str, **extra: str) -> None:
        with open(work / f"{name}.log", "wb") as log:
            processes[name] = subprocess.Popen([sys.executable, "-m", *module.split()],
                                               env={**env, **extra}, stdout=log,
                                               stderr=subprocess.STDOUT)

    membership = RpcClient.of(MEMBERSHIP, env["PARTYORG_AMQP_URI"], "NB", timeout=15,
                               service_name=env["PARTYORG_MEMBERSHIP_RPC_NAME"])
    try:
        for name, module in PROCESSES:
            start(name, module, PARTYORG_METRICS_PORT=str(free_port()))
        _wait("the membership service", membership.health, processes)
        system = CommandContext(str(uuid.uuid4()), "NB", Actor("bench", "system"))
        root = membership.service.execute(c.CreateOrganisation(
            "Đảng bộ tỉnh Bench", "provincial_committee", None, date(2025, 7, 1)),
            system).ids["organisation_id"]
        _wait("the projection worker", lambda: membership.queries.organisation(root), processes)
        key_file = work / "signing.key"
        port = free_port()
        start("gateway", "partyorg.processes.gateway", PARTYORG_GATEWAY_PORT=str(port),
              PARTYORG_SIGNING_KEY=str(key_file), PARTYORG_METRICS_PORT=str(free_port()))
        url = f"http://127.0.0.1:{port}"
        # no meetings service is started (not on this path): the gateway's health check waits
        # out its RPC timeout for it, then answers
        _wait("the gateway", lambda: httpx.get(f"{url}/healthz", timeout=30).status_code == 200,
              processes, timeout=120)
        token = issue_token(load_or_create_key(key_file), user="bench",
                            roles=[ORGANISATION_COMMISSION], org=root, province="NB")
        headers = {"Authorization": f"Bearer {token}"}
        http = [httpx.Client(timeout=30, headers=headers) for _ in range(max(clients))]
        visible: list[float] = []
        accepted: list[float] = []

        def one(client: int, n: int) -> int:
            http_client = http[client]
            start_at = time.perf_counter()
            answer = http_client.post(f"{url}/graphql", json={"query": CREATE, "variables": {
                "input": {"commandId": str(uuid.uuid4()), "name": f"Chi bộ Bench {n}",
                          "type": "GRASSROOTS_BRANCH", "parentId": root,
                          "establishedOn": "2025-07-01"}}}).json()
            accepted.append(time.perf_counter() - start_at)
            created = answer["data"]["createOrganisation"]
            if "organisationId" not in created:
                raise RuntimeError(f"mutation refused: {created}")
            while True:
                found = http_client.post(f"{url}/graphql", json={
                    "query": ORGANISATION, "variables": {"id": created["organisationId"]}}
                ).json()["data"]["organisation"]
                if found:
                    break
                if time.perf_counter() - start_at > 30:
                    raise RuntimeError("not visible after 30 s")
                time.sleep(0.002)
            visible.append(time.perf_counter() - start_at)
            return 1

        out: dict[str, Any] = {"by_clients": {}}
        for n in clients:
            visible.clear()
            accepted.clear()
            overall = run_clients(n, list(range(operations)), one)
            out["by_clients"][str(n)] = {
                "operations_per_s": overall["per_s"], "errors": overall["errors"],
                "error_samples": overall["error_samples"],
                "accepted": {"operations": len(accepted), **percentiles(accepted)},
                "visible": {"operations": len(visible), **percentiles(visible)}}
        for h in http:
            h.close()
        return out
    finally:
        membership.close()
        for p in processes.values():
            p.send_signal(signal.SIGTERM)
        for p in processes.values():
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()
        remove_service(env, "membership")
