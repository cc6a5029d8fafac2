"""Which token goes to which province: the one place the federation decides who may ask what.

Until tokens are signed asymmetrically (EdDSA with published JWKS), a province token is an HS256
JWT only its own deployment can verify. So the federation verifies nothing itself: it reads each
token's `province` claim and forwards the token to that province only, which verifies it as it
does any request. A caller holding tokens of several provinces sends them together
(`Authorization: Bearer <token NB>,<token HN>`); a province without a token is answered with an
UNAUTHENTICATED error naming it, never sent another province's token, so no personal data
crosses provinces through the federation.

A verifier of central tokens (the central organisation commission's, trusted by every province)
plugs in here: `Credentials(tokens, verifier=...)`, where `verifier.central(token)` says whether
a token is trusted for aggregates across every province.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

import jwt


class AccessRefused(Exception):
    """No usable token at all: the HTTP layer answers 401."""


class CentralVerifier(Protocol):
    def central(self, token: str) -> bool:
        """True when the token is a verified central token that every province accepts."""
        ...


@dataclass(frozen=True)
class Credentials:
    by_province: Mapping[str, str]  # province code -> the token forwarded there
    central: str | None = None  # a verified central token: forwarded to every province
    claims: Mapping[str, Mapping[str, object]] = field(default_factory=dict)  # unverified

    def token_for(self, province: str) -> str | None:
        return self.by_province.get(province) or self.central

    def subject(self) -> str:
        """Who is asking, as the tokens claim it (the audit also keeps what each province
        verified)."""
        subjects = sorted({str(c.get("sub")) for c in self.claims.values()})
        return ",".join(subjects)


def credentials(authorization: str | None, verifier: CentralVerifier | None = None) -> Credentials:
    scheme, _, rest = (authorization or "").partition(" ")
    tokens = [t.strip() for t in rest.split(",") if t.strip()]
    if scheme.lower() != "bearer" or not tokens:
        raise AccessRefused("send an Authorization: Bearer <token>[,<token of another province>]"
                            " header")
    by_province: dict[str, str] = {}
    claims: dict[str, Mapping[str, object]] = {}
    central = None
    for token in tokens:
        if verifier is not None and verifier.central(token):
            central = token
            continue
        try:  # the province it names verifies it; here only where to send it
            raw = jwt.decode(token, options={"verify_signature": False})
        except jwt.InvalidTokenError:
            raise AccessRefused("a token is not a JWT") from None
        province = raw.get("province")
        if not isinstance(province, str) or not province:
            raise AccessRefused("a token names no province")
        if province in by_province:
            raise AccessRefused(f"two tokens for province {province}")
        by_province[province], claims[province] = token, raw
    return Credentials(by_province, central, claims)
