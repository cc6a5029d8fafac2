"""The crypto-shredding contract (kit/testing/shredding_contract.py) on every store adapter,
and what the codec and the repository do with events declared personal."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import date

import pytest

from kit.clock import FixedClock
from kit.codec import EventCodec
from kit.json_decode import decoder
from kit.memory.keys import MemoryKeyStore
from kit.memory.store import InMemoryEventStore, MemoryLog
from kit.personal import ERASED, Personal
from kit.shredding import KEK_ENV, load_kek
from kit.sqlite.keys import SqliteKeyStore
from kit.sqlite.store import SqliteEventStore
from kit.testing.leftovers import new_tag
from kit.testing.shredding_contract import ShreddingContract


class TestMemoryShredding(ShreddingContract):
    pytestmark = pytest.mark.unit

    @pytest.fixture
    def open_store(self):
        log = MemoryLog()
        return lambda: InMemoryEventStore(log=log)

    @pytest.fixture
    def keys_beside(self):
        keys: dict[int, MemoryKeyStore] = {}
        return lambda store: keys.setdefault(id(store.log), MemoryKeyStore())


class TestSqliteShredding(ShreddingContract):
    @pytest.fixture
    def open_store(self, tmp_path):
        return lambda: SqliteEventStore(tmp_path / "events.db")

    @pytest.fixture
    def keys_beside(self):
        return SqliteKeyStore


@pytest.mark.infra
class TestPostgresShredding(ShreddingContract):
    @pytest.fixture
    def open_store(self, pg_dsn):
        import psycopg

        from kit.postgres.store import PostgresEventStore

        schema = f"shred_{new_tag()}"
        yield lambda: PostgresEventStore(pg_dsn, schema=schema)
        with psycopg.connect(pg_dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")

    @pytest.fixture
    def keys_beside(self):
        from kit.postgres.keys import PgKeyStore

        return PgKeyStore.beside


@dataclass(frozen=True)
class Registered:
    who: str
    name: str
    born: date


@dataclass(frozen=True)
class Happened:
    who: str
    n: int


def test_a_personal_declaration_names_fields_the_event_has():
    with pytest.raises(ValueError, match="no field 'nmae'"):
        EventCodec([("t.Registered", 1, Registered, Personal("who", ("nmae",)))])
    with pytest.raises(ValueError, match="subject"):
        EventCodec([("t.Registered", 1, Registered, Personal("who", ("who", "name")))])
    with pytest.raises(ValueError, match="tuple"):
        EventCodec([("t.Registered", 1, Registered, Personal("who", "name"))])


def test_an_erased_field_decodes_as_erased_whatever_its_type():
    codec = EventCodec([("t.Registered", 1, Registered, Personal("who", ("name", "born"))),
                        ("t.Happened", 1, Happened)])
    event = codec.decode("t.Registered", 1, {"who": "p", "name": ERASED, "born": ERASED})
    assert event == Registered("p", ERASED, ERASED) and event.born is ERASED
    assert codec.decode("t.Registered", 1, {"who": "p", "name": "A", "born": "1990-01-02"}) \
        == Registered("p", "A", date(1990, 1, 2))
    assert codec.personal() == {"t.Registered": Personal("who", ("name", "born"))}


def test_events_without_personal_fields_take_the_codec_path_they_always_took():
    codec = EventCodec([("t.Registered", 1, Registered, Personal("who", ("name",))),
                        ("t.Happened", 1, Happened)])
    wire = codec.wire_of(Happened("p", 1))
    assert wire.personal is None  # decode goes straight to the class's compiled decoder
    assert codec.decode("t.Happened", 1, {"who": "p", "n": 1}) == decoder(Happened)(
        {"who": "p", "n": 1})
    assert codec.encode(Happened("p", 1)) == ("t.Happened", 1, {"who": "p", "n": 1})


def test_the_repository_keeps_no_personal_event_between_loads():
    from kit.aggregate import Aggregate
    from kit.envelope import Actor, CommandContext
    from kit.repository import Repository

    class Thing(Aggregate):
        stream_prefix = "thing"

        def apply(self, event: object) -> None:
            pass

    codec = EventCodec([("t.Registered", 1, Registered, Personal("who", ("name",))),
                        ("t.Happened", 1, Happened)])
    repo = Repository(InMemoryEventStore(), codec, FixedClock())
    personal, plain = Thing("a"), Thing("b")
    personal.record(Registered("a", "Mến", date(1990, 1, 2)))
    plain.record(Happened("b", 1))
    repo.save([personal, plain], CommandContext("c-1", "NB", Actor("u", "r")))
    assert set(repo._decoded) == {"thing-b"}


def test_the_key_encryption_key_comes_from_the_environment_or_a_private_file(tmp_path):
    path = tmp_path / "keys" / "data.kek"
    made = load_kek(path, env={})
    assert len(made) == 32 and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_kek(path, env={}) == made
    import base64

    given = bytes(range(32))
    assert load_kek(path, env={KEK_ENV: base64.b64encode(given).decode()}) == given
    with pytest.raises(ValueError, match="32 bytes"):
        load_kek(None, env={KEK_ENV: base64.b64encode(b"short").decode()})


def test_processes_making_the_key_file_together_all_read_the_one_that_won(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "keys" / "data.kek"
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: load_kek(path, env={}), range(16)))
    assert len(keys) == 1 and sorted(p.name for p in path.parent.iterdir()) == ["data.kek"]
