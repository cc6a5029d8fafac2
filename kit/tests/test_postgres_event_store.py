import threading

import pytest

from kit.store import NO_STREAM, StreamAppend
from kit.testing.leftovers import new_tag
from kit.testing.store_contract import EventIdKeyContract, EventStoreContract, ctx, event, stream


class TestPostgresEventStore(EventStoreContract, EventIdKeyContract):
    @pytest.fixture
    def open_store(self, pg_dsn):
        yield from _stores_in(pg_dsn, f"contract_{new_tag()}")


def _stores_in(dsn: str, schema: str):
    import psycopg

    from kit.postgres.store import PostgresEventStore

    yield lambda: PostgresEventStore(dsn, schema=schema)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def one_schema(pg_dsn):
    yield from _stores_in(pg_dsn, f"contract_{new_tag()}")


@pytest.fixture
def other_schema(pg_dsn):
    yield from _stores_in(pg_dsn, f"contract_{new_tag()}")


def _append_meanwhile(store) -> threading.Event:
    """Append one event from another thread; the returned flag is set once it committed."""
    done = threading.Event()

    def send() -> None:
        store.append([StreamAppend(stream(), NO_STREAM, [event(1)])], ctx())
        done.set()

    threading.Thread(target=send, daemon=True).start()
    return done


def test_a_writer_of_one_schema_does_not_hold_up_the_store_of_another(one_schema, other_schema):
    """Services share one database, each store in its own schema: the writers' lock is per
    schema, so one store's open transaction does not make another's appends wait."""
    busy, other = one_schema(), other_schema()
    with busy.batch():
        busy.append([StreamAppend(stream(), NO_STREAM, [event(0)])], ctx())
        assert _append_meanwhile(other).wait(10)
    busy.close()
    other.close()


def test_two_writers_of_one_schema_take_turns(one_schema):
    """Positions are given in commit order: a second process's append on the same schema waits
    for the first's transaction, then follows it with no gap."""
    first, second = one_schema(), one_schema()
    with first.batch():
        mine = first.append([StreamAppend(stream(), NO_STREAM, [event(0)])], ctx())
        done = _append_meanwhile(second)
        assert not done.wait(0.5)
    assert done.wait(10)
    assert [e.global_position for e in second.read_all(0)] == [mine.positions[0],
                                                                mine.positions[0] + 1]
    first.close()
    second.close()
