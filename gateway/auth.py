"""Bearer tokens: who is asking, with which roles, acting for which organisation.

Tokens are HS256 JWTs signed with the deployment's local key. Claims:

- ``sub``: the user id; ``roles``: a list of role names; ``org``: the organisation the user acts
  for; ``organ`` (optional): the organ of that organisation the user acts as, the deciding body
  (``assembly``, ``committee``, ``standing_committee``, ``inspection_committee``,
  ``organisation_board``); ``province``: the province code of the deployment; ``exp`` / ``iat``:
  expiry and issue time.

A decision (admission, transfer, discipline, ...) is taken by a body: a token without ``organ``
takes none; one with it takes only decisions of that body (org + organ), and only those the
rules give to that body.

Roles:

- ``organisation_commission`` (ban tổ chức): reads and changes membership records.
- ``viewer``: reads membership records; every mutation answers Forbidden.

Whatever the role, everything a token reads or changes is limited to the subtree of its ``org``
(that organisation and every organisation below it). A token with neither role reads nothing.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import jwt

ALGORITHM = "HS256"
ORGANISATION_COMMISSION = "organisation_commission"
VIEWER = "viewer"
ROLES = (ORGANISATION_COMMISSION, VIEWER)
KEY_BYTES = 32


class AuthError(Exception):
    """The request carries no usable token; the HTTP layer answers 401."""


@dataclass(frozen=True)
class Claims:
    user: str
    roles: tuple[str, ...]
    org: str
    province: str
    organ: str | None = None  # the deciding body the user acts for, with `org`

    @property
    def can_read(self) -> bool:
        return any(role in ROLES for role in self.roles)

    @property
    def can_write(self) -> bool:
        return ORGANISATION_COMMISSION in self.roles

    @property
    def role(self) -> str:
        """The role recorded on events as the actor's: the most capable one held."""
        for role in ROLES:
            if role in self.roles:
                return role
        return self.roles[0] if self.roles else ""


def issue_token(key: bytes, *, user: str, roles: list[str] | tuple[str, ...], org: str,
                province: str, ttl_hours: float = 12, organ: str | None = None) -> str:
    now = int(time.time())
    claims = {"sub": user, "roles": list(roles), "org": org, "province": province,
              "iat": now, "exp": now + int(ttl_hours * 3600)}
    if organ:
        claims["organ"] = organ
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def verify_token(key: bytes, token: str, province: str) -> Claims:
    return _verify(key, token, province)[0]


def _verify(key: bytes, token: str, province: str) -> tuple[Claims, int]:
    """The token's claims and its expiry (seconds since the epoch)."""
    try:
        raw = jwt.decode(token, key, algorithms=[ALGORITHM],
                         options={"require": ["sub", "exp", "iat"]})
    except jwt.ExpiredSignatureError:
        raise AuthError("the token has expired") from None
    except jwt.InvalidTokenError:
        raise AuthError("the token is not valid") from None
    roles, org, user = raw.get("roles"), raw.get("org"), raw.get("sub")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise AuthError("the token's roles claim must be a list of role names")
    if not isinstance(org, str) or not org or not isinstance(user, str) or not user:
        raise AuthError("the token must name a user and an organisation")
    if raw.get("province") != province:
        raise AuthError("the token was issued for another province")
    organ = raw.get("organ")
    if organ is not None and (not isinstance(organ, str) or not organ):
        raise AuthError("the token's organ claim must name an organ")
    return (Claims(user=user, roles=tuple(roles), org=org, province=province, organ=organ),
            int(raw["exp"]))


class VerifiedTokens:
    """verify_token with the tokens already verified remembered until they expire.

    A client sends the same token with every request; checking its signature and claims each
    time costs more than some queries. Only valid tokens are kept, at most `size` of them (the
    oldest go first), and one is answered from here only while the clock is before its `exp`,
    the moment jwt.decode would start refusing it (`iat` and signature cannot change).
    """

    def __init__(self, key: bytes, province: str, size: int = 1024) -> None:
        self.key = key
        self.province = province
        self.size = size
        self._tokens: dict[str, tuple[Claims, int]] = {}
        self._lock = threading.Lock()

    def verify(self, token: str) -> Claims:
        known = self._tokens.get(token)
        if known is not None and time.time() < known[1]:
            return known[0]
        claims, expires = _verify(self.key, token, self.province)
        with self._lock:
            self._tokens.pop(token, None)
            while len(self._tokens) >= self.size:
                del self._tokens[next(iter(self._tokens))]
            self._tokens[token] = (claims, expires)
        return claims


def bearer_token(authorization: str | None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("send an Authorization: Bearer <token> header")
    return token.strip()


def load_or_create_key(path: str | Path) -> bytes:
    """The local signing key: read it, or create 32 random bytes readable by the owner only."""
    path = Path(path)
    if path.exists():
        key = path.read_bytes()
        if len(key) < KEY_BYTES:
            raise ValueError(f"signing key {path} is shorter than {KEY_BYTES} bytes")
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    # write a private temporary file, then link it into place: never a half-written key
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(KEY_BYTES))
        with contextlib.suppress(FileExistsError):  # another process made one first: use it
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
    return load_or_create_key(path)
