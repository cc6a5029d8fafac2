import pytest

from kit.sqlite.store import SqliteEventStore
from kit.testing.store_contract import EventStoreContract


class TestSqliteEventStore(EventStoreContract):
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
