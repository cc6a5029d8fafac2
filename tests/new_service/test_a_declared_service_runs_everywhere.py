"""Adding a service is its folder plus one declaration in the list of services: a throwaway
`notes` service (tests/new_service/notes, registered here, never shipped) runs embedded beside
the real ones, behind the gateway's health check, and over RPC as the three processes of the
distributed mode (service, relay, projection worker) on the real servers; the gateway composes
its GraphQL part (notes/graphql.py) and serves its mutation and query either way."""

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

from gateway.auth import ORGANISATION_COMMISSION, VIEWER, issue_token, load_or_create_key
from gateway.clients.rpc import RpcClient, ServiceUnavailable
from kit.clock import FixedClock
from kit.envelope import Actor, CommandContext
from kit.errors import InvalidState
from kit.testing.leftovers import new_tag, remove_service
from kit.testing.services import require_env
from partyorg.embedded import build_platform, build_service
from partyorg.services import SERVICES
from services.membership.declaration import DECLARATION as MEMBERSHIP

from .conftest import HERE

WRITER = Actor("tester", "system")


WRITE = """mutation($input: WriteNoteInput!) { writeNote(input: $input) {
  __typename ... on WriteNoteSucceeded { noteId duplicate } ... on Error { code message } } }"""
READ = "query($id: ID!) { note(id: $id) }"


def context() -> CommandContext:
    return CommandContext(str(uuid.uuid4()), "NB", WRITER)


def graphql(client: TestClient, key: bytes, query: str, variables: dict, *,
            roles: tuple[str, ...] = (ORGANISATION_COMMISSION,)) -> dict:
    token = issue_token(key, user="tester", roles=roles, org=str(uuid.uuid4()), province="NB")
    response = client.post("/graphql", json={"query": query, "variables": variables},
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def write_and_read_through_the_gateway(client: TestClient, key: bytes, text: str,
                                       wait_until: float) -> None:
    note, command_id = str(uuid.uuid4()), str(uuid.uuid4())
    given = {"input": {"commandId": command_id, "noteId": note, "text": text}}
    written = graphql(client, key, WRITE, given)["writeNote"]
    assert written == {"__typename": "WriteNoteSucceeded", "noteId": note, "duplicate": False}
    while (read := graphql(client, key, READ, {"id": note}, roles=(VIEWER,))["note"]) is None:
        assert time.monotonic() < wait_until, "the note never became readable"
        time.sleep(0.2)
    assert read == text
    assert graphql(client, key, WRITE, given)["writeNote"]["duplicate"] is True
    again = {"input": {**given["input"], "commandId": str(uuid.uuid4())}}
    assert graphql(client, key, WRITE, again)["writeNote"]["__typename"] == "InvalidState"
    refused = graphql(client, key, WRITE, again, roles=(VIEWER,))["writeNote"]
    assert refused["code"] == "FORBIDDEN"


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

        app = create_app(platform.services, app_key, declarations=[*SERVICES, NOTES])
        with TestClient(app) as client:
            health = client.get("/healthz").json()
            write_and_read_through_the_gateway(client, app_key, "Nghị quyết chi bộ",
                                               time.monotonic() + 10)
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

        # the gateway, its scope service embedded, reaches the notes over RPC
        from gateway.server import create_app

        membership = build_service(MEMBERSHIP, tmp_path, province="NB")
        app_key = load_or_create_key(tmp_path / "key")
        app = create_app({"membership": membership, "notes": client}, app_key,
                         declarations=[MEMBERSHIP, NOTES])
        try:
            with TestClient(app) as gateway:
                write_and_read_through_the_gateway(gateway, app_key, "Biên bản qua cổng",
                                                   deadline)
        finally:
            membership.close()
        assert client.health()["storeHead"] == 2
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
    assert '"msg": "stopping"' in (tmp_path / "service.log").read_text()  # said why it ended
