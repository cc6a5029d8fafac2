"""kit.sql.rows.Rows refuses what the SQL it replaces would refuse, and writes what it would."""

import sqlite3

import pytest

from kit.projections.rebuilding import split_ddl
from kit.sql.rows import Rows

DDL = """
CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL, score INTEGER NOT NULL DEFAULT 0,
                     note TEXT);
CREATE INDEX people_name ON people (name)
"""


@pytest.fixture
def db():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    tables, _, indexes = split_ddl(DDL)
    assert len(tables) == 1 and len(indexes) == 1 and indexes[0].startswith("CREATE INDEX")
    conn.execute(tables[0])
    conn.execute("INSERT INTO people VALUES ('a', 'An', 5, NULL)")
    return conn


def test_rows_fold_inserts_and_updates_into_what_the_statements_would_leave(db):
    rows = Rows(db, "people", "id")
    rows.load(["a", "b", "c"])
    rows.insert(id="b", name="Bình")  # score takes its default
    rows.update("a", score=6)
    rows.update("b", note="x")
    assert rows.update("c", score=1) is None  # no such row: nothing, as UPDATE would do
    rows.flush()
    assert db.execute("SELECT * FROM people ORDER BY id").fetchall() == [
        ("a", "An", 6, None), ("b", "Bình", 0, "x")]


def test_rows_refuse_a_duplicate_key_and_a_null_in_a_not_null_column(db):
    rows = Rows(db, "people", "id")
    with pytest.raises(sqlite3.IntegrityError):
        rows.insert(id="a", name="again")
    with pytest.raises(sqlite3.IntegrityError):
        rows.insert(id="d")  # name is NOT NULL without a default
    with pytest.raises(sqlite3.IntegrityError):
        rows.update("a", name=None)
    rows.insert(id="e", name="Em")
    with pytest.raises(sqlite3.IntegrityError):
        rows.insert(id="e", name="twice in one batch")


def test_what_a_batch_looked_up_lasts_until_forget(db):
    """Lookups kept for a batch survive a flush and go with `forget`, which runs before any
    statement of the projection's own (one that may change what was looked up)."""
    rows = Rows(db, "people", "id")
    rows.lookups["survivor", "x"] = "x"
    rows.insert(id="b", name="Bình")
    rows.flush()
    assert rows.lookups == {("survivor", "x"): "x"}
    rows.forget()
    assert rows.lookups == {}
    assert db.execute("SELECT id FROM people ORDER BY id").fetchall() == [("a",), ("b",)]


def test_ddl_is_cut_into_statements_keeping_a_trigger_whole_and_deferring_it_with_its_fill():
    from kit.projections.rebuilding import statements

    ddl = DDL + """;
    CREATE TABLE tally (name TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
    CREATE TRIGGER IF NOT EXISTS people_tallied AFTER INSERT ON people BEGIN
        INSERT INTO tally (name) VALUES ('a;b') ON CONFLICT (name) DO NOTHING;
        UPDATE tally SET n = n + 1 WHERE name = 'a;b';
    END;
    DELETE FROM tally;
    INSERT INTO tally SELECT 'a;b', COUNT(*) FROM people
    """
    parts = statements(ddl)
    assert [p.split()[1] for p in parts] == ["TABLE", "INDEX", "TABLE", "TRIGGER", "FROM", "INTO"]
    tables, _, after_load = split_ddl(ddl)
    assert [t.split()[2] for t in tables] == ["people", "tally"]
    assert [p.split()[1] for p in after_load] == ["INDEX", "TRIGGER", "FROM", "INTO"]

    conn = sqlite3.connect(":memory:", isolation_level=None)
    for statement in tables:
        conn.execute(statement)
    conn.execute("INSERT INTO people (id, name) VALUES ('a', 'An')")  # loaded before the trigger
    for statement in after_load:
        conn.execute(statement)
    conn.execute("INSERT INTO people (id, name) VALUES ('b', 'Bình')")
    assert conn.execute("SELECT * FROM tally").fetchall() == [("a;b", 2)]
    with pytest.raises(ValueError, match="unfinished"):
        statements("CREATE TABLE x (a TEXT); CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1;")


def test_the_tables_a_ddl_creates_are_named_in_its_order():
    from kit.projections.rebuilding import created_tables

    assert created_tables(DDL + "; create table if not exists s.tally (n INTEGER)") == (
        "people", "s.tally")
