"""A rebuild leaves secondary indexes for after its load, except the ones a projection's handlers
find rows by (`lookup_indexes`), which come with the tables; kit.testing.scans finds the
lookups that would scan a table being loaded."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime

import pytest

from kit.envelope import CommandContext, Envelope, NewEvent
from kit.projections.rebuilding import split_ddl, statements
from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.store import SqliteEventStore
from kit.store import StreamAppend
from kit.testing.scans import scans_while_loading

AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
DDL = """
CREATE TABLE IF NOT EXISTS tally (stream TEXT PRIMARY KEY, ticket TEXT NOT NULL,
                                  n INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS tally_ticket ON tally (ticket);
CREATE INDEX IF NOT EXISTS tally_n ON tally (n)
"""


def test_a_lookup_index_stays_with_the_tables_and_the_others_wait_for_the_load():
    tables, later = split_ddl(DDL, ("tally_ticket",))
    assert [named(s) for s in tables] == ["tally", "tally_ticket"]
    assert [named(s) for s in later] == ["tally_n"]
    assert [named(s) for s in split_ddl(DDL)[1]] == ["tally_ticket", "tally_n"]  # none named


def named(statement: str) -> str:
    """What a CREATE statement makes."""
    return statement.split("EXISTS", 1)[1].split()[0]


def test_a_lookup_index_the_ddl_does_not_make_is_refused():
    with pytest.raises(ValueError, match="no index tally_tiket in the DDL"):
        split_ddl(DDL, ("tally_tiket",))


class Tally:
    """Counts each stream's events; its second event onwards finds the row by its ticket."""

    name = "tally"
    tables = ("tally",)

    def __init__(self, lookup_indexes: tuple[str, ...]) -> None:
        self.lookup_indexes = lookup_indexes

    def create(self, db: sqlite3.Connection) -> None:
        for statement in statements(DDL):
            db.execute(statement)

    def create_tables(self, db: sqlite3.Connection) -> None:
        for statement in split_ddl(DDL, self.lookup_indexes)[0]:
            db.execute(statement)

    def drop(self, db: sqlite3.Connection) -> None:
        db.execute("DROP TABLE IF EXISTS tally")

    def handle(self, event: Envelope, db: sqlite3.Connection) -> None:
        ticket = f"ticket-{event.stream_id}"
        if event.stream_version == 1:
            db.execute("INSERT INTO tally VALUES (?, ?, 1)", (event.stream_id, ticket))
        else:
            db.execute("UPDATE tally SET n = n + 1 WHERE ticket = ?", (ticket,))


@pytest.fixture
def store(tmp_path):
    s = SqliteEventStore(tmp_path / "events.db")
    stream = f"thing-{uuid.uuid4()}"
    for version in range(3):
        s.append([StreamAppend(stream, version,
                               [NewEvent("test.Counted", 1, {}, occurred_at=AT)])],
                 CommandContext(str(uuid.uuid4()), "NB"))
    yield s
    s.close()


def test_a_lookup_by_an_index_left_for_after_the_load_is_found_scanning(tmp_path, store):
    runner = ProjectionRunner(store, ReadModelDb(tmp_path / "read.db"), [Tally(())])

    assert scans_while_loading(runner) == {"UPDATE tally SET n = n + ? WHERE ticket = ?": "tally"}
    assert [tuple(r) for r in runner.db.query("SELECT n FROM tally")] == [(3,)]


def test_a_lookup_by_a_lookup_index_is_not(tmp_path, store):
    runner = ProjectionRunner(store, ReadModelDb(tmp_path / "read.db"), [Tally(("tally_ticket",))])

    assert scans_while_loading(runner) == {}
    assert [tuple(r) for r in runner.db.query("SELECT n FROM tally")] == [(3,)]
