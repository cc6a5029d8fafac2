"""The projection runner: checkpoints, exactly-once in effect, dead letters and their replay,
rebuilds, and two runners sharing one read-model database."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from datetime import UTC, datetime

import pytest

from kit.envelope import CommandContext, Envelope, NewEvent
from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.store import SqliteEventStore
from kit.store import StreamAppend

AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


class Ledger:
    """Keeps one row per event; raises on the numbers in `broken` (a bug, until it is fixed)."""

    def __init__(self, name: str = "ledger", broken: set[int] | None = None) -> None:
        self.name = name
        self.table = f"{name}_rows"
        self.broken = broken or set()

    def create(self, db: sqlite3.Connection) -> None:
        db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} "
                   "(position INTEGER PRIMARY KEY, n INTEGER NOT NULL)")

    def drop(self, db: sqlite3.Connection) -> None:
        db.execute(f"DROP TABLE IF EXISTS {self.table}")

    def handle(self, event: Envelope, db: sqlite3.Connection) -> None:
        n = event.data["n"]
        # written first, so a failure shows whether the partial change was rolled back
        db.execute(f"INSERT INTO {self.table} VALUES (?, ?)", (event.global_position, n))
        if n in self.broken:
            raise ValueError(f"cannot handle n={n}")

    def rows(self, db: ReadModelDb) -> list[tuple[int, int]]:
        return [tuple(r) for r in db.query(f"SELECT position, n FROM {self.table} ORDER BY 1")]


@pytest.fixture
def store(sqlite_store):
    return sqlite_store


@pytest.fixture
def read_db(sqlite_read_db):
    return sqlite_read_db


def append(store, *numbers: int) -> None:
    for n in numbers:
        store.append([StreamAppend(f"thing-{uuid.uuid4()}", 0,
                                   [NewEvent("test.Counted", 1, {"n": n}, occurred_at=AT)])],
                     CommandContext(str(uuid.uuid4()), "NB"))


def test_catching_up_applies_every_event_once(store, read_db):
    ledger = Ledger()
    runner = ProjectionRunner(store, read_db, [ledger])
    append(store, 1, 2, 3)

    assert runner.catch_up() == 3
    assert runner.catch_up() == 0
    assert ledger.rows(read_db) == [(1, 1), (2, 2), (3, 3)]
    assert runner.checkpoints() == {"ledger": 3}


def test_a_redelivered_batch_is_skipped(store, read_db):
    ledger = Ledger()
    runner = ProjectionRunner(store, read_db, [ledger])
    append(store, 1, 2)
    batch = store.read_all(0)

    assert runner.apply(batch) == 2
    assert runner.apply(batch) == 0
    assert ledger.rows(read_db) == [(1, 1), (2, 2)]


def test_a_restarted_runner_resumes_from_its_checkpoint(tmp_path, store, read_db):
    runner = ProjectionRunner(store, read_db, [Ledger()])
    append(store, 1, 2)
    runner.catch_up()
    append(store, 3)

    reopened_db = ReadModelDb(tmp_path / "read.db")
    try:
        again = ProjectionRunner(store, reopened_db, [Ledger()])
        assert again.catch_up() == 1
        assert Ledger().rows(reopened_db) == [(1, 1), (2, 2), (3, 3)]
    finally:
        reopened_db.close()


def test_an_event_a_projection_cannot_handle_is_parked_and_the_rest_goes_on(store, read_db):
    broken, healthy = Ledger("broken", broken={2}), Ledger("healthy")
    runner = ProjectionRunner(store, read_db, [broken, healthy])
    append(store, 1, 2, 3)

    runner.catch_up()

    assert broken.rows(read_db) == [(1, 1), (3, 3)]  # the failed event's own write rolled back
    assert healthy.rows(read_db) == [(1, 1), (2, 2), (3, 3)]
    [parked] = runner.dead_letters()
    assert (parked["projection"], parked["global_position"], parked["type"]) == (
        "broken", 2, "test.Counted")
    assert "cannot handle n=2" in parked["reason"]
    assert runner.checkpoints() == {"broken": 3, "healthy": 3}


def test_replaying_dead_letters_after_a_fix_applies_them(store, read_db):
    broken = Ledger("broken", broken={2, 4})
    runner = ProjectionRunner(store, read_db, [broken])
    append(store, 1, 2, 3, 4)
    runner.catch_up()
    assert len(runner.dead_letters()) == 2

    broken.broken = {4}  # the fix handles 2, not yet 4
    assert runner.replay_dead_letters() == 2

    assert broken.rows(read_db) == [(1, 1), (2, 2), (3, 3)]
    assert [d["global_position"] for d in runner.dead_letters()] == [4]
    broken.broken = set()
    runner.replay_dead_letters()
    assert broken.rows(read_db) == [(1, 1), (2, 2), (3, 3), (4, 4)]
    assert runner.dead_letters() == []


def test_rebuilding_one_projection_leaves_the_others_alone(store, read_db):
    a, b = Ledger("a"), Ledger("b")
    runner = ProjectionRunner(store, read_db, [a, b])
    append(store, 1, 2, 3)
    runner.catch_up()
    read_db.conn.execute("DELETE FROM b_rows")  # damage b; a rebuild of a must not repair it

    assert runner.rebuild(["a"]) == 3
    assert a.rows(read_db) == [(1, 1), (2, 2), (3, 3)]
    assert b.rows(read_db) == []
    assert runner.rebuild(["b"]) == 3
    assert b.rows(read_db) == [(1, 1), (2, 2), (3, 3)]


def test_rebuilding_clears_and_retries_the_projections_dead_letters(store, read_db):
    broken = Ledger("broken", broken={2})
    runner = ProjectionRunner(store, read_db, [broken])
    append(store, 1, 2)
    runner.catch_up()

    broken.broken = set()
    runner.rebuild()

    assert runner.dead_letters() == []
    assert broken.rows(read_db) == [(1, 1), (2, 2)]


def test_a_rebuild_that_meets_a_broken_event_parks_just_that_one(store, read_db):
    broken, sound = Ledger("broken", broken={2}), Ledger("sound")
    runner = ProjectionRunner(store, read_db, [broken, sound])
    append(store, 1, 2, 3)

    runner.rebuild()

    assert broken.rows(read_db) == [(1, 1), (3, 3)]  # the failed event's own row undone
    assert sound.rows(read_db) == [(1, 1), (2, 2), (3, 3)]
    assert [(d["projection"], d["global_position"]) for d in runner.dead_letters()] == [
        ("broken", 2)]
    append(store, 4)
    assert runner.catch_up() == 2 and broken.rows(read_db)[-1] == (4, 4)


def test_two_runners_on_one_read_database_never_apply_an_event_twice(tmp_path, store, read_db):
    other_db = ReadModelDb(tmp_path / "read.db")
    runners = [ProjectionRunner(store, db, [Ledger()]) for db in (read_db, other_db)]
    append(store, 1, 2, 3)
    # hold the write lock so that both runners read their checkpoints before either can write
    blocker = sqlite3.connect(tmp_path / "read.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    threads = [threading.Thread(target=r.catch_up) for r in runners]
    try:
        for t in threads:
            t.start()
        time.sleep(0.2)
    finally:
        blocker.execute("COMMIT")
        blocker.close()
    for t in threads:
        t.join(timeout=30)
    other_db.close()

    assert runners[0].dead_letters() == []
    assert Ledger().rows(read_db) == [(1, 1), (2, 2), (3, 3)]


def test_a_projection_whose_version_changed_is_rebuilt_from_the_log(tmp_path):
    from kit.projections.runner import ProjectionRunner
    from kit.sqlite.readmodel import ReadModelDb

    class Names:
        name, version = "names", 1

        def create(self, db):
            db.execute("CREATE TABLE IF NOT EXISTS names (n INTEGER, shape TEXT)")

        def drop(self, db):
            db.execute("DROP TABLE IF EXISTS names")

        def handle(self, event, db):
            db.execute("INSERT INTO names VALUES (?, ?)", (event.data["n"], f"v{self.version}"))

    from kit.store import StreamAppend
    from kit.testing.store_contract import ctx, event

    store = SqliteEventStore(tmp_path / "e.db")
    store.append([StreamAppend("s-1", 0, [event(1), event(2)])], ctx())
    first = ProjectionRunner(store, ReadModelDb(tmp_path / "r.db"), [Names()])
    first.catch_up()
    first.db.close()
    renewed = Names()
    renewed.version = 2
    second = ProjectionRunner(store, ReadModelDb(tmp_path / "r.db"), [renewed])
    second.catch_up()
    assert second.db.query("SELECT n, shape FROM names ORDER BY n") != []
    assert [tuple(r) for r in second.db.query("SELECT n, shape FROM names ORDER BY n")] == [
        (1, "v2"), (2, "v2")]


def events_of(*numbers: int, start: int = 1) -> list[Envelope]:
    """Events as they arrive from another source (a topic), positions from `start`."""
    from kit.envelope import Actor

    return [Envelope(str(uuid.uuid4()), "test.Counted", 1, f"thing-{i}", 1, i, AT, AT, "NB",
                     Actor("t", "system"), "c", "", f"cmd-{i}", {"n": n})
            for i, n in enumerate(numbers, start=start)]


class Renewed(Ledger):
    version = 2


def test_a_source_whose_only_projection_was_renewed_is_read_again_from_its_start(tmp_path):
    first = ProjectionRunner(None, ReadModelDb(tmp_path / "r.db"), [Ledger()], own_source="t")
    first.apply(events_of(1, 2, 3), "t")
    assert first.behind() == []
    first.db.close()

    renewed = ProjectionRunner(None, ReadModelDb(tmp_path / "r.db"), [Renewed()],
                               own_source="t")

    assert renewed.checkpoints("t") == {"ledger": 0}
    assert renewed.behind() == ["t"]  # all its followers at zero, the group's offsets further
    renewed.apply(events_of(1, 2, 3), "t")
    assert renewed.behind() == []


def test_a_projection_at_a_new_version_is_renewed_even_if_it_had_applied_nothing(tmp_path):
    class Narrow(Ledger):
        def create(self, db) -> None:
            db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (position INTEGER PRIMARY KEY)")

    ProjectionRunner(None, ReadModelDb(tmp_path / "r.db"), [Narrow()], own_source="t").db.close()
    renewed = ProjectionRunner(None, ReadModelDb(tmp_path / "r.db"), [Renewed()], own_source="t")

    renewed.apply(events_of(7), "t")

    assert renewed.dead_letters() == []
    assert Renewed().rows(renewed.db) == [(1, 7)]


def test_a_runner_of_older_code_does_not_apply_to_a_read_model_a_newer_release_renewed(tmp_path):
    older = ProjectionRunner(None, ReadModelDb(tmp_path / "r.db"), [Ledger()], own_source="t")
    older.apply(events_of(1, 2, 3), "t")
    newer = ProjectionRunner(None, ReadModelDb(tmp_path / "r.db"), [Renewed()], own_source="t")

    from kit.projections.ports import ReadModelRenewed

    with pytest.raises(ReadModelRenewed):
        older.apply(events_of(4, start=4), "t")  # still running during a rolling deploy
    assert Ledger().rows(newer.db) == [] and newer.checkpoints("t") == {"ledger": 0}
    newer.apply(events_of(1, 2, 3, 4), "t")
    assert Renewed().rows(newer.db) == [(1, 1), (2, 2), (3, 3), (4, 4)]


def test_two_runners_replaying_the_same_dead_letter_apply_it_once(tmp_path, store):
    broken = Ledger("broken", broken={2})
    first = ProjectionRunner(store, ReadModelDb(tmp_path / "r.db"), [broken])
    append(store, 1, 2, 3)
    first.catch_up()
    second = ProjectionRunner(store, ReadModelDb(tmp_path / "r.db"), [broken])
    broken.broken = set()
    parked = first.db.query(first.db.runner_sql.parked)
    original = first.db.query

    def stale_list(sql, params=()):  # the list read before the other runner replayed
        return parked if sql == first.db.runner_sql.parked else original(sql, params)

    first.db.query = stale_list
    assert second.replay_dead_letters() == 1

    assert first.replay_dead_letters() == 0
    assert broken.rows(second.db) == [(1, 1), (2, 2), (3, 3)]
    assert second.dead_letters() == []
