"""`partyorg keys` and `partyorg central-token`: the key set an operator handles by hand."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from gateway.keys import load_or_create_keys
from gateway.trusted_issuers import TrustedIssuers
from partyorg import cli


def test_jwks_prints_the_public_keys_a_verifier_needs_and_no_private_part(tmp_path, capsys):
    path = tmp_path / "signing.key"
    assert cli.main(["keys", "jwks", "--key", str(path)]) == 0
    jwks = json.loads(capsys.readouterr().out)
    assert [k["kid"] for k in jwks["keys"]] == [load_or_create_keys(path).signing.kid]
    assert all("d" not in k for k in jwks["keys"])


def test_the_key_file_is_the_one_partyorg_signing_key_names(tmp_path, monkeypatch, capsys):
    path = tmp_path / "gateway.key"
    monkeypatch.setenv("PARTYORG_SIGNING_KEY", str(path))
    assert cli.main(["keys", "rotate", "--grace-hours", "1"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 2 and listed[0].endswith("UTC") and listed[1].endswith("signing")
    assert "accepted until" in listed[0]
    assert load_or_create_keys(path).signing.kid == listed[1].split()[0]


def test_the_signing_key_is_not_retired_before_another_signs(tmp_path, capsys):
    path = tmp_path / "signing.key"
    kid = load_or_create_keys(path).signing.kid
    assert cli.main(["keys", "retire", f"--kid={kid}", "--key", str(path)]) == 1
    assert "rotate" in capsys.readouterr().err
    assert load_or_create_keys(path).signing.kid == kid


def test_a_central_token_is_signed_with_the_central_key_set_and_read_as_central(
        tmp_path, capsys):
    central = tmp_path / "central.key"
    assert cli.main(["central-token", "--key", str(central), "--hours", "1"]) == 0
    token = capsys.readouterr().out.strip()
    access = TrustedIssuers({"central": load_or_create_keys(central)}).for_aggregates(
        token, ["NB", "HN"])
    assert access.provinces == ("NB", "HN") and access.claims.roles == ("central_commission",)


def test_processes_starting_together_make_one_key_set(tmp_path):
    path = tmp_path / "keys" / "signing.key"
    with ThreadPoolExecutor(8) as pool:
        kids = set(pool.map(lambda _: load_or_create_keys(path).signing.kid, range(8)))
    assert len(kids) == 1


def test_a_kid_that_starts_with_a_dash_is_retired_given_as_kid_equals(tmp_path, capsys):
    # a thumbprint is base64url: one kid in 64 starts with '-', which argparse would take for
    # an option after a space
    for attempt in range(2_000):
        path = tmp_path / f"signing-{attempt}.key"
        kid = load_or_create_keys(path).signing.kid
        if kid.startswith("-"):
            break
    else:
        raise AssertionError("no kid starting with '-' in 2,000 key sets")
    assert cli.main(["keys", "rotate", "--grace-hours", "1", "--key", str(path)]) == 0
    assert cli.main(["keys", "retire", f"--kid={kid}", "--key", str(path)]) == 0
    capsys.readouterr()
    assert cli.main(["keys", "list", "--key", str(path)]) == 0
    listed = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "retired since" in listed[kid]
