import pytest

from kit.sqlite.store import SqliteEventStore
from kit.testing.store_contract import EventIdKeyContract, EventStoreContract


class TestSqliteEventStore(EventStoreContract, EventIdKeyContract):
    @pytest.fixture
    def open_store(self, tmp_path):
        return lambda: SqliteEventStore(tmp_path / "events.db")


def test_every_thread_reads_on_its_own_connection_and_sees_what_was_committed(tmp_path):
    import sqlite3
    import threading

    from kit.store import StreamAppend
    from kit.testing.store_contract import ctx, event

    store = SqliteEventStore(tmp_path / "events.db")
    seen: dict[str, object] = {}

    def read(name: str) -> None:
        seen[name] = (store._readers.get(), [e.stream_version for e in store.read_stream("s-1")])

    store.append([StreamAppend("s-1", 0, [event(1), event(2)])], ctx())
    threads = [threading.Thread(target=read, args=(f"t{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {tuple(v) for _, v in seen.values()} == {(1, 2)}
    assert len({id(conn) for conn, _ in seen.values()}) == 3  # no lock shared between readers
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        store.read_all()


def test_a_file_written_with_a_table_of_stream_versions_opens_without_it(tmp_path):
    """A stream's version is read from its events: the table of versions an older store kept
    beside them goes when the file is opened, so nothing can read a stale copy."""
    import sqlite3

    from kit.errors import ConcurrencyConflict
    from kit.store import StreamAppend
    from kit.testing.store_contract import ctx, event

    path = tmp_path / "events.db"
    store = SqliteEventStore(path)
    store.append([StreamAppend("s-1", 0, [event(1), event(2)])], ctx())
    store.close()
    with sqlite3.connect(path) as db:  # the older store's table, one version behind
        db.execute("CREATE TABLE streams (stream_id TEXT PRIMARY KEY, version INTEGER NOT NULL)")
        db.execute("INSERT INTO streams VALUES ('s-1', 1)")
    db.close()

    store = SqliteEventStore(path)
    assert store.stream_version("s-1") == 2
    with pytest.raises(ConcurrencyConflict):
        store.append([StreamAppend("s-1", 1, [event(3)])], ctx())
    store.append([StreamAppend("s-1", 2, [event(3)])], ctx())
    assert [e.stream_version for e in store.read_stream("s-1")] == [1, 2, 3]
    assert store.stream_version("s-9") == 0
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'streams'").fetchall() == []
    db.close()


_OLDER_TABLES = """
CREATE TABLE events (
    global_position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
    stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL, type TEXT NOT NULL,
    schema_version INTEGER NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL,
    province TEXT NOT NULL, actor_user_id TEXT NOT NULL, actor_role TEXT NOT NULL,
    correlation_id TEXT NOT NULL, causation_id TEXT NOT NULL, command_id TEXT NOT NULL,
    data TEXT NOT NULL, UNIQUE (stream_id, stream_version));
CREATE TABLE commands (command_id TEXT PRIMARY KEY, payload_hash TEXT NOT NULL,
    positions TEXT NOT NULL, stream_versions TEXT NOT NULL);
"""


def test_a_new_file_writes_fewer_pages_an_append_and_an_older_file_keeps_working(tmp_path):
    """New files number events by rowid alone (no sqlite_sequence row to update) and keep
    command records in one B-tree (WITHOUT ROWID): two pages fewer in each commit. A file made
    with the older tables opens and goes on with the same positions and command records."""
    import sqlite3

    from kit.store import StreamAppend
    from kit.testing.store_contract import ctx, event

    new = SqliteEventStore(tmp_path / "new.db")
    new.append([StreamAppend("s-1", 0, [event(1)])], ctx())
    new.close()
    with sqlite3.connect(tmp_path / "new.db") as db:
        tables = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    db.close()
    assert "sqlite_sequence" not in tables
    assert "WITHOUT ROWID" in tables["commands"]

    path = tmp_path / "older.db"
    with sqlite3.connect(path) as db:
        db.executescript(_OLDER_TABLES)
    db.close()
    store = SqliteEventStore(path)
    first = ctx()
    done = store.append([StreamAppend("s-1", 0, [event(1), event(2)])], first)
    later = store.append([StreamAppend("s-2", 0, [event(3)])], ctx())
    assert (done.positions, later.positions) == ((1, 2), (3,))
    again = store.append([StreamAppend("s-1", 0, [event(1), event(2)])], first)
    assert again.duplicate and again.positions == (1, 2)
    assert store.find_command(first.command_id).positions == (1, 2)
    assert [e.global_position for e in store.read_all()] == [1, 2, 3]
    store.close()

