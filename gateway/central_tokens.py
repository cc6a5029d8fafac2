"""A province gateway trusting the central organisation commission's tokens, for statistics.

A province accepts its own tokens (auth.VerifiedTokens) and, when configured with the central
issuer's public keys, tokens issued by `central` with the `central_commission` role: they read
the statistics fields of the whole province and nothing else (gateway.toolkit.aggregates; every
field returning a person refuses them FORBIDDEN). The central keys come from

- an in-process KeySet (`create_app(..., trusted=keys)`: the demo, tests),
- a JWKS document (a dict), or a JWKS file (`partyorg keys jwks --key var/keys/central.key >
  central.jwks.json`; read again when it changes: a central rotation needs no restart),
- a URL serving the JWKS (fetched and kept as gateway.trusted_issuers.RemoteJwks does),

and in a deployment from `PARTYORG_CENTRAL_JWKS` (a URL or a file). Without them a central
token is refused UNTRUSTED_ISSUER, as before. The roles a central token is given here are the
central commission's only, whatever else it claims: it never reads as a province's viewer.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import jwt

from .auth import CENTRAL, CENTRAL_COMMISSION, Claims, VerifiedTokens
from .keys import KeySet
from .token_errors import AggregatesOnly, InvalidToken
from .trusted_issuers import KeySource, StaticJwks, TrustedIssuers

CENTRAL_JWKS_ENV = "PARTYORG_CENTRAL_JWKS"
CentralKeys = KeySet | Mapping[str, Any] | str | Path | KeySource


class JwksFile:
    """The central issuer's JWKS in a file, read again when the file changes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._seen: tuple[int, int] | None = None
        self._keys: StaticJwks | None = None
        self._lock = threading.Lock()
        self._load()

    def _load(self) -> StaticJwks:
        stat = self.path.stat()
        seen = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if self._keys is None or seen != self._seen:
                document = json.loads(self.path.read_text(encoding="utf-8"))
                self._keys, self._seen = StaticJwks(document, CENTRAL), seen
            return self._keys

    def verification_key(self, kid: str) -> tuple[Any, int | None]:
        return self._load().verification_key(kid)


def central_source(keys: CentralKeys) -> Any:
    """What TrustedIssuers verifies central tokens with: a URL as is, a file as JwksFile."""
    if isinstance(keys, Path) or (isinstance(keys, str)
                                  and not keys.startswith(("http://", "https://"))):
        return JwksFile(keys)
    return keys


def central_keys_from_env() -> Any | None:
    """PARTYORG_CENTRAL_JWKS (a JWKS URL or file), None when unset."""
    value = os.environ.get(CENTRAL_JWKS_ENV, "").strip()
    return central_source(value) if value else None


class ProvinceTokens:
    """The tokens a province gateway accepts: its own, and central ones if it trusts them."""

    def __init__(self, keys: KeySet, province: str, central: CentralKeys | None = None) -> None:
        self.own = VerifiedTokens(keys, province)
        self.central = (TrustedIssuers({CENTRAL: central_source(central)})
                        if central is not None else None)

    @property
    def keys(self) -> KeySet:
        return self.own.keys

    def verify(self, token: str) -> Claims:
        if self.central is None or _issuer(token) != CENTRAL:
            return self.own.verify(token)  # a central token: UntrustedIssuer there
        claims = self.central.verify(token)
        if CENTRAL_COMMISSION not in claims.roles:
            raise AggregatesOnly(f"a central token is accepted with the {CENTRAL_COMMISSION} "
                                 "role only")
        return replace(claims, roles=(CENTRAL_COMMISSION,), organ=None)


def _issuer(token: str) -> Any:
    try:
        return jwt.decode(token, options={"verify_signature": False}).get("iss")
    except jwt.InvalidTokenError:
        raise InvalidToken("the token is not a JWT") from None


__all__ = ["CENTRAL_JWKS_ENV", "JwksFile", "ProvinceTokens", "central_keys_from_env",
           "central_source"]
