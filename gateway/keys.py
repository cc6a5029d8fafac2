"""A deployment's signing keys: Ed25519 key pairs, the newest signing, the older ones still
accepted until their grace period ends; published as a JWKS document (RFC 7517, OKP keys of
RFC 8037) for whoever verifies the deployment's tokens without holding any secret.

The key set is one JSON file (the path the deployment always had, `var/keys/signing.key`),
readable by its owner only (0600), replaced whole and atomically on every change:

    {"format": "partyorg-keys/1", "keys": [
      {"kid": "<RFC 7638 thumbprint>", "kty": "OKP", "crv": "Ed25519", "x": "…", "d": "…",
       "created": 1764720000, "retire_at": null}, …]}

- the signing key is the newest key with no `retire_at`;
- `rotate` adds a new signing key and gives every other key a `retire_at` (now + grace): tokens
  signed with them stay valid until then, then are refused (RetiredKey);
- `retire` ends a key's validity at once (a leaked key) and drops its private part.

A running gateway notices a change made by another process (`partyorg keys rotate`) by looking at
the file at most once a second, and at once when a token names a kid it does not know.
A file of raw bytes is the HS256 secret of before: it is replaced by a new key set once
(`migrate=True`, the default), and the tokens it signed are refused from then on (LegacyToken).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from jwt.algorithms import OKPAlgorithm

from .token_errors import RetiredKey, UnknownKey

log = logging.getLogger("partyorg.gateway.keys")
FORMAT = "partyorg-keys/1"
ALGORITHM = "EdDSA"
DEFAULT_GRACE_HOURS = 24.0  # longer than the 12 h a token lives by default


def thumbprint(jwk: dict[str, Any]) -> str:
    """RFC 7638: base64url(SHA-256 of the required members, sorted, no whitespace)."""
    members = json.dumps({k: jwk[k] for k in ("crv", "kty", "x")}, separators=(",", ":"),
                         sort_keys=True)
    digest = hashlib.sha256(members.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@dataclass(frozen=True)
class Key:
    kid: str
    public: Ed25519PublicKey
    private: Ed25519PrivateKey | None  # None once retired
    created: int  # seconds since the epoch
    retire_at: int | None  # refused from then on; None: no end set

    @classmethod
    def generate(cls, now: float) -> Key:
        private = Ed25519PrivateKey.generate()
        kid = thumbprint(OKPAlgorithm.to_jwk(private.public_key(), as_dict=True))
        return cls(kid, private.public_key(), private, int(now), None)

    def retired(self, now: float) -> bool:
        return self.retire_at is not None and now >= self.retire_at

    def public_jwk(self) -> dict[str, Any]:
        return {**OKPAlgorithm.to_jwk(self.public, as_dict=True), "kid": self.kid, "use": "sig",
                "alg": ALGORITHM}

    def to_json(self) -> dict[str, Any]:
        jwk = OKPAlgorithm.to_jwk(self.private or self.public, as_dict=True)
        return {"kid": self.kid, **jwk, "created": self.created, "retire_at": self.retire_at}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Key:
        key = OKPAlgorithm.from_jwk(data)
        private = key if isinstance(key, Ed25519PrivateKey) else None
        public = private.public_key() if private else key
        if not isinstance(public, Ed25519PublicKey):
            raise ValueError(f"key {data.get('kid')} is not an Ed25519 key")
        return cls(data["kid"], public, private, int(data["created"]), data.get("retire_at"))


class KeySet:
    """The keys of one issuer: signs with the newest, verifies with any not yet retired.

    `path`: the file the keys live in (None: in memory only, for tests and in-process issuers);
    `check_every`: seconds between looks at the file for a change made by another process.
    """

    def __init__(self, keys: list[Key], path: Path | None = None, *,
                 clock: Callable[[], float] = time.time, check_every: float = 1.0) -> None:
        self.path = path
        self.clock = clock
        self.check_every = check_every
        self._keys = tuple(keys)
        self.version = 0  # counts the changes seen: what was verified before one is checked again
        self._seen = _stat(path)
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    @classmethod
    def generate(cls, *, clock: Callable[[], float] = time.time) -> KeySet:
        """A new key set in memory (a test's, or an in-process issuer's)."""
        return cls([Key.generate(clock())], clock=clock)

    @property
    def keys(self) -> tuple[Key, ...]:
        return self._keys

    @property
    def signing(self) -> Key:
        for key in reversed(self._keys):
            if key.retire_at is None and key.private is not None:
                return key
        raise ValueError(f"no signing key in {self.path or 'the key set'}: "
                         "`partyorg keys rotate` adds one")

    def verification_key(self, kid: str) -> tuple[Ed25519PublicKey, int | None]:
        """The public key a token naming `kid` is checked with, and when it stops being
        accepted; UnknownKey or RetiredKey otherwise."""
        key = self._find(kid)
        if key is None and self.refresh(force=True):
            key = self._find(kid)
        if key is None:
            raise UnknownKey(f"the token's key {kid!r} is not one of this issuer's keys")
        if key.retired(self.clock()):
            raise RetiredKey(f"the token's key {kid!r} was retired: ask for a new token")
        return key.public, key.retire_at

    def _find(self, kid: str) -> Key | None:
        return next((key for key in self._keys if key.kid == kid), None)

    def jwks(self) -> dict[str, Any]:
        """The public keys still accepted, as a JWKS document."""
        now = self.clock()
        return {"keys": [key.public_jwk() for key in self._keys if not key.retired(now)]}

    # -- keeping up with the file ----------------------------------------------------------------

    def refresh(self, force: bool = False) -> bool:
        """Reload the keys if another process changed the file; True if they changed."""
        if self.path is None:
            return False
        if not force and time.monotonic() - self._checked < self.check_every:
            return False
        with self._lock:
            self._checked = time.monotonic()
            seen = _stat(self.path)
            if seen == self._seen:
                return False
            self._keys = tuple(_read(self.path))
            self._seen = seen
            self.version += 1
            log.info("signing keys reloaded", extra={"path": str(self.path),
                                                     "kids": [k.kid for k in self._keys]})
            return True

    # -- changes (`partyorg keys`) -----------------------------------------------------------------

    def rotate(self, grace_hours: float = DEFAULT_GRACE_HOURS) -> Key:
        """A new signing key; the others stay accepted for `grace_hours`, then are refused."""
        def change(keys: list[Key], now: float) -> list[Key]:
            ends = int(now + grace_hours * 3600)
            kept = [replace(k, retire_at=min(k.retire_at or ends, ends)) for k in keys]
            return _drop_retired_secrets(kept, now) + [Key.generate(now)]
        return self._change(change)[-1]

    def retire(self, kid: str) -> Key:
        """Refuse the tokens of key `kid` (or of the one key whose kid starts so) from now on."""
        matches = [k for k in self._keys if k.kid.startswith(kid)]
        if len(matches) != 1:
            raise ValueError(f"{len(matches)} keys' kid starts with {kid!r}: name exactly one")
        if matches[0].kid == self.signing.kid:
            raise ValueError("that is the signing key: `partyorg keys rotate` first, then retire "
                             "it (with --grace-hours 0 to refuse its tokens at once)")

        def change(keys: list[Key], now: float) -> list[Key]:
            keys = [replace(k, retire_at=int(now)) if k.kid == matches[0].kid else k
                    for k in keys]
            return _drop_retired_secrets(keys, now)
        return next(k for k in self._change(change) if k.kid == matches[0].kid)

    def _change(self, change: Callable[[list[Key], float], list[Key]]) -> tuple[Key, ...]:
        if self.path is None:
            self._keys = tuple(change(list(self._keys), self.clock()))
            self.version += 1
            return self._keys
        with _locked(self.path):
            keys = change(_read(self.path), self.clock())
            _write(self.path, keys)
        self.refresh(force=True)
        return self._keys


def load_or_create_keys(path: str | Path, *, migrate: bool = True,
                        clock: Callable[[], float] = time.time) -> KeySet:
    """The key set in `path`; made (one signing key) if the file does not exist, or replaced if
    it holds the HS256 secret of before (unless `migrate` is False: ValueError then)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        if not path.exists():
            _write(path, [Key.generate(clock())])
        elif not _is_key_set(path):
            if not migrate:
                raise ValueError(f"{path} holds an HS256 secret (tokens before EdDSA): "
                                 f"`partyorg keys rotate --key {path}` makes it a key set")
            log.warning("the HS256 signing secret is replaced by an EdDSA key set; tokens it "
                        "signed are refused from now on", extra={"path": str(path)})
            _write(path, [Key.generate(clock())])
        elif path.stat().st_mode & 0o077:
            path.chmod(0o600)
    return KeySet(_read(path), path, clock=clock)


def jwks_endpoint(keys: KeySet) -> Callable[[Any], Any]:
    """A Starlette endpoint answering the key set's JWKS (mount at /.well-known/jwks.json)."""
    from starlette.responses import JSONResponse

    def jwks(request: Any) -> Any:
        keys.refresh()
        # short: a verifier also refetches at once when it meets a kid it does not know
        return JSONResponse(keys.jwks(), headers={"Cache-Control": "public, max-age=60"},
                            media_type="application/jwk-set+json")
    return jwks


def _drop_retired_secrets(keys: list[Key], now: float) -> list[Key]:
    return [replace(k, private=None) if k.retired(now) else k for k in keys]


def _is_key_set(path: Path) -> bool:
    try:
        return json.loads(path.read_bytes()).get("format") == FORMAT
    except (ValueError, AttributeError):
        return False


def _read(path: Path) -> list[Key]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path} is not a key set ({FORMAT})")
    return [Key.from_json(entry) for entry in data["keys"]]


def _write(path: Path, keys: list[Key]) -> None:
    """Write a private temporary file, then rename it into place: never a half-written key."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".keys-")  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"format": FORMAT, "keys": [k.to_json() for k in keys]}, f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _locked(path: Path):  # type: ignore[no-untyped-def]
    """One process at a time makes or changes the key set (a gateway, `partyorg token`, …)."""
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _stat(path: Path | None) -> tuple[int, int, int] | None:
    if path is None:
        return None
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)
