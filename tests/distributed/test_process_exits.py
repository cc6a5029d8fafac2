"""A process that cannot reach its server, or lacks its setting, exits non-zero and says why.
Needs no server: the addresses point where nothing listens."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

NOWHERE = {"PARTYORG_PG_DSN": "postgresql://partyorg:secret@127.0.0.1:1/partyorg",
           "PARTYORG_AMQP_URI": "amqp://guest:secret@127.0.0.1:1/",
           "PARTYORG_KAFKA_BOOTSTRAP": "127.0.0.1:1"}


def run(module: str, env: dict[str, str]) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", *f"partyorg.processes.{module}".split()], env=env,
                          capture_output=True, text=True, timeout=30)
    last = json.loads(done.stderr.strip().splitlines()[-1])  # the logs are JSON lines
    assert last["level"] == "error"
    return done.returncode, last["msg"]


@pytest.mark.parametrize(("module", "server"), [
    ("service membership", "PostgreSQL"), ("projections membership", "PostgreSQL"),
    ("gateway", "RabbitMQ"),
])
def test_a_process_exits_naming_the_server_it_cannot_reach(module, server):
    code, message = run(module, {**os.environ, **NOWHERE})

    assert code == 1
    assert message.startswith(f"{server} at ") and "unreachable" in message
    assert "secret" not in message  # the password stays out of the logs


def test_a_process_without_its_setting_exits_saying_which_one():
    env = {k: v for k, v in os.environ.items() if k != "PARTYORG_AMQP_URI"}

    code, message = run("service membership", env)

    assert code == 2 and message.startswith("PARTYORG_AMQP_URI is not set")
