"""Crypto-shredding end to end, on every event store: the throwaway `people` service
(tests/new_service/people) declares a person's name and birth date personal in its wire table.
They are stored and published sealed with that person's key; read back opened; and once the key
is shredded they read as ERASED in the aggregate, the read model (live and rebuilt) and the
published log, while the rest of the log replays as before."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from people.declaration import DECLARATION as PEOPLE
from people.domain import ForgetPerson, Person, PersonRegistered, RegisterPerson, RenamePerson

from kit.clock import FixedClock
from kit.envelope import Actor, CommandContext
from kit.memory.store import InMemoryEventStore
from kit.personal import ERASED, is_erased
from kit.shredding import SEALED, SealedStore, shred, unsealed
from kit.testing.leftovers import new_tag
from kit.testing.services import require_env
from partyorg.embedded import build_service

HOA, HUNG = "Nguyễn Thị Hoà", "Trần Văn Hùng"
HOA_BORN, HUNG_BORN = date(1979, 11, 23), date(1985, 2, 14)
CLERK = Actor("clerk-1", "organisation_commission")


def context() -> CommandContext:
    return CommandContext(str(uuid.uuid4()), "NB", CLERK)


@pytest.fixture(params=["sqlite", "memory", pytest.param("postgres", marks=pytest.mark.infra)])
def world(request, tmp_path):
    """(the embedded people service, a function giving every byte its store holds)."""
    clock = FixedClock()
    clock.set_today(date(2026, 12, 3))
    if request.param == "sqlite":
        service = build_service(PEOPLE, tmp_path, clock=clock)
        files = [Path(f"{tmp_path}/people-events.db{end}") for end in ("", "-wal")]
        yield service, lambda: b"".join(f.read_bytes() for f in files if f.exists())
        service.close()
    elif request.param == "memory":
        store = InMemoryEventStore(clock)
        service = build_service(PEOPLE, tmp_path, clock=clock, store=store)
        yield service, lambda: repr(store.log.events).encode() + b"".join(
            k for k in store.log.personal_keys._keys.values() if k)
        service.close()
    else:
        import psycopg

        from kit.postgres.readmodel import PgReadModelDb
        from kit.postgres.store import PostgresEventStore

        dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
        schema, read = f"people_{new_tag()}", f"people_read_{new_tag()}"
        service = build_service(PEOPLE, tmp_path, clock=clock,
                                store=PostgresEventStore(dsn, schema, clock=clock),
                                read_db=PgReadModelDb(dsn, read))

        def stored() -> bytes:
            with psycopg.connect(dsn) as conn:
                events = conn.execute(f"SELECT data::text FROM {schema}.events").fetchall()
                keys = conn.execute(f"SELECT wrapped FROM {schema}.personal_keys").fetchall()
            return repr(events).encode() + b"".join(bytes(k) for (k,) in keys if k)

        yield service, stored
        service.close()
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            conn.execute(f"DROP SCHEMA IF EXISTS {read} CASCADE")


def register(service, name: str, born: date) -> str:
    person = str(uuid.uuid4())
    service.service.execute(RegisterPerson(person, name, born, "Chi bộ thôn Kênh"), context())
    return person


def load(service, person: str) -> Person:
    return service.service.repo.load(Person, person)


def test_personal_fields_read_back_opened_and_are_never_stored_in_the_clear(world):
    service, stored = world
    hoa = register(service, HOA, HOA_BORN)
    service.service.execute(RenamePerson(hoa, "Nguyễn Thị Hoà Bình"), context())
    assert isinstance(service.store, SealedStore)
    person = load(service, hoa)
    assert (person.full_name, person.birth_date) == ("Nguyễn Thị Hoà Bình", HOA_BORN)
    service.settle()
    assert service.queries.person(hoa)["full_name"] == "Nguyễn Thị Hoà Bình"
    raw = stored()
    for plain in (HOA, "Hoà Bình", HOA_BORN.isoformat()):
        assert plain.encode() not in raw and plain.encode("unicode_escape") not in raw
    assert "Chi bộ thôn Kênh".encode() in raw or b"Chi b\\u1ed9" in raw  # the rest stays plain
    published = unsealed(service.store).read_stream(Person.stream_id_for(hoa))
    assert published[0].data["full_name"].startswith(SEALED)
    assert published[0].data["branch"] == "Chi bộ thôn Kênh"


def test_a_forgotten_person_reads_erased_everywhere_and_the_log_still_replays(world):
    service, stored = world
    hoa, hung = register(service, HOA, HOA_BORN), register(service, HUNG, HUNG_BORN)
    service.service.execute(RenamePerson(hoa, "Nguyễn Thị Hoà Bình"), context())
    service.settle()
    service.service.execute(ForgetPerson(hoa, "the member asked to be forgotten"), context())

    person = load(service, hoa)  # the aggregate still loads: only her fields are gone
    assert person.full_name is ERASED and person.birth_date is ERASED
    assert (person.branch, person.renamed, person.forgotten) == ("Chi bộ thôn Kênh", 1, True)
    assert load(service, hung).full_name == HUNG
    service.settle()
    row = service.queries.person(hoa)
    assert (row["full_name"], row["birth_date"], row["forgotten"]) == (None, None, 1)

    service.runner.rebuild()
    rebuilt = service.queries.person(hoa)
    assert (rebuilt["full_name"], rebuilt["birth_date"], rebuilt["branch"]) == (
        None, None, "Chi bộ thôn Kênh")
    assert service.queries.person(hung)["full_name"] == HUNG

    as_published = unsealed(service.store).read_stream(Person.stream_id_for(hoa))
    opened = service.store.sealer.open(as_published)  # what a consumer of the topic gets
    assert [e.data.get("full_name") for e in opened] == [ERASED, ERASED, None]
    assert all(is_erased(e.data["birth_date"]) for e in opened[:1])

    audit = service.store.sealer.keyring.shredding(hoa)
    assert (audit.shredded_by, audit.reason) == ("clerk-1", "the member asked to be forgotten")
    assert HOA.encode() not in stored()


def test_a_rebuild_after_a_bare_shred_reads_erased_from_the_log_alone(world):
    """No event announced it: the erasure comes from the key being gone, not from a handler."""
    service, _ = world
    hoa, hung = register(service, HOA, HOA_BORN), register(service, HUNG, HUNG_BORN)
    service.settle()
    assert shred(service.store, hoa, by="operator", reason="court order") is True
    assert shred(service.store, hoa, by="operator", reason="again") is False  # recorded once
    service.runner.rebuild()
    assert service.queries.person(hoa)["full_name"] is None
    assert service.queries.person(hoa)["forgotten"] == 0
    assert service.queries.person(hung)["full_name"] == HUNG
    assert service.store.sealer.keyring.shredding(hoa).reason == "court order"


def test_a_shredded_key_cannot_be_had_back_from_the_key_store(world):
    service, stored = world
    hoa = register(service, HOA, HOA_BORN)
    keys = service.store.sealer.keyring.keys
    (wrapped,) = keys.wrapped([hoa]).values()
    assert wrapped and wrapped in stored()
    service.service.execute(ForgetPerson(hoa, "asked"), context())
    assert keys.wrapped([hoa]) == {hoa: None}
    assert wrapped not in stored()  # not in the table, nor left in the file or its log
    # a later event of hers is stored erased: no new key is ever made for her
    assert keys.add(hoa, b"x" * 60, FixedClock().now()) is None
    assert keys.wrapped([hoa]) == {hoa: None}


def test_a_service_declaring_no_personal_data_is_not_wrapped(tmp_path):
    from notes.declaration import DECLARATION as NOTES

    from kit.sqlite.store import SqliteEventStore

    notes = build_service(NOTES, tmp_path)
    try:
        assert type(notes.store) is SqliteEventStore
        assert type(notes.runner.projections[0]).__name__ == "NotesWritten"
        assert not (tmp_path / "keys").exists()  # nor is a key-encryption key made for it
    finally:
        notes.close()


def test_the_published_contract_describes_a_personal_field_as_sealed(tmp_path):
    import importlib.util

    from jsonschema import Draft202012Validator

    spec = importlib.util.spec_from_file_location(
        "contracts_generate", Path(__file__).parents[2] / "contracts" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    service = build_service(PEOPLE, tmp_path)
    try:
        hoa = register(service, HOA, HOA_BORN)
        wire = PEOPLE.codec.wire_of(PersonRegistered(hoa, HOA, HOA_BORN, "b"))
        schema = generate.event_schema(wire)
        assert schema["properties"]["full_name"]["pattern"].startswith("^(sealed:v1:")
        assert schema["properties"]["branch"] == {"type": "string"}
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        (published,) = unsealed(service.store).read_stream(Person.stream_id_for(hoa))
        assert not list(validator.iter_errors(published.data))
        shred(service.store, hoa, by="operator", reason="asked")
        assert list(validator.iter_errors(service.store.read_stream(
            Person.stream_id_for(hoa))[0].data))  # opened, it is no longer the wire form
    finally:
        service.close()



def test_an_event_a_projection_cannot_apply_is_parked_sealed(world):
    service, _ = world
    person = str(uuid.uuid4())
    mark = "?" if service.read_db.dialect == "sqlite" else "%s"
    with service.read_db.transaction() as db:  # a row in the way: the projection's insert fails
        db.execute(f"INSERT INTO people (id, branch) VALUES ({mark}, {mark})", (person, "x"))
    service.service.execute(RegisterPerson(person, HOA, HOA_BORN, "Chi bộ thôn Kênh"), context())
    service.settle()
    (parked,) = [row["envelope"] for row in service.read_db.query(
        "SELECT envelope FROM dead_letters")]
    assert SEALED in parked and HOA not in parked and HOA_BORN.isoformat() not in parked
    with service.read_db.transaction() as db:  # the operator clears the way and replays
        db.execute(f"DELETE FROM people WHERE id = {mark}", (person,))
    assert service.runner.replay_dead_letters() == 1
    assert service.queries.person(person)["full_name"] == HOA  # opened on the way in


def test_a_service_following_the_people_reads_their_fields_opened_then_erased(tmp_path):
    """A follower's projection gets the followed service's events opened with that service's
    keys (its runner still reads them sealed), and erased once a key is shredded."""
    from dataclasses import replace

    from people.adapters import SQL
    from people.application import PeopleRegistered
    from people.declaration import DECLARATION
    from people.wire import CODEC

    class PeopleSeenElsewhere(PeopleRegistered):
        name = "people_seen_elsewhere"
        sources = ("people.events",)
        handlers = PeopleRegistered.handlers

    from kit.codec import EventCodec

    follower = replace(DECLARATION, name="roster", follows=("people",), codec=EventCodec(),
                       projections=lambda sources, dialect: [
                           PeopleSeenElsewhere(CODEC, SQL[dialect])])
    people = build_service(PEOPLE, tmp_path / "people")
    roster = build_service(follower, tmp_path / "roster", followed={"people": people.store})
    try:
        assert type(roster.store).__name__ == "SqliteEventStore"  # it declares nothing itself
        hoa = register(people, HOA, HOA_BORN)
        roster.runner.catch_up()
        assert roster.queries.person(hoa)["full_name"] == HOA
        shred(people.store, hoa, by="operator", reason="asked")
        roster.runner.rebuild()
        assert roster.queries.person(hoa)["full_name"] is None
    finally:
        roster.close()
        people.close()
