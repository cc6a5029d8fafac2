"""Crypto-shredding: a person's personal fields are stored encrypted with that person's own data
key, so destroying the key erases them from the log, the outbox and the published topic at once,
while every other field stays readable and the log stays replayable.

- The wire table declares which fields are personal and whose (kit.personal.Personal).
- A `SealedStore` wraps a service's event store: on append it encrypts those fields (AES-GCM,
  a random 96-bit nonce each time, the event id and field name as associated data, so a
  ciphertext cannot be moved to another event or field); on read it decrypts them, or puts
  ERASED where the key is gone. The relay reads the store it wraps (`.sealed`): the topic carries
  the ciphertext. A consumer of the topic opens what it receives with `Sealer.open`.
- A `Keyring` keeps one random 256-bit data key per subject in a key store beside the events
  (a table in the same database), each wrapped with a deployment key-encryption key (KEK), and
  destroys it on `shred`: the row keeps only the audit of who shredded it, when and why, and
  refuses a new key for that subject ever after (their later events are stored erased).

Only the declared fields of the declared events are touched: a service declaring none is never
wrapped. Data keys are not cached between calls: a key shredded by one process is gone for
every other at their next read.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Collection, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kit.clock import Clock, SystemClock
from kit.envelope import CommandContext, Envelope, NewEvent
from kit.personal import ERASED, Personal
from kit.store import AppendResult, EventStore, StreamAppend

SEALED = "sealed:v1:"  # a sealed field on the wire: the prefix, then base64(nonce + ciphertext)
SEALED_ERASED = "sealed:erased"  # written for a subject already shredded: nothing to decrypt
KEK_ENV = "PARTYORG_DATA_KEK"  # base64 of 32 bytes; else the key file the composition names


@dataclass(frozen=True)
class Shredding:
    """The audit of one shredding, kept where the key was (the key itself is gone)."""

    subject: str
    shredded_at: datetime
    shredded_by: str
    reason: str


class KeyStore(Protocol):
    """Wrapped data keys by subject, in the database of the events (kit/*/keys.py)."""

    def wrapped(self, subjects: Collection[str]) -> dict[str, bytes | None]:
        """Each known subject's wrapped key; None for a shredded one; unknown ones left out."""
        ...

    def add(self, subject: str, wrapped: bytes, at: datetime) -> bytes | None:
        """Store the key unless the subject has one (or was shredded): returns the key that
        stands (None if shredded)."""
        ...

    def destroy(self, subject: str, at: datetime, by: str, reason: str) -> bool:
        """Overwrite the key so nothing in the store can give it back, and keep the audit; a
        subject without a key gets the audit too (no key will be made for it). False when it
        was shredded before (the first audit stays)."""
        ...

    def shredding(self, subject: str) -> Shredding | None: ...

    def close(self) -> None: ...


def load_kek(path: str | Path | None, env: Mapping[str, str] | None = None) -> bytes:
    """The key-encryption key: from PARTYORG_DATA_KEK, else the file at `path`, made on first use
    (mode 0600). Lose it and every person's data is lost: back it up apart from the database."""
    env = os.environ if env is None else env
    if env.get(KEK_ENV):
        kek = base64.b64decode(env[KEK_ENV])
    elif path is None:
        raise ValueError(f"set {KEK_ENV} or name a key file")
    else:
        file = Path(path)
        if not file.exists():
            _make_key_file(file)
        kek = base64.b64decode(file.read_text().strip())
    if len(kek) != 32:
        raise ValueError("the key-encryption key must be 32 bytes")
    return kek


def _make_key_file(file: Path) -> None:
    """Written whole beside it, then linked into place: processes starting together all read
    the one that won, never a half-written file."""
    file.parent.mkdir(parents=True, exist_ok=True)
    draft = file.with_name(f".{file.name}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w") as out:
            out.write(base64.b64encode(AESGCM.generate_key(256)).decode())
        os.link(draft, file)
    except FileExistsError:
        pass  # another process made it first: theirs stands
    finally:
        draft.unlink(missing_ok=True)


class Keyring:
    """Data keys by subject: made on first use, wrapped with the KEK, destroyed on shred."""

    def __init__(self, keys: KeyStore, kek: bytes, clock: Clock | None = None) -> None:
        self.keys = keys
        self._kek = AESGCM(kek)
        self._clock = clock or SystemClock()

    def _wrap(self, subject: str, key: bytes) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._kek.encrypt(nonce, key, subject.encode())

    def _unwrap(self, subject: str, wrapped: bytes) -> bytes:
        return self._kek.decrypt(wrapped[:12], wrapped[12:], subject.encode())

    def keys_for(self, subjects: Collection[str], create: bool = False) -> dict[str, bytes | None]:
        """Each subject's data key, None for a shredded one; one without is made if `create`,
        else left out."""
        found = self.keys.wrapped(set(subjects))
        out: dict[str, bytes | None] = {}
        for subject in subjects:
            if subject not in found and create:
                found[subject] = self.keys.add(
                    subject, self._wrap(subject, AESGCM.generate_key(256)), self._clock.now())
            if subject in found:
                wrapped = found[subject]
                out[subject] = None if wrapped is None else self._unwrap(subject, wrapped)
        return out

    def shred(self, subject: str, by: str, reason: str) -> bool:
        """Destroy the subject's key: their personal fields read as ERASED from now on,
        everywhere. Recorded (who, when, why) in the key store; False if shredded before."""
        return self.keys.destroy(subject, self._clock.now(), by, reason)

    def shredding(self, subject: str) -> Shredding | None:
        return self.keys.shredding(subject)


def _aad(event_id: str, field: str) -> bytes:
    return f"{event_id}\x1f{field}".encode()


class Sealer:
    """Seals and opens the personal fields of events, by wire name (a codec's `personal()`)."""

    def __init__(self, personal: Mapping[str, Personal], keyring: Keyring) -> None:
        self.personal = dict(personal)
        self.keyring = keyring

    def seal(self, events: Sequence[NewEvent]) -> list[NewEvent]:
        subjects = {str(e.data[p.subject]) for e in events
                    if (p := self.personal.get(e.type)) is not None}
        if not subjects:
            return list(events)
        keys = self.keyring.keys_for(subjects, create=True)
        out = []
        for e in events:
            p = self.personal.get(e.type)
            if p is None:
                out.append(e)
                continue
            key = keys[str(e.data[p.subject])]
            data = dict(e.data)
            for f in p.fields:
                if f in data:
                    data[f] = SEALED_ERASED if key is None else _seal(key, e.event_id, f, data[f])
            out.append(replace(e, data=data))
        return out

    def open(self, envelopes: Sequence[Envelope]) -> list[Envelope]:
        """The envelopes with their personal fields decrypted, or ERASED where the key is gone
        (or the ciphertext does not belong to that event and field)."""
        personal = self.personal
        subjects = {str(e.data[p.subject]) for e in envelopes
                    if (p := personal.get(e.type)) is not None}
        if not subjects:
            return list(envelopes)
        keys = self.keyring.keys_for(subjects)
        unknown = sorted(s for s in subjects if s not in keys)
        if unknown:  # not shredded: never known here, the wrong key store (a misconfiguration)
            raise LookupError(f"no data key for {unknown[0]!r} in this key store")
        out = []
        for e in envelopes:
            p = personal.get(e.type)
            if p is None:
                out.append(e)
                continue
            key = keys[str(e.data[p.subject])]
            data = dict(e.data)
            for f in p.fields:
                if f in data:
                    data[f] = _open(key, e.event_id, f, data[f])
            out.append(replace(e, data=data))
        return out


def _seal(key: bytes, event_id: str, field: str, value: Any) -> str:
    nonce = os.urandom(12)
    plain = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return SEALED + base64.b64encode(nonce + AESGCM(key).encrypt(nonce, plain,
                                                                 _aad(event_id, field))).decode()


def _open(key: bytes | None, event_id: str, field: str, value: Any) -> Any:
    if not isinstance(value, str) or not value.startswith("sealed:"):
        return value  # stored before the field was declared personal
    if key is None or not value.startswith(SEALED):
        return ERASED
    raw = base64.b64decode(value[len(SEALED):])
    try:
        plain = AESGCM(key).decrypt(raw[:12], raw[12:], _aad(event_id, field))
    except InvalidTag:  # moved from another event or field, or tampered with
        return ERASED
    return json.loads(plain)


class SealedStore:
    """An event store whose events' personal fields are sealed on append and opened on read.
    `.sealed` is the store it wraps, as stored: what the relay publishes."""

    def __init__(self, store: EventStore, sealer: Sealer) -> None:
        self.sealed = store
        self.sealer = sealer

    def append(self, appends: Sequence[StreamAppend], context: CommandContext,
               payload_hash: str = "") -> AppendResult:
        sealed = [replace(a, events=self.sealer.seal(a.events)) if a.events else a
                  for a in appends]
        return self.sealed.append(sealed, context, payload_hash)

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[Envelope]:
        return self.sealer.open(self.sealed.read_stream(stream_id, from_version))

    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[Envelope]:
        return self.sealer.open(self.sealed.read_all(after_position, limit))

    def batch(self) -> AbstractContextManager[None]:
        return self.sealed.batch()

    def shred(self, subject: str, by: str, reason: str) -> bool:
        return self.sealer.keyring.shred(subject, by, reason)

    def close(self) -> None:
        self.sealed.close()
        self.sealer.keyring.keys.close()

    def __getattr__(self, name: str) -> Any:  # the rest of the port (and adapter extras)
        return getattr(self.sealed, name)


def sealed_store(store: EventStore, personal: Mapping[str, Personal], keys: KeyStore,
                 kek: bytes, clock: Clock | None = None) -> EventStore:
    """The store sealing the declared personal fields; the store itself when none is declared
    (its events pay nothing)."""
    if not personal:
        return store
    return SealedStore(store, Sealer(personal, Keyring(keys, kek, clock)))


def shred(store: Any, subject: str, by: str, reason: str) -> bool:
    """Destroy `subject`'s key in the store's key store (a handler passes its repository's
    store). Refuses a store that seals nothing: there would be nothing to shred."""
    if not isinstance(store, SealedStore):
        raise TypeError("this store seals no personal data: declare the personal fields in the "
                        "service's wire table")
    return store.shred(subject, by, reason)


def unsealed(store: Any) -> Any:
    """The store as stored (sealed fields left sealed): what a relay or a runner reads."""
    return store.sealed if isinstance(store, SealedStore) else store
