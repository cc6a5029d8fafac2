"""Where a service's personal data is sealed (kit/shredding.py): its key store beside its event
store, in the same database (SQLite file, PostgreSQL schema, memory log), and the projections
of every service reading its events handed them opened.

KurrentDB keeps no key store of its own (its streams are deleted by scavenging, later and
wholesale): a service on it is given a SQL key store beside it, by `keys=`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kit.clock import Clock
from kit.declaration import ServiceDeclaration
from kit.memory.keys import MemoryKeyStore
from kit.memory.store import InMemoryEventStore
from kit.shredding import Keyring, KeyStore, SealedStore, Sealer, load_kek, sealed_store
from kit.sqlite.keys import SqliteKeyStore
from kit.sqlite.store import SqliteEventStore
from kit.store import EventStore

KEK_FILE = "data.kek"  # beside the signing key: var/keys/


def keys_beside(store: EventStore) -> KeyStore:
    """A key store in the database of `store`."""
    if isinstance(store, SqliteEventStore):
        return SqliteKeyStore(store)
    if isinstance(store, InMemoryEventStore):  # one per log: a reopened store finds its keys
        return store.log.__dict__.setdefault("personal_keys", MemoryKeyStore())
    from kit.postgres.store import PostgresEventStore

    if isinstance(store, PostgresEventStore):
        from kit.postgres.keys import PgKeyStore

        return PgKeyStore.beside(store)
    raise TypeError(f"no key store beside {type(store).__name__}: pass one")


def kek_path(data_dir: str | Path | None = None) -> Path:
    """The key-encryption key's file: <data>/keys/data.kek embedded, PARTYORG_DATA_KEK_FILE
    (var/keys/data.kek) distributed; PARTYORG_DATA_KEK, when set, is used instead of either."""
    if data_dir is not None:
        return Path(data_dir) / "keys" / KEK_FILE
    return Path(os.environ.get("PARTYORG_DATA_KEK_FILE", f"var/keys/{KEK_FILE}"))


def seal(declaration: ServiceDeclaration, store: EventStore, kek_file: str | Path,
         clock: Clock | None = None, keys: KeyStore | None = None) -> EventStore:
    """The service's store, sealing the personal fields its wire table declares (none: the
    store itself, unchanged)."""
    personal = declaration.codec.personal()
    if not personal:
        return store
    return sealed_store(store, personal, keys or keys_beside(store), load_kek(kek_file), clock)


def topic_sealers(declaration: ServiceDeclaration, settings: Any) -> list[Sealer]:
    """For a consumer of the service's topic and the topics it follows: a sealer for each of
    those services that declares personal data, on its key store in its PostgreSQL schema
    (the service's own from `settings`, a followed one's from the environment)."""
    from kit.postgres.keys import PgKeyStore

    from .distributed import Settings
    from .services import SERVICES

    named = {d.name: d for d in SERVICES}
    named[declaration.name] = declaration
    out = []
    for d in (declaration, *(named[n] for n in declaration.follows)):
        personal = d.codec.personal()
        if personal:
            schema = (settings if d is declaration else Settings.for_service(d)).store_schema
            keys = PgKeyStore(settings.pg_dsn, schema)
            out.append(Sealer(personal, Keyring(keys, load_kek(kek_path()))))
    return out


def sealers(stores: Sequence[Any]) -> list[Sealer]:
    """The sealers of those stores that seal: what a reader of their events opens them with."""
    return [s.sealer for s in stores if isinstance(s, SealedStore)]
