"""ReadModelDb: one writer, a read connection per thread that sees every committed write."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from kit.sqlite.readmodel import ReadModelDb


@pytest.fixture
def db(tmp_path):
    db = ReadModelDb(tmp_path / "read.db")
    with db.transaction() as conn:
        conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)")
        conn.execute("INSERT INTO t VALUES ('a', 1)")
    yield db
    db.close()


def value(db: ReadModelDb) -> int:
    return db.query("SELECT v FROM t WHERE k = 'a'")[0]["v"]


def test_a_reader_sees_what_another_thread_committed(db):
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(value, db).result() == 1  # the reader thread has its connection now
        with db.transaction() as conn:
            conn.execute("UPDATE t SET v = 2")
        assert pool.submit(value, db).result() == 2
        db.conn.execute("UPDATE t SET v = 3")  # an autocommit write on the writer connection
        assert pool.submit(value, db).result() == 3


def test_readers_do_not_wait_for_an_open_write_and_the_writer_reads_its_own(db):
    with ThreadPoolExecutor(1) as pool, db.transaction() as conn:
        conn.execute("UPDATE t SET v = 5")
        assert value(db) == 5  # inside the transaction: its own uncommitted write
        # another thread reads the last committed state at once instead of queueing
        assert pool.submit(value, db).result(timeout=5) == 1
    assert value(db) == 5


def test_threads_read_at_the_same_time(db):
    inside = threading.Barrier(4, timeout=5)

    def read(_: int) -> int:
        rows = db.query("SELECT v FROM t")
        inside.wait()  # every reader got its answer without the others finishing first
        return rows[0]["v"]

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(read, range(4))) == [1, 1, 1, 1]


def test_queries_cannot_write(db):
    with pytest.raises(sqlite3.OperationalError):
        db.query("UPDATE t SET v = 9")
    assert value(db) == 1


def test_close_closes_every_reader(tmp_path):
    db = ReadModelDb(tmp_path / "read.db")
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: db.query("SELECT 1"), range(2)))
        db.query("SELECT 1")
        db.close()
        with pytest.raises(sqlite3.ProgrammingError):
            db.query("SELECT 1")
        with pytest.raises(sqlite3.ProgrammingError):
            pool.submit(db.query, "SELECT 1").result()
    failed = []
    thread = threading.Thread(target=lambda: failed.append(_raises(db)))  # a thread new to it
    thread.start()
    thread.join()
    assert failed == [True]


def _raises(db: ReadModelDb) -> bool:
    try:
        db.query("SELECT 1")
    except sqlite3.ProgrammingError:
        return True
    return False


def test_an_in_memory_database_reads_on_its_one_connection():
    db = ReadModelDb(":memory:")
    with db.transaction() as conn:
        conn.execute("CREATE TABLE t (v INTEGER)")
        conn.execute("INSERT INTO t VALUES (7)")
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(db.query, "SELECT v FROM t").result()[0]["v"] == 7
    db.close()
