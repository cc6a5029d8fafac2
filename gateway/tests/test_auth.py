"""Every GraphQL request needs a valid token; only GraphiQL's page, metrics and health are open."""

from __future__ import annotations

import stat
import time

import jwt
import pytest

from gateway.auth import (
    AuthError,
    VerifiedTokens,
    issue_token,
    load_or_create_key,
    verify_token,
)
from gateway.keys import KeySet

from .conftest import KEY

QUERY = "{ viewer { userId roles organisationId canChange } }"


def assert_unauthenticated(response, reason: str | None = None) -> None:
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    if reason is not None:
        assert body["errors"][0]["extensions"]["reason"] == reason
    assert "Traceback" not in response.text


def test_a_request_without_a_token_is_refused_with_401(api):
    assert_unauthenticated(api.post(QUERY))
    assert_unauthenticated(api.client.get("/graphql", params={"query": QUERY}))


def test_an_expired_token_is_refused_with_401(api):
    token = api.token(api.province.commune_a, ttl_hours=-1)
    response = api.post(QUERY, token=token)
    assert_unauthenticated(response, "EXPIRED_TOKEN")
    assert "expired" in response.json()["errors"][0]["message"]


def test_a_token_signed_with_another_key_is_refused_with_401(api):
    forged = issue_token(KeySet.generate(), user="x", roles=["organisation_commission"],
                         org=api.province.root, province="NB")
    assert_unauthenticated(api.post(QUERY, token=forged), "UNKNOWN_KEY")
    assert_unauthenticated(api.post(QUERY, headers={"Authorization": "Basic dXNlcjpwdw=="}),
                           "MISSING_TOKEN")


def test_a_token_signed_with_the_hs256_secret_of_before_is_refused_as_such(api):
    legacy = jwt.encode({"sub": "x", "roles": ["organisation_commission"],
                         "org": api.province.root, "province": "NB", "iat": 0,
                         "exp": 4102444800}, b"gateway-tests-signing-key-32byte", "HS256")
    response = api.post(QUERY, token=legacy)
    assert_unauthenticated(response, "LEGACY_TOKEN")
    assert "HS256" in response.json()["errors"][0]["message"]


def test_a_token_for_another_province_is_refused(api):
    from gateway.auth import issue_token

    token = issue_token(KEY, user="u", roles=["viewer"], org=api.province.root, province="HN")
    assert_unauthenticated(api.post(QUERY, token=token), "UNTRUSTED_ISSUER")


def test_a_valid_token_names_the_caller(api):
    response = api.post(QUERY, token=api.token(api.province.commune_a, ("viewer",)))
    assert response.status_code == 200
    assert response.json()["data"]["viewer"] == {
        "userId": "tester", "roles": ["viewer"], "organisationId": api.province.commune_a,
        "canChange": False}


def test_the_graphiql_page_metrics_and_health_need_no_token(api):
    page = api.client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    assert api.client.get("/metrics").status_code == 200
    health = api.client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"


def test_the_signing_key_is_made_once_and_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "keys" / "signing.key"
    keys = load_or_create_key(path)
    assert len(keys.keys) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(path).signing.kid == keys.signing.kid


def test_tokens_carry_the_claims_the_gateway_checks(api):
    claims = verify_token(KEY, api.token(api.province.branch_a), "NB")
    assert claims.org == api.province.branch_a
    assert claims.can_write and claims.role == "organisation_commission"


def test_a_remembered_token_is_refused_once_it_expires():
    tokens = VerifiedTokens(KEY, "NB")
    expires = int(time.time()) + 1
    token = jwt.encode({"sub": "u", "roles": ["viewer"], "org": "o", "province": "NB",
                        "iss": "NB", "iat": expires - 1, "exp": expires},
                       KEY.signing.private, "EdDSA", headers={"kid": KEY.signing.kid})
    assert tokens.verify(token).user == "u"
    assert tokens.verify(token).user == "u"  # remembered
    time.sleep(max(0.0, expires - time.time()) + 0.05)
    with pytest.raises(AuthError, match="expired"):
        tokens.verify(token)


def test_remembered_tokens_are_bounded_and_bad_ones_never_kept():
    tokens = VerifiedTokens(KEY, "NB", size=2)
    issued = [issue_token(KEY, user=f"u{i}", roles=["viewer"], org="o", province="NB")
              for i in range(3)]
    for token in issued:
        tokens.verify(token)
    assert list(tokens._tokens) == issued[1:]
    for bad in ("nonsense", issue_token(KEY, user="u", roles=["viewer"], org="o", province="HN")):
        with pytest.raises(AuthError):
            tokens.verify(bad)
    assert list(tokens._tokens) == issued[1:]
