"""Verifying tokens of several issuers (the federation of provinces): each issuer's public keys,
and who may read what.

    issuers = TrustedIssuers({
        "NB": nb_keys,                       # a KeySet in this process (embedded provinces)
        "HN": "http://127.0.0.1:8001",       # a province gateway: its /.well-known/jwks.json
        "central": central_keys,             # the central organisation commission's key set
    })
    claims = issuers.for_province(token, "NB")           # a province's data: its own token only
    access = issuers.for_aggregates(token, ["NB", "HN"])  # statistics: access.provinces

Policy: a province's token (iss = its code) is accepted for that province only (WrongProvince
elsewhere), exactly as that province's gateway would accept it; a central token (iss = central,
role central_commission) reads statistics across every province and no province's personal data
(AggregatesOnly). Every refusal is a typed AuthError (token_errors.py).

Keys fetched over HTTP are kept `max_age` seconds, fetched again at once (at most every
`min_refresh` seconds) when a token names a kid not among them (a rotation), and kept when the
province does not answer (its tokens stay verifiable while it is down).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import jwt

from .auth import CENTRAL, CENTRAL_COMMISSION, Claims, claims_of, decode
from .keys import ALGORITHM, KeySet
from .token_errors import (
    AggregatesOnly,
    AuthError,
    InvalidToken,
    IssuerUnreachable,
    UnknownKey,
    UntrustedIssuer,
    WrongProvince,
)

log = logging.getLogger("partyorg.gateway.trusted_issuers")
JWKS_PATH = "/.well-known/jwks.json"


class KeySource(Protocol):
    def verification_key(self, kid: str) -> tuple[Any, int | None]:
        """The public key for `kid` and when it is retired (None: not known), or an AuthError."""


class StaticJwks:
    """An issuer's JWKS document given in-process (e.g. read from a file handed over)."""

    def __init__(self, jwks: Mapping[str, Any], issuer: str = "") -> None:
        self.issuer = issuer
        self._keys = _public_keys(jwks)

    def verification_key(self, kid: str) -> tuple[Any, int | None]:
        if kid not in self._keys:
            raise UnknownKey(f"the token's key {kid!r} is not one of {self.issuer}'s keys")
        return self._keys[kid], None


class RemoteJwks:
    """An issuer's JWKS fetched over HTTP: `url` is a gateway's base URL or the document's."""

    def __init__(self, url: str, issuer: str = "", *, max_age: float = 300.0,
                 min_refresh: float = 10.0, timeout: float = 2.0) -> None:
        self.url = url if url.endswith(".json") else url.rstrip("/") + JWKS_PATH
        self.issuer = issuer
        self.max_age = max_age
        self.min_refresh = min_refresh
        # PyJWT's client fetches (http(s) only, no redirects); the caching is ours: keep the
        # keys when the issuer does not answer
        self._client = jwt.PyJWKClient(self.url, cache_jwk_set=False, timeout=timeout)
        self._keys: dict[str, Any] = {}
        self._fetched: float | None = None
        self._tried = float("-inf")
        self._lock = threading.Lock()

    def verification_key(self, kid: str) -> tuple[Any, int | None]:
        now = time.monotonic()
        stale = self._fetched is None or now - self._fetched > self.max_age
        if stale or (kid not in self._keys and now - self._tried >= self.min_refresh):
            self.refresh()
        if kid in self._keys:
            return self._keys[kid], None
        if self._fetched is None:
            raise IssuerUnreachable(f"the keys of {self.issuer or self.url} could not be fetched "
                                    f"from {self.url}")
        raise UnknownKey(f"the token's key {kid!r} is not one of {self.issuer}'s keys")

    def refresh(self) -> bool:
        """Fetch the keys again; False (the known keys kept) if the issuer did not answer."""
        with self._lock:
            self._tried = time.monotonic()
            try:
                keys = _public_keys(self._client.fetch_data())
            except (jwt.PyJWKClientError, jwt.PyJWKError, ValueError) as exc:
                log.warning("issuer's keys not fetched", extra={
                    "issuer": self.issuer, "url": self.url, "error": str(exc)})
                return False
            self._keys, self._fetched = keys, time.monotonic()
            return True


@dataclass(frozen=True)
class AggregateAccess:
    """Whose statistics a token reads: every province for a central token, else its own."""

    claims: Claims
    provinces: tuple[str, ...]


class TrustedIssuers:
    """issuer → its public keys; verifies a token against its own issuer's keys only.

    `sources`, by issuer (a province code, or "central"): a KeySet (in-process, live), a JWKS
    document (dict), a base URL of the issuer's gateway (str), or any KeySource. `remember`:
    seconds a verified token is answered without checking again (a retirement seen over HTTP
    takes effect within `remember` + the source's `max_age`).
    """

    def __init__(self, sources: Mapping[str, KeySet | Mapping[str, Any] | str | KeySource], *,
                 remember: float = 60.0, size: int = 4096, **remote: float) -> None:
        self.sources: dict[str, KeySource] = {
            issuer: _source(issuer, source, remote) for issuer, source in sources.items()}
        self.remember = remember
        self.size = size
        self._tokens: dict[str, tuple[Claims, float]] = {}
        self._lock = threading.Lock()

    @property
    def issuers(self) -> tuple[str, ...]:
        return tuple(self.sources)

    def fetch_keys(self) -> dict[str, bool]:
        """Fetch every remote issuer's keys now (at start, from a thread: a first token then
        needs no fetch); by issuer, whether it answered."""
        return {issuer: source.refresh() for issuer, source in self.sources.items()
                if isinstance(source, RemoteJwks)}

    def verify(self, token: str) -> Claims:
        """The claims of a token signed by the issuer it names, if that issuer is trusted."""
        known = self._tokens.get(token)
        now = time.time()
        if known is not None and now < known[1]:
            return known[0]
        issuer = _unverified_issuer(token)
        source = self.sources.get(issuer)
        if source is None:
            raise UntrustedIssuer(f"tokens issued by {issuer!r} are not accepted here "
                                  f"(trusted: {', '.join(self.sources)})")
        raw, until = decode(token, source.verification_key)
        claims = claims_of(raw)
        with self._lock:
            self._tokens.pop(token, None)
            while len(self._tokens) >= self.size:
                del self._tokens[next(iter(self._tokens))]
            self._tokens[token] = (claims, min(until, now + self.remember))
        return claims

    def central(self, token: str) -> bool:
        """Whether the token is a verified central token with the central_commission role (the
        federation's CentralVerifier); any refusal is False."""
        try:
            claims = self.verify(token)
        except AuthError:
            return False
        return claims.central and CENTRAL_COMMISSION in claims.roles

    def for_province(self, token: str, province: str) -> Claims:
        """A token that may read (and, by its roles, change) `province`'s data: that province's
        own; a central token reads aggregates only."""
        claims = self.verify(token)
        if claims.central:
            raise AggregatesOnly("a central token reads statistics across provinces, not a "
                                 f"province's personal data ({province})")
        if claims.province != province:
            raise WrongProvince(f"a token of {claims.province} is accepted for "
                                f"{claims.province} only, not for {province}")
        return claims

    def for_aggregates(self, token: str, provinces: Iterable[str]) -> AggregateAccess:
        """Whose statistics the token reads among `provinces`: all of them for a central token
        with the central_commission role, else its own province's."""
        claims = self.verify(token)
        provinces = tuple(provinces)
        if claims.central:
            if CENTRAL_COMMISSION not in claims.roles:
                raise AggregatesOnly(f"a central token reads statistics with the "
                                     f"{CENTRAL_COMMISSION} role only")
            return AggregateAccess(claims, provinces)
        if claims.province not in provinces:
            raise WrongProvince(f"a token of {claims.province} is accepted for "
                                f"{claims.province} only, which is not served here")
        return AggregateAccess(claims, (claims.province,))


def _source(issuer: str, source: Any, remote: Mapping[str, float]) -> KeySource:
    if isinstance(source, str):
        return RemoteJwks(source, issuer, **remote)
    if isinstance(source, Mapping):
        return StaticJwks(source, issuer)
    if hasattr(source, "verification_key"):
        return source
    raise TypeError(f"{issuer}: a KeySet, a JWKS document or a URL, not {type(source).__name__}")


def _unverified_issuer(token: str) -> str:
    """Which issuer's keys to check the token with (the signature then covers `iss`)."""
    try:
        issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
    except jwt.InvalidTokenError:
        raise InvalidToken("the token is not a JWT") from None
    if not isinstance(issuer, str) or not issuer:
        raise InvalidToken("the token names no issuer (iss)")
    return issuer


def _public_keys(jwks: Mapping[str, Any]) -> dict[str, Any]:
    """kid → public key of the document's Ed25519 signing keys."""
    keys = jwks.get("keys") if isinstance(jwks, Mapping) else None
    if not isinstance(keys, list):
        raise ValueError("a JWKS document has a list of keys")
    found = {}
    for jwk in keys:
        if (isinstance(jwk, dict) and jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519"
                and jwk.get("use", "sig") == "sig" and isinstance(jwk.get("kid"), str)):
            found[jwk["kid"]] = jwt.PyJWK(jwk, ALGORITHM).key
    return found


__all__ = ["AggregateAccess", "AuthError", "CENTRAL", "KeySource", "RemoteJwks", "StaticJwks",
           "TrustedIssuers"]
