"""Tokens signed with the province's Ed25519 keys: the kid picks the key, each refusal is typed,
the public keys are published, and a rotation under a running gateway drops nobody."""

from __future__ import annotations

import base64
import json
import stat
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from starlette.testclient import TestClient

from gateway.auth import VerifiedTokens, issue_central_token, issue_token, verify_token
from gateway.keys import KeySet, load_or_create_keys, thumbprint
from gateway.server import create_app
from gateway.token_errors import (
    ExpiredToken,
    InvalidToken,
    LegacyToken,
    RetiredKey,
    UnknownKey,
    UntrustedIssuer,
    WrongProvince,
)
from partyorg import cli

QUERY = "{ viewer { userId organisationId } }"


def token_for(keys: KeySet, province: str = "NB", **claims) -> str:
    return issue_token(keys, user="u", roles=["viewer"], org="o", province=province, **claims)


def parts(token: str) -> list[dict]:
    return [json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
            for p in token.split(".")[:2]]


def test_a_token_is_signed_with_eddsa_names_its_key_and_its_issuer():
    keys = KeySet.generate()
    header, payload = parts(token_for(keys, organ="assembly"))
    assert header == {"alg": "EdDSA", "kid": keys.signing.kid, "typ": "JWT"}
    assert payload["iss"] == payload["province"] == "NB"
    claims = verify_token(keys, token_for(keys, organ="assembly"), "NB")
    assert (claims.issuer, claims.province, claims.organ, claims.roles) == \
        ("NB", "NB", "assembly", ("viewer",))


def test_the_kid_picks_the_key_among_the_accepted_ones():
    keys = KeySet.generate()
    old = token_for(keys)
    keys.rotate(grace_hours=1)
    new = token_for(keys)
    kids = [parts(t)[0]["kid"] for t in (old, new)]
    assert kids[0] != kids[1] and kids[1] == keys.signing.kid
    assert [verify_token(keys, t, "NB").user for t in (old, new)] == ["u", "u"]
    # the kid is the key's RFC 7638 thumbprint
    assert keys.signing.kid == thumbprint(keys.signing.public_jwk())


def test_each_refusal_has_its_own_typed_error():
    keys, other = KeySet.generate(), KeySet.generate()
    good = token_for(keys)
    header, payload, signature = good.split(".")
    forged_payload = base64.urlsafe_b64encode(json.dumps(
        {**parts(good)[1], "roles": ["organisation_commission"]}).encode()).rstrip(b"=").decode()
    hs256 = jwt.encode({"sub": "u", "iss": "NB", "province": "NB", "iat": 0, "exp": 4102444800},
                       b"x" * 32, "HS256")
    no_kid = jwt.encode({"sub": "u"}, keys.signing.private, "EdDSA")
    refusals = {
        "tampered": (f"{header}.{forged_payload}.{signature}", InvalidToken, "signature"),
        "expired": (token_for(keys, ttl_hours=-1), ExpiredToken, "expired"),
        "another key": (token_for(other), UnknownKey, "not one of"),
        "another issuer": (token_for(keys, province="HN"), UntrustedIssuer, "issued by HN"),
        "central": (issue_central_token(other, user="u"), UntrustedIssuer, "by central"),
        "hs256 of before": (hs256, LegacyToken, "HS256"),
        "no kid": (no_kid, InvalidToken, "kid"),
        "not a jwt": ("nonsense", InvalidToken, "not a JWT"),
    }
    for token, error, says in refusals.values():
        with pytest.raises(error, match=says):
            verify_token(keys, token, "NB")
    wrong_province = jwt.encode(
        {"sub": "u", "roles": [], "org": "o", "iss": "NB", "province": "HN", "iat": 0,
         "exp": 4102444800}, keys.signing.private, "EdDSA", headers={"kid": keys.signing.kid})
    with pytest.raises(WrongProvince):
        verify_token(keys, wrong_province, "NB")


def test_the_jwks_endpoint_publishes_the_accepted_public_keys_as_okp_keys(api):
    from .conftest import KEY

    response = api.client.get("/.well-known/jwks.json")  # no token needed
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/jwk-set+json")
    (jwk,) = response.json()["keys"]
    assert jwk == {"kty": "OKP", "crv": "Ed25519", "kid": KEY.signing.kid, "use": "sig",
                   "alg": "EdDSA", "x": jwk["x"]}  # RFC 8037; no private part ("d")
    public = jwt.PyJWK(jwk).key
    assert isinstance(public, Ed25519PublicKey)
    assert jwt.decode(api.token(api.province.root), public, algorithms=["EdDSA"])["iss"] == "NB"


def test_the_key_file_is_private_and_an_hs256_secret_of_before_is_replaced(tmp_path):
    path = tmp_path / "signing.key"
    path.write_bytes(b"s" * 32)  # the HS256 secret a deployment had
    old = jwt.encode({"sub": "u", "roles": ["viewer"], "org": "o", "province": "NB",
                      "iat": 0, "exp": 4102444800}, b"s" * 32, "HS256")
    keys = load_or_create_keys(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["keys"][0]["kid"] == keys.signing.kid
    with pytest.raises(LegacyToken):
        verify_token(keys, old, "NB")
    path.write_bytes(b"s" * 32)
    with pytest.raises(ValueError, match="partyorg keys rotate"):
        load_or_create_keys(path, migrate=False)


def test_rotation_under_a_live_gateway_keeps_old_tokens_until_their_key_is_retired(
        province, tmp_path, capsys):
    path = tmp_path / "keys" / "signing.key"
    served = load_or_create_keys(path)
    served.check_every = 0.0  # look at the file on every request, not once a second
    with TestClient(create_app({"membership": province.membership}, served)) as client:
        def ask(token: str):
            return client.post("/graphql", json={"query": QUERY},
                               headers={"Authorization": f"Bearer {token}"})

        def token() -> str:  # as `partyorg token` makes one: from the file, freshly read
            return issue_token(load_or_create_keys(path), user="u", roles=["viewer"],
                               org=province.root, province="NB")

        old = token()
        assert ask(old).status_code == 200
        first_kid = parts(old)[0]["kid"]

        assert cli.main(["keys", "rotate", "--key", str(path)]) == 0  # another process's change
        new = token()
        assert parts(new)[0]["kid"] != first_kid
        assert ask(new).status_code == 200  # the new kid is taken up at once
        assert ask(old).status_code == 200  # the old one is accepted through the grace period
        published = [k["kid"] for k in client.get("/.well-known/jwks.json").json()["keys"]]
        assert published == [first_kid, parts(new)[0]["kid"]]

        assert cli.main(["keys", "retire", f"--kid={first_kid[:10]}", "--key", str(path)]) == 0
        refused = ask(old)
        assert refused.status_code == 401
        assert refused.json()["errors"][0]["extensions"]["reason"] == "RETIRED_KEY"
        assert ask(new).status_code == 200
        published = [k["kid"] for k in client.get("/.well-known/jwks.json").json()["keys"]]
        assert published == [parts(new)[0]["kid"]]
    assert "d" not in json.loads(path.read_text())["keys"][0]  # a retired key's secret is gone
    assert "retired since" in capsys.readouterr().out


def test_a_key_past_its_grace_period_is_refused_and_remembered_tokens_with_it():
    now = [time.time()]
    keys = KeySet.generate(clock=lambda: now[0])
    tokens = VerifiedTokens(keys, "NB")
    old = token_for(keys, ttl_hours=48)
    assert tokens.verify(old).user == "u"
    keys.rotate(grace_hours=24)
    assert tokens.verify(old).user == "u"
    now[0] += 24 * 3600 + 1
    with pytest.raises(RetiredKey):
        verify_token(keys, old, "NB")
    assert verify_token(keys, token_for(keys), "NB").user == "u"
    # a remembered token is answered from memory only until its key's retirement
    assert tokens._tokens[old][1] == keys.keys[0].retire_at
