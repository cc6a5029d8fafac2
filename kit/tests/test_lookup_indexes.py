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
    tables, lookups, later = split_ddl(DDL, ("tally_ticket",))
    assert [named(s) for s in tables] == ["tally"]
    assert [named(s) for s in lookups] == ["tally_ticket"]
    assert [named(s) for s in later] == ["tally_n"]
    assert [named(s) for s in split_ddl(DDL).after_load] == ["tally_ticket", "tally_n"]  # none named
    assert split_ddl(DDL).lookups == []


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
        for statement in split_ddl(DDL, self.lookup_indexes).tables:
            db.execute(statement)

    def create_lookup_indexes(self, db: sqlite3.Connection) -> None:
        for statement in split_ddl(DDL, self.lookup_indexes).lookups:
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


class AliasedTally(Tally):
    """The same counts, its lookups written with aliases and a join."""

    def handle(self, event: Envelope, db: sqlite3.Connection) -> None:
        ticket = f"ticket-{event.stream_id}"
        if event.stream_version == 1:
            db.execute("INSERT INTO tally VALUES (?, ?, 1)", (event.stream_id, ticket))
            return
        db.execute("UPDATE tally AS t SET n = t.n + 1 WHERE t.ticket = ?", (ticket,))
        db.execute("SELECT o.n FROM tally AS o JOIN tally AS t ON t.ticket = o.ticket "
                   "WHERE o.stream = ?", (event.stream_id,)).fetchall()


def test_lookups_through_an_alias_or_an_index_sqlite_builds_for_a_join_are_found(tmp_path,
                                                                                  store):
    runner = ProjectionRunner(store, ReadModelDb(tmp_path / "read.db"), [AliasedTally(())])

    assert scans_while_loading(runner) == {
        "UPDATE tally AS t SET n = t.n + ? WHERE t.ticket = ?": "tally",
        "SELECT o.n FROM tally AS o JOIN tally AS t ON t.ticket = o.ticket WHERE o.stream = ?":
            "tally"}


def test_a_helpers_share_is_copied_in_before_its_lookup_indexes_are_made(tmp_path, store):
    """Rebuilt in a helper, a projection's lookup index is not kept up while its rows are copied
    in: it is made after, with the others."""
    import functools

    from kit.sqlite.rebuild_apart import RebuildApart

    made: list[str] = []
    db = ReadModelDb(tmp_path / "read.db")
    runner = ProjectionRunner(store, db, tally_parts(str(tmp_path / "events.db"))[1])
    helpers = RebuildApart(functools.partial(tally_parts, str(tmp_path / "events.db")),
                           min_events=1, scratch=str(tmp_path))
    here, away = helpers.share(runner, runner.projections)
    assert [p.name for p in here] == ["heavier"] and [p.name for p in away] == ["tally"]
    db.conn.set_trace_callback(made.append)
    try:
        runner.rebuild(helpers=helpers)
    finally:
        db.conn.set_trace_callback(None)

    copied = next(i for i, s in enumerate(made) if s.startswith('INSERT INTO main."tally"'))
    assert not any("tally_ticket" in s for s in made[:copied])
    assert any("INDEX IF NOT EXISTS tally_ticket" in s for s in made[copied:])
    assert [tuple(r) for r in db.query("SELECT n FROM tally")] == [(3,)]
    assert [tuple(r) for r in db.query("SELECT COUNT(*) FROM heavier_rows")] == [(3,)]


class Heavier:
    """A projection that stays with the rebuilding process (it weighs more)."""

    name = "heavier"
    tables = ("heavier_rows",)
    rebuild_weight = 2.0
    uses_tables_of: tuple[str, ...] = ()

    def create(self, db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS heavier_rows (position INTEGER PRIMARY KEY)")

    def drop(self, db: sqlite3.Connection) -> None:
        db.execute("DROP TABLE IF EXISTS heavier_rows")

    def handle(self, event: Envelope, db: sqlite3.Connection) -> None:
        db.execute("INSERT INTO heavier_rows VALUES (?)", (event.global_position,))


def tally_parts(store_path: str):
    """The log and the projections, as the rebuilding process and its helper open them."""
    tally = Tally(("tally_ticket",))
    tally.uses_tables_of = ()
    return SqliteEventStore(store_path), [Heavier(), tally]
