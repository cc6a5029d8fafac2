"""`partyorg seed --distributed` (`make seed-up`): a province started as `make up` starts it (both
services' processes, then partyorg.processes.province making the root) gets the demo through its
commands over RPC, under that root, as the embedded seeding builds it; a second run appends
nothing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gateway.clients.rpc import RpcClient, ServiceUnavailable
from kit.testing.leftovers import new_tag, remove_service
from kit.testing.services import require_env
from partyorg import demo_data
from partyorg.embedded import build_service
from partyorg.seed_distributed import seed_distributed
from services.meetings.declaration import DECLARATION as MEETINGS
from services.membership.declaration import DECLARATION as MEMBERSHIP

pytestmark = [pytest.mark.slow, pytest.mark.infra]
SCALE = 0.01  # the smallest province the plan makes: every commune, one village each
SERVICES = {"membership": MEMBERSHIP, "meetings": MEETINGS}
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> Iterator[dict[str, str]]:
    servers = {name: require_env(name, "deploy/local/up.sh, then source var/local-env.sh")
               for name in ("PARTYORG_PG_DSN", "PARTYORG_AMQP_URI", "PARTYORG_KAFKA_BOOTSTRAP")}
    tag = new_tag()
    env = {**os.environ, **servers, "PARTYORG_PROVINCE": "NB", "PARTYORG_METRICS_PORT": "0",
           "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    for name in SERVICES:
        env.update({f"PARTYORG_{name.upper()}_STORE_SCHEMA": f"{tag}_{name}_es",
                    f"PARTYORG_{name.upper()}_READ_SCHEMA": f"{tag}_{name}_rm",
                    f"PARTYORG_{name.upper()}_TOPIC": f"{tag}.{name}",
                    f"PARTYORG_{name.upper()}_RPC_NAME": f"{name}_{tag}",
                    f"PARTYORG_{name.upper()}_PROJECTION_GROUP": f"{tag}-{name}"})
    logs = tmp_path_factory.mktemp("seed-up-logs")
    processes: list[subprocess.Popen] = []
    try:
        for name in SERVICES:
            for kind in ("service", "relay", "projections"):
                with open(logs / f"{name}-{kind}.log", "wb") as log:
                    processes.append(subprocess.Popen(
                        [sys.executable, "-m", f"partyorg.processes.{kind}", name], env=env,
                        stdout=log, stderr=subprocess.STDOUT))
            client = RpcClient.of(SERVICES[name], env["PARTYORG_AMQP_URI"], "NB", timeout=5,
                                  service_name=env[f"PARTYORG_{name.upper()}_RPC_NAME"])
            deadline = time.monotonic() + 60
            try:
                while True:
                    try:
                        client.health()
                        break
                    except ServiceUnavailable:
                        assert time.monotonic() < deadline, f"{name} did not answer"
                        time.sleep(0.5)
            finally:
                client.close()
        # as `make up` ends: the province's root, made through the distributed path
        banner = subprocess.run(
            [sys.executable, "-m", "partyorg.processes.province"], check=True, text=True,
            env={**env, "PARTYORG_SIGNING_KEY": str(logs / "signing.key")},
            capture_output=True, timeout=120).stdout
        env["banner"] = banner
        yield env
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for name in SERVICES:
            remove_service(env, name)


def test_the_demo_is_seeded_under_the_provinces_root_as_embedded_and_a_rerun_appends_nothing(
        province, tmp_path):
    membership = RpcClient.of(MEMBERSHIP, province["PARTYORG_AMQP_URI"], "NB", timeout=30,
                              service_name=province["PARTYORG_MEMBERSHIP_RPC_NAME"])
    try:
        [root] = membership.queries.roots()  # partyorg.processes.province made it

        report = seed_distributed(province, scale=SCALE, progress=print)  # shown on failure

        assert report.root_id == root.id and report.duplicates == 0
        assert [r.id for r in membership.queries.roots()] == [root.id]
        tree = membership.queries.organisation_tree(root.id)
        # the same province the embedded demo seeds: every organisation with the same rolls
        marker = demo_data.seed(tmp_path / "embedded", scale=SCALE)
        embedded = build_service(MEMBERSHIP, tmp_path / "embedded", demo_data.PROVINCE)
        try:
            expected = counts(embedded.queries.organisation_tree(marker["root_id"]))
        finally:
            embedded.close()
        assert counts(tree) == expected
        assert report.commands == marker["commands"] - 1  # all but the root's creation
        assert report.meetings.held == marker["meetings"]["held"] > 0

        again = seed_distributed(province, scale=SCALE, progress=print)
        assert again.duplicates == again.commands == report.commands
        assert again.meetings.duplicates == again.meetings.commands == report.meetings.commands
    finally:
        membership.close()


def test_the_make_commands_the_banner_of_make_up_prints_are_targets_that_exist(province):
    commands = re.findall(r"make [^\n]*", province["banner"])
    assert {c.split()[1] for c in commands} == {"token", "seed-up"}
    for command in commands:  # a dry run: the real ones act on `make up`'s own province
        run = subprocess.run(["make", "-n", *command.split()[1:]], cwd=ROOT, text=True,
                             capture_output=True, timeout=60)
        assert run.returncode == 0, (command, run.stderr)


def counts(tree) -> dict[str, dict]:
    """Each organisation below the root, by its names from the root down: its subtree's counts
    by status."""
    out, nodes = {}, [("", child) for child in tree.children]
    while nodes:
        above, node = nodes.pop()
        path = f"{above}/{node.organisation.name}"
        nodes.extend((path, child) for child in node.children)
        out[path] = dict(node.subtree_counts)
    return out
