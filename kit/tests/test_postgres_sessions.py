"""The PostgreSQL adapters whatever the database's defaults, when a caller catches an error the
server raised inside a transaction, and when processes create the same schema at once."""

from __future__ import annotations

import threading

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from kit.errors import ConcurrencyConflict
from kit.store import NO_STREAM, StreamAppend, TransactionLost
from kit.testing.leftovers import new_tag
from kit.testing.store_contract import ctx, event, stream


@pytest.fixture
def store_in(pg_dsn):
    from kit.postgres.store import PostgresEventStore

    schema = f"sessions_{new_tag()}"
    opened = []

    def open_store(dsn: str = pg_dsn) -> PostgresEventStore:
        opened.append(PostgresEventStore(dsn, schema))
        return opened[-1]

    yield open_store
    for s in opened:
        s.close()
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def repeatable_read_db(pg_dsn):
    """A database whose every session defaults to REPEATABLE READ."""
    name = f"partyorg_rr_{new_tag()}"
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
        conn.execute(f"ALTER DATABASE {name} SET default_transaction_isolation "
                     "TO 'repeatable read'")
    yield make_conninfo(**{**conninfo_to_dict(pg_dsn), "dbname": name})
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_database_defaulting_to_repeatable_read_still_gets_conflicts_not_key_errors(
        store_in, repeatable_read_db):
    """Appends read the streams' versions after the writers' lock is granted: each statement
    needs a snapshot of its own, whatever the database's default isolation."""
    first, second = store_in(repeatable_read_db), store_in(repeatable_read_db)
    assert first._conn.execute("SHOW transaction_isolation").fetchone()[0] == "read committed"
    sid = stream()
    first.append([StreamAppend(sid, NO_STREAM, [event(0)])], ctx())
    refused: list[BaseException] = []
    waiting = threading.Event()

    def behind() -> None:
        waiting.set()
        try:  # expects version 1, waits for the lock, then finds version 2
            second.append([StreamAppend(sid, 1, [event(2)])], ctx())
        except Exception as exc:
            refused.append(exc)

    with first.batch():
        first.append([StreamAppend(sid, 1, [event(1)])], ctx())
        t = threading.Thread(target=behind)
        t.start()
        waiting.wait(5)
        t.join(0.5)  # it waits for the lock this batch holds
    t.join(10)
    assert len(refused) == 1 and isinstance(refused[0], ConcurrencyConflict), refused
    assert [e.data["n"] for e in second.read_stream(sid)] == [0, 1]


def test_a_batch_whose_transaction_an_error_aborted_fails_instead_of_committing_nothing(
        store_in):
    store = store_in()
    head = store.head_position()
    with pytest.raises(TransactionLost), store.batch():
        store.append([StreamAppend(stream(), NO_STREAM, [event(1)])], ctx())
        with pytest.raises(psycopg.Error):
            store.read_all(0, limit=-1)  # refused by the server, caught here
    assert store.head_position() == head
    store.append([StreamAppend(stream(), NO_STREAM, [event(2)])], ctx())
    assert store.head_position() == head + 1


def test_a_read_model_transaction_an_error_aborted_fails_instead_of_committing_nothing(
        pg_read_db):
    with pg_read_db.transaction() as conn:
        conn.execute("CREATE TABLE kept (n INTEGER)")
    with pytest.raises(TransactionLost), pg_read_db.transaction() as conn:
        conn.execute("INSERT INTO kept VALUES (1)")
        with pytest.raises(psycopg.Error):
            conn.execute("SELECT 1 / 0")
    assert pg_read_db.query("SELECT n FROM kept") == []


def test_read_models_opened_while_another_process_creates_their_schema_open(pg_dsn):
    from kit.postgres.readmodel import PgReadModelDb

    schema = f"rm_{new_tag()}"
    opened: list[object] = []
    with psycopg.connect(pg_dsn) as other:  # another process, its CREATE not yet committed
        other.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")

        def open_it() -> None:
            try:
                opened.append(PgReadModelDb(pg_dsn, schema))
            except Exception as exc:
                opened.append(exc)

        t = threading.Thread(target=open_it)
        t.start()
        t.join(0.5)  # waits for the other's catalog row
        other.commit()
    t.join(10)
    try:
        assert len(opened) == 1 and isinstance(opened[0], PgReadModelDb), opened
        assert opened[0].query("SELECT 1 AS one") == [{"one": 1}]
    finally:
        if isinstance(opened[0], PgReadModelDb):
            opened[0].close()
        with psycopg.connect(pg_dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.mark.parametrize("way", ["transaction", "in_one_go"])
def test_a_read_model_database_whose_write_connection_was_dropped_opens_it_again(
        pg_read_db, pg_dsn, way):
    """A restarted server or a terminated backend fails the transaction it meets; the next
    one gets a new connection (a catch-up thread retrying would otherwise fail for good)."""
    begin = getattr(pg_read_db, way)
    with psycopg.connect(pg_dsn, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pg_read_db._conn.info.backend_pid,))
    with pytest.raises(psycopg.OperationalError), begin() as conn:
        conn.execute("SELECT 1")
    with begin() as conn:
        conn.execute("CREATE TABLE again (n INTEGER)")
        conn.execute("INSERT INTO again VALUES (1)")
    assert pg_read_db.query("SELECT n FROM again") == [{"n": 1}]
