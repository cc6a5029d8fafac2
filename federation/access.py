"""Which token goes to which province: the one place the federation decides who may ask what.

Tokens are EdDSA JWTs naming their issuer (`iss`: a province's code, or `central`) and the key
(`kid`); each province publishes its public keys (/.well-known/jwks.json). The federation is
given a verifier (gateway.trusted_issuers.TrustedIssuers, composed in partyorg.federated: each
province's key set in-process, or its gateway's URL) and checks every token before anything is
sent: a province's token is forwarded to that province only, which checks it again as it does
any request; a caller holding tokens of several provinces sends them together
(`Authorization: Bearer <token NB>,<token HUE>`). A province without a token is answered with an
UNAUTHENTICATED error naming it, never sent another province's token, so no personal data
crosses provinces through the federation. A central token (the central organisation
commission's) reads statistics only (`federatedCounts`, `federatedAttendance`,
`federatedLevelDistribution`, `provinces`): for those, a province without a token of its own is
sent the central token (planning.py), which the province verifies with the central keys it
trusts and answers for its statistics fields only (gateway/central_tokens.py,
gateway/toolkit/aggregates.py); any other field asked with it alone is refused FORBIDDEN.

Without a verifier (tests of routing alone) the tokens' claims are read unverified, to route
them; the provinces still verify them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import jwt


class AccessRefused(Exception):
    """No usable token at all: the HTTP layer answers 401."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason


class TokenVerifier(Protocol):
    def verify(self, token: str) -> Any:
        """The token's claims (.user, .org, .province, .central), or an exception saying why."""
        ...


@dataclass(frozen=True)
class Credentials:
    by_province: Mapping[str, str]  # province code -> the token forwarded there
    central: str | None = None  # a verified central token: statistics only
    claims: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    # province -> (why its token was refused, the reason's code): the fields it would answer
    # carry that error, the other provinces still answer
    refused: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)

    def token_for(self, province: str) -> str | None:
        return self.by_province.get(province)


def credentials(authorization: str | None, verifier: TokenVerifier | None = None) -> Credentials:
    scheme, _, rest = (authorization or "").partition(" ")
    tokens = [t.strip() for t in rest.split(",") if t.strip()]
    if scheme.lower() != "bearer" or not tokens:
        raise AccessRefused("send an Authorization: Bearer <token>[,<token of another province>]"
                            " header")
    by_province: dict[str, str] = {}
    claims: dict[str, Mapping[str, object]] = {}
    central = None
    refused: dict[str, tuple[str, str | None]] = {}
    for token in tokens:
        if verifier is not None:
            try:
                verified = verifier.verify(token)
            except Exception as exc:  # the verifier's typed refusal (expired, unknown key, …)
                reason = getattr(exc, "reason", None)
                named = _unverified_province(token)
                if named is None:
                    raise AccessRefused(str(exc), reason) from None
                refused[named] = (str(exc), reason)  # that province only: the others answer
                continue
            if verified.central:
                central = token
                continue
            province = verified.province
            raw: Mapping[str, object] = {"sub": verified.user, "org": verified.org,
                                         "province": province}
        else:
            try:  # the province it names verifies it; here only where to send it
                raw = jwt.decode(token, options={"verify_signature": False})
            except jwt.InvalidTokenError:
                raise AccessRefused("a token is not a JWT") from None
            province = raw.get("province")  # type: ignore[assignment]
        if not isinstance(province, str) or not province:
            raise AccessRefused("a token names no province")
        if province in by_province:
            raise AccessRefused(f"two tokens for province {province}")
        by_province[province], claims[province] = token, raw
    if not by_province and central is None and any(
            reason != "ISSUER_UNREACHABLE" for _, reason in refused.values()):
        message, reason = next(iter(refused.values()))  # nothing usable: the request is refused
        raise AccessRefused(message, reason)
    return Credentials(by_province, central, claims, refused)


def _unverified_province(token: str) -> str | None:
    try:
        raw = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError:
        return None
    province = raw.get("province") or raw.get("iss")
    return province if isinstance(province, str) and province else None
