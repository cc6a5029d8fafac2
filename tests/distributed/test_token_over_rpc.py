"""`partyorg token` in the distributed mode (`make token UP=1`): the organisation is looked up in
the province `make up` runs, by asking its membership service over RPC."""

from __future__ import annotations

import uuid

import pytest

from gateway.auth import load_or_create_keys, verify_token
from partyorg import cli


@pytest.fixture
def up_env(topology, monkeypatch, tmp_path):
    """The environment `make up`'s processes (and var/local-env.sh) give: no --data needed."""
    for name in ("PARTYORG_AMQP_URI", "PARTYORG_PROVINCE", "PARTYORG_MEMBERSHIP_RPC_NAME"):
        monkeypatch.setenv(name, topology.env[name])
    key = tmp_path / "gateway.key"
    monkeypatch.setenv("PARTYORG_SIGNING_KEY", str(key))
    monkeypatch.chdir(tmp_path)  # no demo data here: only the service can answer
    return key


def test_a_token_for_the_root_or_an_organisation_is_signed_with_the_gateways_key(
        topology, up_env, capsys):
    assert cli.main(["token", "--org", "root", "--role", "viewer"]) == 0
    claims = verify_token(load_or_create_keys(up_env), capsys.readouterr().out.strip(), "NB")
    assert claims.org == topology.root

    assert cli.main(["token", "--distributed", "--org", topology.root, "--role", "viewer"]) == 0
    assert verify_token(load_or_create_keys(up_env), capsys.readouterr().out.strip(), "NB").org == \
        topology.root


def test_an_organisation_the_province_does_not_hold_is_refused(topology, up_env, capsys):
    missing = str(uuid.uuid4())
    assert cli.main(["token", "--org", missing, "--role", "viewer"]) == 1
    out, said = capsys.readouterr()
    assert out == "" and f"no organisation {missing} in province NB" in said
