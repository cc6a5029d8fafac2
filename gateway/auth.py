"""Bearer tokens: who is asking, with which roles, acting for which organisation, issued by whom.

Tokens are JWTs signed with EdDSA (Ed25519) by the deployment's key set (gateway/keys.py); the
header names the signing key (`kid`), and the deployment publishes its public keys at
`/.well-known/jwks.json`, so anyone (the federation of provinces) verifies its tokens without
holding a secret. Claims:

- ``iss``: the issuer, the province deployment's code (``NB``), or ``central`` for the central
  organisation commission (gateway/trusted_issuers.py); ``province``: the province code of the
  deployment (a province's tokens only, equal to ``iss``);
- ``sub``: the user id; ``roles``: a list of role names; ``org``: the organisation the user acts
  for; ``organ`` (optional): the organ of that organisation the user acts as, the deciding body
  (``assembly``, ``committee``, ``standing_committee``, ``inspection_committee``,
  ``organisation_board``); ``exp`` / ``iat``: expiry and issue time.

A province's gateway accepts only tokens its own key set signed, issued by and for its province.
Each refusal is a typed AuthError (token_errors.py: ExpiredToken, InvalidToken, UnknownKey,
RetiredKey, UntrustedIssuer, WrongProvince; LegacyToken for an HS256 token of before the move to
EdDSA, refused: a deployment moves once, and its users ask for new tokens).

A decision (admission, transfer, discipline, ...) is taken by a body: a token without ``organ``
takes none; one with it takes only decisions of that body (org + organ), and only those the
rules give to that body.

Roles:

- ``organisation_commission`` (ban tổ chức): reads and changes membership records.
- ``viewer``: reads membership records; every mutation answers Forbidden.
- ``central_commission`` (Ban Tổ chức Trung ương, central tokens only): reads the federation's
  statistics across provinces, and no province's personal data.

Whatever the role, everything a token reads or changes is limited to the subtree of its ``org``
(that organisation and every organisation below it). A token with neither role reads nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt

from .keys import ALGORITHM, KeySet, load_or_create_keys
from .token_errors import (
    AuthError,
    ExpiredToken,
    InvalidToken,
    LegacyToken,
    MissingToken,
    UntrustedIssuer,
    WrongProvince,
)

ORGANISATION_COMMISSION = "organisation_commission"
VIEWER = "viewer"
ROLES = (ORGANISATION_COMMISSION, VIEWER)
CENTRAL = "central"  # the issuer of the central organisation commission's tokens
CENTRAL_COMMISSION = "central_commission"
load_or_create_key = load_or_create_keys  # the name its callers know: a key set now

__all__ = ["AuthError", "CENTRAL", "CENTRAL_COMMISSION", "Claims", "KeySet",
           "ORGANISATION_COMMISSION", "ROLES", "VIEWER", "VerifiedTokens", "bearer_token",
           "issue_central_token", "issue_token", "load_or_create_key", "load_or_create_keys",
           "verify_token"]


@dataclass(frozen=True)
class Claims:
    user: str
    roles: tuple[str, ...]
    org: str
    province: str  # "" for a central token
    organ: str | None = None  # the deciding body the user acts for, with `org`
    issuer: str = ""

    @property
    def can_read(self) -> bool:
        return any(role in ROLES for role in self.roles)

    @property
    def can_write(self) -> bool:
        return ORGANISATION_COMMISSION in self.roles

    @property
    def central(self) -> bool:
        return self.issuer == CENTRAL

    @property
    def role(self) -> str:
        """The role recorded on events as the actor's: the most capable one held."""
        for role in ROLES:
            if role in self.roles:
                return role
        return self.roles[0] if self.roles else ""


def issue_token(keys: KeySet, *, user: str, roles: list[str] | tuple[str, ...], org: str,
                province: str, ttl_hours: float = 12, organ: str | None = None) -> str:
    """A province's token, issued by the province (`iss` = `province`), signed with the key
    set's signing key (its `kid` in the header)."""
    claims: dict[str, Any] = {"iss": province, "province": province, "org": org}
    if organ:
        claims["organ"] = organ
    return _sign(keys, claims, user, roles, ttl_hours)


def issue_central_token(keys: KeySet, *, user: str,
                        roles: list[str] | tuple[str, ...] = (CENTRAL_COMMISSION,),
                        ttl_hours: float = 12) -> str:
    """A token of the central organisation commission: `iss` = central, no province."""
    return _sign(keys, {"iss": CENTRAL, "org": CENTRAL}, user, roles, ttl_hours)


def _sign(keys: KeySet, claims: dict[str, Any], user: str, roles: list[str] | tuple[str, ...],
          ttl_hours: float) -> str:
    if not isinstance(keys, KeySet):
        raise TypeError("tokens are signed with a KeySet (gateway.keys), not a shared secret")
    now = int(time.time())
    signing = keys.signing
    return jwt.encode({"sub": user, "roles": list(roles), **claims, "iat": now,
                       "exp": now + int(ttl_hours * 3600)},
                      signing.private, algorithm=ALGORITHM, headers={"kid": signing.kid})


def verify_token(keys: KeySet, token: str, province: str) -> Claims:
    """The claims of a token of `province`, signed by `keys`; a typed AuthError otherwise."""
    return _verify(keys, token, province)[0]


def decode(token: str, key_for: Callable[[str], tuple[Any, int | None]],
           issuer: str | None = None) -> tuple[dict, float]:
    """The token's verified claims and until when they hold (its `exp`, or its key's retirement
    if sooner). `key_for(kid)`: the public key and its retirement, or an AuthError; `issuer`:
    the only issuer accepted (another is refused before its key is looked for)."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        raise InvalidToken("the token is not a JWT") from None
    alg, kid = header.get("alg"), header.get("kid")
    if isinstance(alg, str) and alg.startswith("HS"):
        raise LegacyToken("the token is signed with a shared secret (HS256), which this "
                          "deployment no longer accepts since it signs with EdDSA keys: "
                          "ask for a new token")
    if alg != ALGORITHM:
        raise InvalidToken(f"tokens here are signed with {ALGORITHM}, not {alg}")
    if not isinstance(kid, str) or not kid:
        raise InvalidToken("the token names no key (kid)")
    if issuer is not None:
        try:
            claimed = jwt.decode(token, options={"verify_signature": False}).get("iss")
        except jwt.InvalidTokenError:
            raise InvalidToken("the token is not a JWT") from None
        if claimed != issuer:
            raise UntrustedIssuer(f"the token was issued by {claimed}, not by this province "
                                  f"({issuer})")
    public, retire_at = key_for(kid)
    try:
        raw = jwt.decode(token, public, algorithms=[ALGORITHM],
                         options={"require": ["sub", "exp", "iat", "iss"]})
    except jwt.ExpiredSignatureError:
        raise ExpiredToken("the token has expired") from None
    except jwt.InvalidSignatureError:
        raise InvalidToken("the token's signature does not match its contents") from None
    except jwt.InvalidTokenError as exc:
        raise InvalidToken(f"the token is not valid: {exc}") from None
    if not isinstance(raw["iss"], str):
        raise InvalidToken("the token's issuer must be a name")
    until = float(raw["exp"]) if retire_at is None else float(min(raw["exp"], retire_at))
    return raw, until


def claims_of(raw: dict) -> Claims:
    """The claims of a verified token, checked for shape."""
    roles, org, user = raw.get("roles"), raw.get("org"), raw.get("sub")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise InvalidToken("the token's roles claim must be a list of role names")
    if not isinstance(org, str) or not org or not isinstance(user, str) or not user:
        raise InvalidToken("the token must name a user and an organisation")
    organ = raw.get("organ")
    if organ is not None and (not isinstance(organ, str) or not organ):
        raise InvalidToken("the token's organ claim must name an organ")
    province = raw.get("province", "")
    if raw["iss"] != CENTRAL and province != raw["iss"]:
        raise WrongProvince(f"the token issued by {raw['iss']} names another province "
                            f"({province!r})")
    return Claims(user=user, roles=tuple(roles), org=org, province=province, organ=organ,
                  issuer=raw["iss"])


def _verify(keys: KeySet, token: str, province: str) -> tuple[Claims, float]:
    """A token of this province: its claims and until when they hold."""
    raw, until = decode(token, keys.verification_key, issuer=province)
    return claims_of(raw), until


class VerifiedTokens:
    """verify_token with the tokens already verified remembered until they expire.

    A client sends the same token with every request; checking its signature and claims each
    time costs more than some queries. Only valid tokens are kept, at most `size` of them (the
    oldest go first), and one is answered from here only while the clock is before its `exp`
    (or its key's retirement, if sooner) and the key set has not changed since (a rotation or
    retirement by another process empties what was kept).
    """

    def __init__(self, keys: KeySet, province: str, size: int = 1024) -> None:
        self.keys = keys
        self.province = province
        self.size = size
        self._tokens: dict[str, tuple[Claims, float]] = {}
        self._version = keys.version
        self._lock = threading.Lock()

    def verify(self, token: str) -> Claims:
        self.keys.refresh()
        if self.keys.version != self._version:
            with self._lock:
                self._tokens.clear()
                self._version = self.keys.version
        known = self._tokens.get(token)
        if known is not None and time.time() < known[1]:
            return known[0]
        claims, until = _verify(self.keys, token, self.province)
        with self._lock:
            self._tokens.pop(token, None)
            while len(self._tokens) >= self.size:
                del self._tokens[next(iter(self._tokens))]
            self._tokens[token] = (claims, until)
        return claims


def bearer_token(authorization: str | None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise MissingToken("send an Authorization: Bearer <token> header")
    return token.strip()
