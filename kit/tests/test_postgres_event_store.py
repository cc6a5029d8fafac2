import threading
import time

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


def _backends(dsn: str, statement: str, **where: str) -> list[int]:
    """Server processes of other connections whose current or last statement contains
    `statement`, and whose pg_stat_activity columns match `where`."""
    import psycopg

    clauses = "".join(f" AND {column} = %s" for column in where)
    with psycopg.connect(dsn, autocommit=True) as conn:
        return [pid for (pid,) in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query LIKE %s"
            + clauses, (f"%{statement}%", *where.values())).fetchall()]


def test_a_read_goes_on_while_another_read_waits(one_schema, pg_dsn):
    """Reads outside a batch run on connections of their own, several at once: a read held up
    (here by a lock on the events table) does not make the process's other reads wait."""
    import psycopg

    store = one_schema()
    sid = stream()
    store.append([StreamAppend(sid, NO_STREAM, [event(1)])], ctx())
    held_up: list = []
    with psycopg.connect(pg_dsn) as locker:
        locker.execute(f"LOCK TABLE {store.schema}.events IN ACCESS EXCLUSIVE MODE")
        reader = threading.Thread(target=lambda: held_up.append(store.read_stream(sid)),
                                  daemon=True)
        reader.start()
        for _ in range(500):  # until its statement waits for the lock
            if _backends(pg_dsn, f"FROM {store.schema}.events WHERE stream_id",
                         wait_event_type="Lock"):
                break
            time.sleep(0.01)
        else:
            raise AssertionError("the first read never reached the lock")
        other = threading.Thread(target=lambda: store.find_command("no-such-command"),
                                 daemon=True)
        other.start()
        other.join(10)
        assert not other.is_alive() and held_up == []
        locker.rollback()  # the lock goes: the first read finishes with what is stored
    reader.join(10)
    assert [e.data["n"] for e in held_up[0]] == [1]
    store.close()


def test_reads_work_again_after_their_connection_was_terminated(one_schema, pg_dsn):
    """A read connection the server ended (a restart, an administrator) is not used again:
    the read on it fails, and the next one reads on a new connection."""
    import psycopg

    store = one_schema()
    sid = stream()
    store.append([StreamAppend(sid, NO_STREAM, [event(1)])], ctx())
    assert len(store.read_stream(sid)) == 1
    gone = _backends(pg_dsn, f"FROM {store.schema}.events WHERE stream_id", state="idle")
    assert gone
    with psycopg.connect(pg_dsn, autocommit=True) as admin:
        for pid in gone:
            admin.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,))  # gone on return
    with pytest.raises(psycopg.OperationalError):
        store.read_stream(sid)
    assert [e.data["n"] for e in store.read_stream(sid)] == [1]
    store.close()
