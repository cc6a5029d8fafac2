"""PgReadModelDb: a batch applied in one go (pipeline mode), queries on their own connections,
and the table shapes kit.sql.rows.Rows keeps, on a real PostgreSQL."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import psycopg
import pytest

from kit.envelope import Actor, Envelope
from kit.postgres.applied import Announcer
from kit.projections.runner import ProjectionRunner
from kit.sql.rows import Rows
from kit.testing.leftovers import new_tag

AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.fixture
def db(pg_read_db):
    return pg_read_db


def events(*numbers: int) -> list[Envelope]:
    return [Envelope(str(uuid.uuid4()), "test.Counted", 1, f"thing-{i}", 1, i, AT, AT, "NB",
                     Actor("t", "system"), "c", "", f"cmd-{i}", {"n": n})
            for i, n in enumerate(numbers, start=1)]


class Codes:
    """One row per event, keyed by `n`: a repeated n breaks the primary key, an error the
    server reports only when the pipeline's answers are read, after later statements ran."""

    name = "codes"

    def create(self, db) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS codes (n INTEGER PRIMARY KEY, position INTEGER)")

    def drop(self, db) -> None:
        db.execute("DROP TABLE IF EXISTS codes")

    def handle(self, event: Envelope, db) -> None:
        db.execute("INSERT INTO codes VALUES (%s, %s)", (event.data["n"], event.global_position))


def rows(db, sql: str) -> list[tuple]:
    return [tuple(r.values()) for r in db.query(sql)]


def test_a_batch_applies_in_one_go_with_its_checkpoint_and_announcement(db):
    runner = ProjectionRunner(None, db, [Codes()], own_source="t")
    announced = []
    runner.before_commit = lambda conn, source, position: announced.append((source, position))

    assert runner.apply(events(10, 20, 30), "t") == 3
    assert runner.apply(events(10, 20, 30), "t") == 0  # redelivered: skipped

    assert rows(db, "SELECT n, position FROM codes ORDER BY n") == [(10, 1), (20, 2), (30, 3)]
    assert runner.checkpoints("t") == {"codes": 3}
    assert announced == [("t", 3), ("t", 3)]


def test_an_error_the_server_reports_late_parks_only_its_event(db):
    runner = ProjectionRunner(None, db, [Codes()], own_source="t")
    parked = []
    runner.on_park = lambda projection, source, event, reason: parked.append(
        event.global_position)

    assert runner.apply(events(10, 20, 10, 40), "t") == 4

    assert rows(db, "SELECT n, position FROM codes ORDER BY n") == [(10, 1), (20, 2), (40, 4)]
    assert parked == [3]
    [letter] = runner.dead_letters()
    assert letter["global_position"] == 3 and "UniqueViolation" in letter["reason"]
    assert runner.checkpoints("t") == {"codes": 4}


class Picky(Codes):
    """Raises on n=13 after writing its row: the write must not stay."""

    def handle(self, event: Envelope, db) -> None:
        super().handle(event, db)
        if event.data["n"] == 13:
            raise ValueError("unlucky")


def test_a_projection_that_raises_parks_only_its_event(db):
    runner = ProjectionRunner(None, db, [Picky()], own_source="t")

    assert runner.apply(events(12, 13, 14), "t") == 3

    assert rows(db, "SELECT n FROM codes ORDER BY n") == [(12,), (14,)]
    assert [d["global_position"] for d in runner.dead_letters()] == [2]
    assert runner.apply(events(12, 13, 14, 15), "t") == 1  # the connection is fine after it


def test_a_failure_in_one_go_leaves_nothing_of_it_behind(db, pg_dsn):
    runner = ProjectionRunner(None, db, [Codes()], own_source="t")
    announcer = Announcer(db, db.schema)
    runner.before_commit = announcer.within
    with psycopg.connect(pg_dsn, autocommit=True) as listening:
        listening.execute(f"LISTEN {announcer.channel}")
        runner.apply(events(10, 10), "t")  # fails in one go, then the careful way parks one
        heard = [n.payload for n in listening.notifies(timeout=0.5)]

    # the rolled-back attempt left no row and no announcement: only the careful one's
    assert rows(db, "SELECT n, position FROM codes") == [(10, 1)]
    assert heard == ["2 t"]


def test_a_query_waits_neither_for_an_open_write_nor_for_other_queries(db):
    with db.transaction() as conn:
        conn.execute("CREATE TABLE t (v INTEGER)")
        conn.execute("INSERT INTO t VALUES (1)")
    inside = threading.Barrier(3, timeout=5)

    def read(_: int) -> int:
        value = db.query("SELECT v FROM t")[0]["v"]
        inside.wait()  # each got its answer while the others had not finished
        return value

    with ThreadPoolExecutor(3) as pool, db.transaction() as conn:
        conn.execute("UPDATE t SET v = 2")
        assert db.query("SELECT v FROM t")[0]["v"] == 2  # the writer reads its own write
        assert list(pool.map(read, range(3))) == [1, 1, 1]  # the others: what is committed
    assert db.query("SELECT v FROM t")[0]["v"] == 2


def test_a_closed_database_refuses_queries(pg_dsn):
    from kit.postgres.readmodel import PgReadModelDb

    schema = f"rm_{new_tag()}"
    db = PgReadModelDb(pg_dsn, schema)
    try:
        assert db.query("SELECT 1 AS one") == [{"one": 1}]
    finally:
        db.close()
        with psycopg.connect(pg_dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    with pytest.raises(psycopg.InterfaceError):
        db.query("SELECT 1")


def test_rows_read_a_table_shape_once_and_again_after_the_table_changes(db):
    with db.transaction() as conn:
        conn.execute("CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                     "score INTEGER NOT NULL DEFAULT 0)")
    with db.transaction() as conn:
        Rows(conn, "people", "id")  # never used: asks the catalog nothing
        assert conn.table_shapes == {}
        first = Rows(conn, "people", "id")
        first.insert(id="a", name="An")
        first.flush()
        assert list(conn.table_shapes) == [("people", "id")]
    with db.transaction() as conn:
        again = Rows(conn, "people", "id")
        assert again.shape is first.shape  # kept from the batch before
        again.insert(id="b", name="Bình")
        again.flush()
    with db.transaction() as conn:
        conn.execute("ALTER TABLE people ADD COLUMN note TEXT NOT NULL DEFAULT 'x'")
        assert conn.table_shapes == {}
        changed = Rows(conn, "people", "id")
        changed.insert(id="c", name="Cúc")
        changed.flush()
        assert "note" in changed.shape.columns
    assert rows(db, "SELECT id, score, note FROM people ORDER BY id") == [
        ("a", 0, "x"), ("b", 0, "x"), ("c", 0, "x")]


def test_a_default_that_changes_is_evaluated_again_for_each_batch(db):
    with db.transaction() as conn:
        conn.execute("CREATE SEQUENCE ticket")
        conn.execute("CREATE TABLE tickets (id TEXT PRIMARY KEY, "
                     "n INTEGER NOT NULL DEFAULT nextval('ticket'))")
    for key in ("a", "b"):
        with db.transaction() as conn:
            batch = Rows(conn, "tickets", "id")
            batch.insert(id=key)
            batch.flush()
            assert conn.table_shapes == {}  # not kept: the next batch needs a new number
    assert rows(db, "SELECT id, n FROM tickets ORDER BY id") == [("a", 1), ("b", 2)]


class Slow(Codes):
    """While `slow`, each event's statement outlasts the transaction's statement timeout: the
    server cancels it, which is the database's failure, not the event's."""

    slow = True

    def handle(self, event: Envelope, db) -> None:
        if self.slow:
            db.execute("SET LOCAL statement_timeout = '20ms'")
            db.execute("SELECT pg_sleep(0.2)")
        super().handle(event, db)


def test_a_statement_the_server_cancels_parks_nothing_and_the_batch_applies_later(db):
    slow = Slow()
    runner = ProjectionRunner(None, db, [slow], own_source="t")

    with pytest.raises(psycopg.errors.QueryCanceled):
        runner.apply(events(10, 20, 30), "t")

    assert runner.dead_letters() == []
    assert runner.checkpoints("t") == {"codes": 0}
    assert rows(db, "SELECT n FROM codes") == []
    slow.slow = False
    assert runner.apply(events(10, 20, 30), "t") == 3
    assert rows(db, "SELECT n FROM codes ORDER BY n") == [(10,), (20,), (30,)]


class Keyed(Codes):
    """Keys a row by text; on n=13 a key past the index's row size limit (an error psycopg
    raises as OperationalError, though the event's data caused it)."""

    def create(self, db) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS codes (k TEXT PRIMARY KEY, n INTEGER)")

    def handle(self, event: Envelope, db) -> None:
        n = event.data["n"]
        key = ("SELECT string_agg(md5(i::text), '') FROM generate_series(1, 400) i"
               if n == 13 else "SELECT %s::text")
        db.execute(f"INSERT INTO codes SELECT ({key}), %s", (n, n) if n != 13 else (n,))


def test_an_error_the_event_causes_is_parked_though_psycopg_calls_it_operational(db):
    runner = ProjectionRunner(None, db, [Keyed()], own_source="t")

    assert runner.apply(events(12, 13, 14), "t") == 3

    [letter] = runner.dead_letters()
    assert letter["global_position"] == 2 and "ProgramLimitExceeded" in letter["reason"]
    assert rows(db, "SELECT n FROM codes ORDER BY n") == [(12,), (14,)]


class Unlucky(Codes):
    """n=13 is the event's own failure (parked); n=14 meets a statement the server cancels,
    `outages` times (the database's failure: its batch rolls back and is applied again)."""

    def __init__(self, outages: int = 0) -> None:
        self.outages = outages

    def handle(self, event: Envelope, db) -> None:
        n = event.data["n"]
        if n == 14 and self.outages > 0:
            self.outages -= 1
            db.execute("SET LOCAL statement_timeout = '20ms'")
            db.execute("SELECT pg_sleep(0.2)")
        super().handle(event, db)
        if n == 13:
            raise ValueError("unlucky")


def test_a_dead_letter_is_announced_once_though_its_batch_was_rolled_back_before(db):
    runner = ProjectionRunner(None, db, [Unlucky(outages=2)], own_source="t")
    announced = []
    runner.on_park = lambda projection, source, event, reason: announced.append(
        event.global_position)

    for _ in range(2):  # the outage rolls back the batch, its dead letter with it
        with pytest.raises(psycopg.errors.QueryCanceled):
            runner.apply(events(12, 13, 14), "t")
    assert runner.apply(events(12, 13, 14), "t") == 3

    assert announced == [2]
    assert [d["global_position"] for d in runner.dead_letters()] == [2]


def test_an_announcement_that_failed_is_made_with_the_next_batch(db):
    runner = ProjectionRunner(None, db, [Unlucky()], own_source="t")
    announced, failing = [], [RuntimeError("the dead-letter topic is unreachable")]

    def on_park(projection, source, event, reason):
        if failing:
            raise failing.pop()
        announced.append((event.global_position, reason))

    runner.on_park = on_park
    with pytest.raises(RuntimeError):
        runner.apply(events(12, 13, 14), "t")  # committed; its announcement failed after
    assert runner.checkpoints("t") == {"codes": 3}

    assert runner.apply(events(12, 13, 14, 15), "t") == 1
    assert announced == [(2, "ValueError: unlucky")]
