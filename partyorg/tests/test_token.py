"""`partyorg token` (and so `make token`): a token only for an organisation that exists, found in
the data of the demo that was served; and every command the serving banner prints runs as
printed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid

import httpx
import pytest

from gateway.auth import load_or_create_keys, verify_token
from kit.testing.ports import free_port
from partyorg import cli, demo_data, tokens


def token(*argv: str) -> int:
    return cli.main(["token", "--role", "viewer", *argv])


@pytest.mark.parametrize("org", [str(uuid.uuid4()), "not-an-id", ""],
                         ids=["unknown-uuid", "not-an-id", "empty"])  # xdist: stable ids
def test_a_token_for_an_organisation_that_does_not_exist_is_refused_and_says_why(
        demo, tmp_path, capsys, org):
    key = tmp_path / "signing.key"
    assert token("--data", str(demo.data), "--org", org, "--key", str(key)) == 1
    out, said = capsys.readouterr()
    assert out == ""  # nothing a script could mistake for a token
    assert said.startswith("no token: ") and (org in said or "not an organisation id" in said)


def test_without_data_the_token_is_for_the_data_and_key_the_demo_served(
        demo, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no var/demo here: only the served demo's record can help
    monkeypatch.delenv("PARTYORG_AMQP_URI", raising=False)
    key = tmp_path / "served.key"
    tokens.remember_served(demo.data, key, "127.0.0.1", 8000)
    branch_id, _ = demo_data.sample_branch(demo.membership, demo.marker["root_id"])

    assert token("--org", branch_id) == 0
    out, said = capsys.readouterr()
    claims = verify_token(load_or_create_keys(key), out.strip(), demo_data.PROVINCE)
    assert claims.org == branch_id and str(demo.data.resolve()) in said

    assert token("--org", str(uuid.uuid4())) == 1  # and refused against that same data
    assert str(demo.data.resolve()) in capsys.readouterr().err


def shell_commands(banner: str) -> list[str]:
    """The banner's indented command lines, continuation lines joined."""
    commands, current = [], ""
    for line in banner.splitlines():
        if not current and not re.match(r"  \S+ ", line):
            continue
        current += line.strip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        if current.split()[0] in ("curl", sys.executable) or " token " in current:
            commands.append(current)
        current = ""
    return commands


@pytest.mark.slow
def test_every_command_the_banner_prints_runs_as_printed(demo, tmp_path):
    port, key = free_port(), tmp_path / "keys" / "demo.key"
    env = {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    env.pop("PARTYORG_AMQP_URI", None)  # the banner's token commands name their data
    server = subprocess.Popen(
        [sys.executable, "-m", "partyorg.cli", "serve", "--data", str(demo.data), "--port",
         str(port), "--key", str(key)], cwd=tmp_path, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        banner, deadline = "", time.monotonic() + 60
        while "More tokens" not in banner or len(banner.split("More tokens")[1].splitlines()) < 3:
            assert server.poll() is None and time.monotonic() < deadline, banner
            banner += server.stdout.readline()
        threading.Thread(target=server.stdout.read, daemon=True).start()  # its log: drained
        while True:  # served once /healthz answers
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, banner
            time.sleep(0.2)

        commands = shell_commands(banner)
        assert [c.split()[0] for c in commands].count("curl") == 2
        assert sum(" token " in c for c in commands) == 2
        for command in commands:
            run = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, text=True,
                                 capture_output=True, timeout=60)
            assert run.returncode == 0, (command, run.stderr)
            if command.startswith("curl"):
                body = json.loads(run.stdout)
                assert body.get("data") and "errors" not in body, (command, body)
            else:
                claims = verify_token(load_or_create_keys(key), run.stdout.strip(), demo_data.PROVINCE)
                wanted = command.split("--org ")[1].split()[0]
                assert claims.org == (demo.marker["root_id"] if wanted == "root" else wanted)

        # the line to paste in GraphiQL, with the province's token
        graphiql = next(line.strip() for line in banner.splitlines()
                        if line.startswith("  { meetingCompliance"))
        province_token = banner.split("Token for the province")[1].splitlines()[1].strip()
        answer = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": graphiql},
                            headers={"Authorization": f"Bearer {province_token}"}, timeout=60)
        assert answer.status_code == 200 and "errors" not in answer.json(), answer.text
    finally:
        server.terminate()
        server.wait(20)
