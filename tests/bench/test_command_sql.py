"""The commands' limit: what one thread sends SQLite is written down and replayed on a copy."""

from __future__ import annotations

import shutil
import sqlite3
import threading

from bench import command_sql


def _rows(path) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT x, y FROM t ORDER BY x").fetchall()
    finally:
        db.close()


def test_the_replay_runs_what_the_recorded_thread_sent_on_a_copy_of_the_files_before(tmp_path):
    live, before, into = tmp_path / "live", tmp_path / "before", tmp_path / "into"
    live.mkdir()
    db = sqlite3.connect(live / "a.db", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE t (x INTEGER PRIMARY KEY, y TEXT)")
    db.close()
    shutil.copytree(live, before)

    def elsewhere() -> None:  # another thread's statements (the catch-up's) are not the commands'
        other = sqlite3.connect(live / "a.db", isolation_level=None)
        other.execute("INSERT INTO t (y) VALUES ('ba')")
        other.close()

    with command_sql.recording(threading.get_ident()) as log:
        db = sqlite3.connect(live / "a.db", isolation_level=None, check_same_thread=False)
        db.execute("BEGIN IMMEDIATE")
        db.executemany("INSERT INTO t (y) VALUES (?)", [("một",), ("hai",)])
        db.execute("COMMIT")
        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join()
        assert db.execute("SELECT count(*) FROM t").fetchone() == (3,)
        db.close()
    assert sqlite3.connect is not None and not hasattr(sqlite3.connect, "__wrapped__")
    assert [(sql, p) for _, _, sql, p in log] == [
        ("BEGIN IMMEDIATE", ()), ("INSERT INTO t (y) VALUES (?)", ("một",)),
        ("INSERT INTO t (y) VALUES (?)", ("hai",)), ("COMMIT", ()),
        ("SELECT count(*) FROM t", ())]

    assert command_sql.replay(log, live, before, into) > 0
    assert _rows(into / "a.db") == [(1, "một"), (2, "hai")]
    assert _rows(before / "a.db") == []  # the copy is replayed, never the files it was made of
    assert _rows(live / "a.db") == [(1, "một"), (2, "hai"), (3, "ba")]


def test_connections_opened_after_the_recording_are_plain_again(tmp_path):
    with command_sql.recording(threading.get_ident()) as log:
        pass
    db = sqlite3.connect(tmp_path / "b.db")
    db.execute("SELECT 1")
    db.close()
    assert type(db) is sqlite3.Connection and log == []


class _Reader(sqlite3.Connection):
    """As kit.sqlite.readers opens its connections: a class of its own."""


def test_a_connection_opened_with_a_class_of_its_own_keeps_it_and_is_recorded(tmp_path):
    with command_sql.recording(threading.get_ident()) as log:
        db = sqlite3.connect(tmp_path / "c.db", factory=_Reader)
        db.execute("SELECT 1").fetchall()
        db.close()
    assert isinstance(db, _Reader)
    assert [sql for _, _, sql, _ in log] == ["SELECT 1"]
