"""The federation's verifier: each province's tokens checked against that province's published
keys (in-process or over HTTP), accepted for that province only; central tokens for statistics."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.routing import Route

from gateway.auth import issue_central_token, issue_token
from gateway.keys import KeySet, jwks_endpoint
from gateway.token_errors import (
    AggregatesOnly,
    ExpiredToken,
    InvalidToken,
    IssuerUnreachable,
    UnknownKey,
    UntrustedIssuer,
    WrongProvince,
)
from gateway.trusted_issuers import JWKS_PATH, TrustedIssuers
from kit.testing.ports import free_port


def province_token(keys: KeySet, province: str, **extra) -> str:
    return issue_token(keys, user=f"ban-to-chuc-{province}", roles=["organisation_commission"],
                       org=f"root-{province}", province=province, **extra)


@pytest.fixture
def keys() -> dict[str, KeySet]:
    return {"NB": KeySet.generate(), "HN": KeySet.generate(), "central": KeySet.generate()}


def test_a_provinces_token_is_accepted_for_that_province_only(keys):
    issuers = TrustedIssuers(keys)
    nb = province_token(keys["NB"], "NB")
    claims = issuers.for_province(nb, "NB")
    assert (claims.issuer, claims.province, claims.org) == ("NB", "NB", "root-NB")
    with pytest.raises(WrongProvince, match="accepted for NB only, not for HN"):
        issuers.for_province(nb, "HN")
    assert issuers.for_province(province_token(keys["HN"], "HN"), "HN").province == "HN"
    # its statistics: its own province's only
    assert issuers.for_aggregates(nb, ["NB", "HN"]).provinces == ("NB",)


def test_a_central_token_reads_statistics_across_provinces_and_no_personal_data(keys):
    issuers = TrustedIssuers(keys)
    central = issue_central_token(keys["central"], user="ban-to-chuc-trung-uong")
    access = issuers.for_aggregates(central, ["NB", "HN"])
    assert access.provinces == ("NB", "HN")
    assert access.claims.central and access.claims.province == ""
    with pytest.raises(AggregatesOnly):
        issuers.for_province(central, "NB")
    without_role = issue_central_token(keys["central"], user="x", roles=["viewer"])
    with pytest.raises(AggregatesOnly, match="central_commission"):
        issuers.for_aggregates(without_role, ["NB"])
    forged = issue_central_token(KeySet.generate(), user="x")
    assert [issuers.central(t) for t in (central, without_role, forged,
                                         province_token(keys["NB"], "NB"))] == \
        [True, False, False, False]


def test_a_token_is_checked_against_its_own_issuers_keys_only(keys):
    issuers = TrustedIssuers({"NB": keys["NB"], "HN": keys["HN"]})
    # HN's key signing a token that claims to be NB's: NB does not know that key
    with pytest.raises(UnknownKey):
        issuers.verify(issue_token(keys["HN"], user="u", roles=[], org="o", province="NB"))
    with pytest.raises(UntrustedIssuer, match="'HP'"):
        issuers.verify(province_token(KeySet.generate(), "HP"))
    with pytest.raises(UntrustedIssuer):  # no central issuer configured here
        issuers.verify(issue_central_token(keys["central"], user="u"))
    with pytest.raises(ExpiredToken):
        issuers.verify(province_token(keys["NB"], "NB", ttl_hours=-1))
    good = province_token(keys["NB"], "NB")
    head, _, signature = good.rpartition(".")
    with pytest.raises(InvalidToken):
        issuers.verify(f"{head}.{signature[::-1]}")


def test_a_jwks_document_given_in_process_serves_as_well(keys):
    issuers = TrustedIssuers({"NB": keys["NB"].jwks()})
    assert issuers.for_province(province_token(keys["NB"], "NB"), "NB").province == "NB"


class Served:
    """A province's key set published at /.well-known/jwks.json by a real HTTP server."""

    def __init__(self, keys: KeySet) -> None:
        self.port = free_port()
        app = Starlette(routes=[Route(JWKS_PATH, jwks_endpoint(keys))])
        self.server = uvicorn.Server(uvicorn.Config(app, port=self.port, log_level="error"))
        self.requests = 0
        self.thread = threading.Thread(target=self.server.run, daemon=True)

        async def counting(scope, receive, send):
            self.requests += scope["type"] == "http"
            await app(scope, receive, send)
        self.server.config.app = counting

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Served:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(5)


@pytest.fixture
def hn_served(keys) -> Iterator[Served]:
    served = Served(keys["HN"]).start()
    yield served
    served.stop()


def test_over_http_keys_are_fetched_kept_and_fetched_again_for_a_new_kid(keys, hn_served):
    issuers = TrustedIssuers({"NB": keys["NB"], "HN": hn_served.url}, min_refresh=0)
    assert issuers.fetch_keys() == {"HN": True}
    hn = province_token(keys["HN"], "HN")
    assert issuers.for_province(hn, "HN").province == "HN"
    with pytest.raises(WrongProvince):
        issuers.for_province(hn, "NB")
    assert issuers.for_province(province_token(keys["HN"], "HN", ttl_hours=2), "HN")
    assert hn_served.requests == 1  # fetched once, kept

    keys["HN"].rotate(grace_hours=1)  # HN rotates: its new tokens carry a kid not yet fetched
    rotated = province_token(keys["HN"], "HN")
    assert issuers.for_province(rotated, "HN").province == "HN"
    assert hn_served.requests == 2
    assert issuers.for_province(province_token(keys["HN"], "HN", ttl_hours=3), "HN")
    assert issuers.for_province(hn, "HN")  # the old key, in its grace period

    hn_served.stop()  # HN down: the keys known are kept, its tokens still verify
    assert issuers.for_province(province_token(keys["HN"], "HN", ttl_hours=4), "HN")
    with pytest.raises(UnknownKey):
        issuers.for_province(province_token(KeySet.generate(), "HN"), "HN")


def test_a_province_never_reached_says_so(keys):
    nowhere = f"http://127.0.0.1:{free_port()}"
    issuers = TrustedIssuers({"HN": nowhere}, timeout=0.5)
    with pytest.raises(IssuerUnreachable, match="HN"):
        issuers.for_province(province_token(keys["HN"], "HN"), "HN")
