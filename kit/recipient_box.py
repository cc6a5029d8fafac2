"""Data sealed for one recipient deployment: HPKE (RFC 9180: X25519, HKDF-SHA256,
ChaCha20-Poly1305, as `cryptography` implements it), so a deployment sends another what only
the other can read, with no secret shared between them: the sender holds the recipient's public
key, the recipient its private key (a file readable by its owner only).

A sealed text is "hpke1." + base64url(encapsulated key + ciphertext); `info` binds it to what it
is (a sealed dossier opened as anything else fails).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

PREFIX = "hpke1."
_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


class UnreadableSealedData(ValueError):
    """Sealed for another key, altered, or not sealed text at all."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_key_text(key: X25519PublicKey) -> str:
    """The public key as base64url of its 32 raw bytes: what a deployment publishes."""
    return _b64(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def public_key_of(text: str) -> X25519PublicKey:
    try:
        return X25519PublicKey.from_public_bytes(_unb64(text))
    except ValueError as exc:
        raise ValueError(f"not an X25519 public key: {text[:12]}…") from exc


def seal(plaintext: bytes, recipient: X25519PublicKey, info: bytes) -> str:
    return PREFIX + _b64(_SUITE.encrypt(plaintext, recipient, info=info))


def open_sealed(text: str, key: X25519PrivateKey, info: bytes) -> bytes:
    if not text.startswith(PREFIX):
        raise UnreadableSealedData("not sealed data")
    try:
        return _SUITE.decrypt(_unb64(text[len(PREFIX):]), key, info=info)
    except (InvalidTag, ValueError) as exc:
        raise UnreadableSealedData("sealed for another key, or altered") from exc


def load_or_create_private_key(path: str | Path) -> X25519PrivateKey:
    """The private key in `path` (raw 32 bytes), made (0600) on first use."""
    path = Path(path)
    if path.exists():
        return X25519PrivateKey.from_private_bytes(path.read_bytes())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = X25519PrivateKey.generate()
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: theirs is the key
        return X25519PrivateKey.from_private_bytes(path.read_bytes())
    with os.fdopen(fd, "wb") as f:
        f.write(raw)
    return key
