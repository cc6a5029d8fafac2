"""Adding a service is its folder plus one declaration in the list of services: a throwaway
`notes` service (tests/new_service/notes, registered here, never shipped) runs embedded beside
the real ones, behind the gateway's health check, and over RPC as the three processes of the
distributed mode (service, relay, projection worker) on the real servers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date

import pytest
from notes.declaration import DECLARATION as NOTES
from notes.domain import WriteNote
from starlette.testclient import TestClient

from gateway.auth import load_or_create_key
from gateway.clients.rpc import RpcClient, ServiceUnavailable
from kit.clock import FixedClock
from kit.envelope import Actor, CommandContext
from kit.errors import InvalidState
from kit.testing.leftovers import new_tag, remove_service
from kit.testing.services import require_env
from partyorg.embedded import build_platform
from partyorg.services import SERVICES

from .conftest import HERE

WRITER = Actor("tester", "system")


def context() -> CommandContext:
    return CommandContext(str(uuid.uuid4()), "NB", WRITER)


def test_a_new_service_runs_embedded_beside_the_others_from_its_declaration(tmp_path):
    clock = FixedClock()
    clock.set_today(date(2026, 1, 5))
    platform = build_platform(tmp_path, clock=clock, services=[*SERVICES, NOTES])
    try:
        note = str(uuid.uuid4())
        result = platform.notes.service.execute(WriteNote(note, "Họp chi bộ ngày 5/1"), context())

        assert result.ids == {"note_id": note} and result.events == ("NoteWritten",)
        assert platform.notes.queries.note(note) == "Họp chi bộ ngày 5/1"  # waits for catch-up
        with pytest.raises(InvalidState):
            platform.notes.service.execute(WriteNote(note, "again"), context())
        assert (tmp_path / "notes-events.db").exists() and (tmp_path / "notes-read.db").exists()
        app_key = load_or_create_key(tmp_path / "key")
        from gateway.server import create_app

        with TestClient(create_app(platform.services, app_key)) as client:
            health = client.get("/healthz").json()
        assert health["notes"] == {"storeHead": 1, "projectionsBehind": {}}
        assert {"membership", "meetings", "notes"} <= set(platform.services)
    finally:
        platform.close()


# the process module first: the service's patches eventlet in before anything else is imported
LAUNCH = """
import sys
from partyorg.processes import {kind} as process
sys.path.insert(0, {here!r})
from notes.declaration import DECLARATION
process.run(DECLARATION, default_metrics_port=0)
"""


@pytest.mark.infra
def test_a_new_service_runs_over_rpc_as_the_distributed_processes(tmp_path):
    servers = {name: require_env(name, "deploy/local/up.sh, then source var/local-env.sh")
               for name in ("PARTYORG_PG_DSN", "PARTYORG_AMQP_URI", "PARTYORG_KAFKA_BOOTSTRAP")}
    tag = new_tag()
    env = {**os.environ, **servers,
           "PARTYORG_NOTES_STORE_SCHEMA": f"notes_{tag}_es",
           "PARTYORG_NOTES_READ_SCHEMA": f"notes_{tag}_rm",
           "PARTYORG_NOTES_TOPIC": f"t_{tag}.notes",
           "PARTYORG_NOTES_RPC_NAME": f"notes_{tag}",
           "PARTYORG_NOTES_PROJECTION_GROUP": f"t_{tag}-notes",
           "PARTYORG_METRICS_ADDR": "127.0.0.1",
           "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    processes = {}
    for kind in ("service", "relay", "projections"):
        log = open(tmp_path / f"{kind}.log", "wb")  # noqa: SIM115 - the child owns it
        processes[kind] = subprocess.Popen(
            [sys.executable, "-c", LAUNCH.format(here=str(HERE), kind=kind)], env=env,
            stdout=log, stderr=subprocess.STDOUT)
    client = RpcClient.of(NOTES, servers["PARTYORG_AMQP_URI"], "NB", timeout=10,
                          service_name=env["PARTYORG_NOTES_RPC_NAME"])
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                client.health()
                break
            except ServiceUnavailable:
                assert time.monotonic() < deadline, (tmp_path / "service.log").read_text()
                time.sleep(0.5)
        note = str(uuid.uuid4())
        # the first command may arrive before the worker joined its group: wait for the note
        result = client.service.execute(WriteNote(note, "Biên bản họp"), context())
        while client.queries.note(note) is None:
            assert time.monotonic() < deadline, (tmp_path / "projections.log").read_text()
            time.sleep(0.2)

        assert result.ids == {"note_id": note} and result.positions == (1,)
        assert client.queries.note(note) == "Biên bản họp"
        with pytest.raises(InvalidState):
            client.service.execute(WriteNote(note, "again"), context())
        assert client.health()["storeHead"] == 1
    finally:
        client.close()
        exits = {}
        for kind, process in processes.items():
            process.send_signal(signal.SIGTERM)
            try:
                exits[kind] = process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                exits[kind] = process.wait()
        remove_service(env, "notes")
    assert exits == dict.fromkeys(processes, 0), exits
