"""A read-model database that fails (here: its disk full) is not the event's fault: the runner
parks nothing, keeps its checkpoint, and the same batch applies whole once the database is back.
A handler's own error, bad SQL included, is still the event's: it is parked as before."""

from __future__ import annotations

import sqlite3

import pytest

from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.tests.test_projection_runner import append


class Wide:
    """Writes a large row per event (not in the event itself: a dead letter of it is small),
    and on the numbers in `bad_sql` a statement naming a table that does not exist."""

    name = "wide"

    def __init__(self, bad_sql: set[int] | None = None) -> None:
        self.bad_sql = bad_sql or set()

    def create(self, db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS wide (position INTEGER PRIMARY KEY, body BLOB)")

    def drop(self, db: sqlite3.Connection) -> None:
        db.execute("DROP TABLE IF EXISTS wide")

    def handle(self, event, db: sqlite3.Connection) -> None:
        if event.data["n"] in self.bad_sql:
            db.execute("SELECT * FROM no_such_table")
        db.execute("INSERT INTO wide VALUES (?, zeroblob(200000))", (event.global_position,))


def _room_for_pages(db: ReadModelDb, pages: int) -> None:
    count = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {count + pages}")


def _positions(db: ReadModelDb) -> list[int]:
    return [r[0] for r in db.query("SELECT position FROM wide ORDER BY 1")]


def test_a_full_disk_parks_nothing_and_the_batch_applies_once_there_is_room(
        sqlite_store, sqlite_read_db):
    runner = ProjectionRunner(sqlite_store, sqlite_read_db, [Wide()])
    append(sqlite_store, 1, 2, 3)
    _room_for_pages(sqlite_read_db, 12)  # a dead letter fits; a 200 kB row does not

    with pytest.raises(sqlite3.OperationalError) as failed:
        runner.catch_up()

    assert failed.value.sqlite_errorcode & 0xFF == sqlite3.SQLITE_FULL
    assert runner.dead_letters() == []
    assert runner.checkpoints() == {"wide": 0}
    assert _positions(sqlite_read_db) == []

    _room_for_pages(sqlite_read_db, 10_000)
    assert runner.catch_up() == 3
    assert _positions(sqlite_read_db) == [1, 2, 3]
    assert runner.dead_letters() == []


def test_a_full_disk_while_replaying_a_dead_letter_keeps_it_parked(sqlite_store, sqlite_read_db):
    wide = Wide(bad_sql={2})
    runner = ProjectionRunner(sqlite_store, sqlite_read_db, [wide])
    append(sqlite_store, 1, 2)
    runner.catch_up()
    wide.bad_sql.clear()  # fixed, but the disk is full when the operator replays
    _room_for_pages(sqlite_read_db, 12)

    with pytest.raises(sqlite3.OperationalError):
        runner.replay_dead_letters()

    assert [d["global_position"] for d in runner.dead_letters()] == [2]
    _room_for_pages(sqlite_read_db, 10_000)
    assert runner.replay_dead_letters() == 1
    assert _positions(sqlite_read_db) == [1, 2]


def test_bad_sql_in_a_handler_is_the_events_failure_and_parks_it(sqlite_store, sqlite_read_db):
    runner = ProjectionRunner(sqlite_store, sqlite_read_db, [Wide(bad_sql={2})])
    append(sqlite_store, 1, 2, 3)

    assert runner.catch_up() == 3

    [parked] = runner.dead_letters()
    assert parked["global_position"] == 2 and "no such table" in parked["reason"]
    assert _positions(sqlite_read_db) == [1, 3]
