"""The commands' limit: what every thread sends SQLite is written down and replayed on a copy."""

from __future__ import annotations

import shutil
import sqlite3
import threading

import pytest

from bench import command_sql

CONNECT = sqlite3.connect


def _rows(path, table: str = "t") -> list[tuple]:
    db = CONNECT(path)
    try:
        return db.execute(f"SELECT x, y FROM {table} ORDER BY x").fetchall()
    finally:
        db.close()


def _files(folder) -> None:
    folder.mkdir()
    for name in ("a", "b"):
        db = CONNECT(folder / f"{name}.db", isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE t (x INTEGER PRIMARY KEY, y TEXT)")
        db.close()


class _Reader(sqlite3.Connection):
    """As kit.sqlite.readers opens its connections: a class of its own."""


def test_the_replay_runs_what_every_thread_sent_in_order_on_a_copy_of_the_files_before(
        tmp_path):
    live, before, into = tmp_path / "live", tmp_path / "before", tmp_path / "into"
    _files(live)
    shutil.copytree(live, before)

    def elsewhere() -> None:  # the catch-up's thread: its statements are the commands' cost too
        other = sqlite3.connect(live / "b.db", isolation_level=None)
        other.execute("INSERT INTO t (y) VALUES ('ba')")
        other.close()

    with command_sql.recording() as log:
        a = sqlite3.connect(live / "a.db", isolation_level=None, check_same_thread=False)
        a.execute("INSERT INTO t (y) VALUES ('mở')")  # opening: replayed before the clock
        opening = len(log)
        b = sqlite3.connect(database=live / "b.db", isolation_level=None, factory=_Reader)
        a.execute("BEGIN IMMEDIATE")
        b.execute("BEGIN IMMEDIATE")  # both open at once: each on its own connection
        a.executemany("INSERT INTO t (y) VALUES (?)", [("một",), ("hai",)])
        b.cursor().execute("INSERT INTO t (y) VALUES (?)", ("bốn",))
        a.execute("COMMIT")
        b.execute("COMMIT")
        b.executescript("INSERT INTO t (y) VALUES ('năm'); INSERT INTO t (y) VALUES ('sáu');")
        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join()
        for db in (a, b):
            db.close()
        # a later connection may get a closed one's id: it is still a connection of its own
        again = sqlite3.connect(live / "a.db", isolation_level=None)
        again.execute("INSERT INTO t (y) VALUES ('ba')")
        again.close()
    assert sqlite3.connect is CONNECT
    assert isinstance(b, _Reader)
    assert [s[2] for s in log].count("INSERT INTO t (y) VALUES (?)") == 3
    assert len({s[0] for s in log}) == 4 and len({s[4] for s in log}) == 2

    assert command_sql.replay(log, slice(opening, len(log)), live, before, into) > 0
    assert _rows(into / "a.db") == _rows(live / "a.db") == [
        (1, "mở"), (2, "một"), (3, "hai"), (4, "ba")]
    assert _rows(into / "b.db") == _rows(live / "b.db") == [
        (1, "bốn"), (2, "năm"), (3, "sáu"), (4, "ba")]
    assert _rows(before / "a.db") == []  # the copy is replayed, never the files it was made of

    mine = tmp_path / "mine"  # the client thread's alone: the other thread's insert left out
    command_sql.replay(log, slice(opening, len(log)), live, before, mine, threading.get_ident())
    assert _rows(mine / "b.db") == [(1, "bốn"), (2, "năm"), (3, "sáu")]
    assert _rows(mine / "a.db") == _rows(live / "a.db")


def test_sqlite_is_itself_again_after_the_recording_even_when_it_fails(tmp_path):
    with pytest.raises(RuntimeError), command_sql.recording() as log:
        raise RuntimeError("the commands failed")
    assert sqlite3.connect is CONNECT
    db = sqlite3.connect(tmp_path / "b.db")
    db.execute("SELECT 1")
    db.close()
    assert type(db) is sqlite3.Connection and log == []
