"""A rebuild shared with a helper process gives what one process gives: the same rows, dead
letters and checkpoints, the helper's tables written by another process and taken in; a helper
that fails fails the rebuild and leaves nothing behind; and how the projections are shared."""

from __future__ import annotations

import functools
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from kit.envelope import CommandContext, Envelope, NewEvent
from kit.projections.rebuilding import share
from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.rebuild_apart import RebuildApart
from kit.sqlite.store import SqliteEventStore
from kit.store import StreamAppend

AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


class PidLedger:
    """One row per event with the id of the process that wrote it; raises on `broken` numbers."""

    def __init__(self, name: str, broken: frozenset[int] = frozenset(), weight: float = 1.0,
                 uses: tuple[str, ...] = ()) -> None:
        self.name = name
        self.tables = (f"{name}_rows",)
        self.broken = broken
        self.rebuild_weight = weight
        self.uses_tables_of = uses

    def create(self, db: sqlite3.Connection) -> None:
        db.execute(f"CREATE TABLE IF NOT EXISTS {self.tables[0]} "
                   "(position INTEGER PRIMARY KEY, n INTEGER NOT NULL, pid INTEGER NOT NULL)")
        db.execute(f"CREATE INDEX IF NOT EXISTS {self.name}_n ON {self.tables[0]} (n)")

    def create_tables(self, db: sqlite3.Connection) -> None:
        db.execute(f"CREATE TABLE IF NOT EXISTS {self.tables[0]} "
                   "(position INTEGER PRIMARY KEY, n INTEGER NOT NULL, pid INTEGER NOT NULL)")

    def drop(self, db: sqlite3.Connection) -> None:
        db.execute(f"DROP TABLE IF EXISTS {self.tables[0]}")

    def handle(self, event: Envelope, db: sqlite3.Connection) -> None:
        n = event.data["n"]
        db.execute(f"INSERT INTO {self.tables[0]} VALUES (?, ?, ?)",
                   (event.global_position, n, os.getpid()))
        if n in self.broken:
            raise ValueError(f"cannot handle n={n}")


def ledgers() -> list[PidLedger]:
    return [PidLedger("a", weight=3), PidLedger("b", broken=frozenset({2}), weight=1),
            PidLedger("c", weight=1)]


def parts(store_path: str) -> tuple[SqliteEventStore, list[PidLedger]]:
    """The recipe a helper follows: the same log, the same projections."""
    return SqliteEventStore(store_path), ledgers()


def no_parts(store_path: str):
    raise RuntimeError("this helper cannot open the log")


@pytest.fixture
def store(tmp_path):
    s = SqliteEventStore(tmp_path / "events.db")
    for n in range(1, 7):
        s.append([StreamAppend(f"thing-{uuid.uuid4()}", 0,
                               [NewEvent("test.Counted", 1, {"n": n}, occurred_at=AT)])],
                 CommandContext(str(uuid.uuid4()), "NB"))
    yield s
    s.close()


def parked_count(projection: str) -> float:
    """This process's dead-letter counter for one projection."""
    return REGISTRY.get_sample_value("partyorg_dead_letters_total",
                                     {"projection": projection}) or 0.0


def rows(db: ReadModelDb, name: str) -> list[tuple[int, int, int]]:
    return [tuple(r) for r in db.query(f"SELECT position, n, pid FROM {name}_rows ORDER BY 1")]


def test_a_rebuild_shared_with_a_helper_gives_what_one_process_gives(tmp_path, store):
    alone = ProjectionRunner(store, ReadModelDb(tmp_path / "alone.db"), ledgers())
    alone.rebuild()
    db = ReadModelDb(tmp_path / "shared.db")
    runner = ProjectionRunner(store, db, ledgers())
    helpers = RebuildApart(functools.partial(parts, str(store.path)), min_events=1,
                           scratch=str(tmp_path / "scratch"))
    (tmp_path / "scratch").mkdir()
    here, away = helpers.share(runner, runner.projections)
    assert [p.name for p in here] == ["a"] and [p.name for p in away] == ["b", "c"]

    parked_before = parked_count("b")
    assert runner.rebuild(helpers=helpers) == alone.rebuild() == 3 * 6
    assert parked_count("b") - parked_before == 2  # the helper's park counted here (and alone's)

    for name in ("a", "b", "c"):
        assert [r[:2] for r in rows(db, name)] == [r[:2] for r in rows(alone.db, name)]
    assert {r[2] for r in rows(db, "a")} == {os.getpid()}
    assert {r[2] for name in ("b", "c") for r in rows(db, name)} - {os.getpid()}  # a helper
    assert runner.dead_letters() == alone.dead_letters() and len(runner.dead_letters()) == 1
    assert runner.checkpoints() == {"a": 6, "b": 6, "c": 6}
    assert db.query("SELECT name FROM sqlite_master WHERE name = 'b_n'")  # indexes after
    assert list((tmp_path / "scratch").iterdir()) == []  # the helper's file removed
    parts(str(store.path))[0].append(
        [StreamAppend("thing-7", 0, [NewEvent("test.Counted", 1, {"n": 7}, occurred_at=AT)])],
        CommandContext(str(uuid.uuid4()), "NB"))
    assert runner.catch_up() == 3  # every checkpoint taken in: each applies the new one once


def test_a_helper_that_fails_fails_the_rebuild_and_the_next_catch_up_completes_it(tmp_path,
                                                                                  store):
    db = ReadModelDb(tmp_path / "read.db")
    runner = ProjectionRunner(store, db, ledgers())
    runner.catch_up()
    (tmp_path / "scratch").mkdir()
    helpers = RebuildApart(functools.partial(no_parts, str(store.path)), min_events=1,
                           scratch=str(tmp_path / "scratch"))

    with pytest.raises(RuntimeError, match="cannot open the log"):
        runner.rebuild(helpers=helpers)

    assert list((tmp_path / "scratch").iterdir()) == []
    assert rows(db, "b") == [] and runner.checkpoints()["b"] == 0  # forgotten, not half-done
    assert runner.catch_up() == 2 * 6  # b and c from zero; a was rebuilt
    assert [r[1] for r in rows(db, "c")] == [1, 2, 3, 4, 5, 6]


def test_a_short_log_is_rebuilt_in_one_process(tmp_path, store):
    runner = ProjectionRunner(store, ReadModelDb(tmp_path / "read.db"), ledgers())
    helpers = RebuildApart(functools.partial(parts, str(store.path)), min_events=7)
    assert helpers.share(runner, runner.projections) == [runner.projections]


def test_projections_are_shared_by_weight_and_those_that_cannot_move_stay():
    heavy, mid, light = PidLedger("heavy", weight=5), PidLedger("mid", weight=3), PidLedger(
        "light", weight=1)
    reader = PidLedger("reader", weight=1, uses=("heavy",))  # reads heavy's tables
    pinned = PidLedger("pinned", weight=2)

    groups = share([pinned, heavy, mid, light, reader], 2, lambda p: p.name != "pinned")

    assert [[p.name for p in g] for g in groups] == [["pinned", "mid", "light"],
                                                     ["heavy", "reader"]]
    assert [[p.name for p in g] for g in share([light, mid], 1, lambda p: True)] == [
        ["light", "mid"]]  # in the order given
    assert share([pinned], 3, lambda p: False) == [[pinned]]
    unsaid = PidLedger("unsaid")
    del unsaid.uses_tables_of  # it may touch any table: everything stays together
    assert [[p.name for p in g] for g in share([heavy, mid, unsaid], 2, lambda p: True)] == [
        ["heavy", "mid", "unsaid"]]


class SlowLedger(PidLedger):
    """Takes its time over each event: a helper still at work when its parent is killed."""

    def handle(self, event: Envelope, db: sqlite3.Connection) -> None:
        time.sleep(0.2)  # 60 events: 12 s of work, so only its watchdog ends it sooner
        super().handle(event, db)


def slow_parts(store_path: str) -> tuple[SqliteEventStore, list[PidLedger]]:
    return SqliteEventStore(store_path), [PidLedger("a", weight=3), SlowLedger("b"),
                                          PidLedger("c")]


REBUILD_THEN_WAIT = """
import functools, sys
sys.path[:0] = {path!r}
from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.rebuild_apart import RebuildApart
from test_rebuild_apart import slow_parts
if __name__ == "__main__":
    store, projections = slow_parts({store!r})
    runner = ProjectionRunner(store, ReadModelDb({read!r}), projections)
    runner.rebuild(helpers=RebuildApart(functools.partial(slow_parts, {store!r}), min_events=1,
                                        scratch={scratch!r}))
"""


def children_of(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                          if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def test_a_helper_outlives_no_killed_rebuild_and_its_scratch_goes_with_the_next(tmp_path,
                                                                                store):
    for n in range(7, 61):
        store.append([StreamAppend(f"thing-{n}", 0, [NewEvent("test.Counted", 1, {"n": n},
                                                                occurred_at=AT)])],
                     CommandContext(str(uuid.uuid4()), "NB"))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    script = tmp_path / "rebuild.py"
    script.write_text(REBUILD_THEN_WAIT.format(
        path=[str(Path(__file__).parent), str(Path(__file__).parents[2])],
        store=str(store.path), read=str(tmp_path / "read.db"), scratch=str(scratch)))
    parent = subprocess.Popen([sys.executable, str(script)])
    try:
        deadline = time.monotonic() + 30
        while not (list(scratch.iterdir()) and children_of(parent.pid)):
            assert time.monotonic() < deadline and parent.poll() is None, "no helper started"
            time.sleep(0.05)
        time.sleep(0.5)  # the helper at work on b's events
        helpers = children_of(parent.pid)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 3
        while any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in helpers):
            assert time.monotonic() < deadline, "a helper outlived its killed parent"
            time.sleep(0.1)
    finally:
        if parent.poll() is None:
            parent.kill()
    assert list(scratch.iterdir())  # left behind by the killed process

    runner = ProjectionRunner(store, ReadModelDb(tmp_path / "read.db"), ledgers())
    helpers = RebuildApart(functools.partial(parts, str(store.path)), min_events=1,
                           scratch=str(scratch))
    assert runner.rebuild(helpers=helpers) == 3 * 60
    assert list(scratch.iterdir()) == []  # the dead one's folder swept, the new one removed
    assert [r[1] for r in rows(runner.db, "c")] == list(range(1, 61))


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1]
    except (OSError, IndexError):
        return "Z"


def test_a_scratch_folder_named_with_this_process_pid_that_it_did_not_make_is_swept(tmp_path):
    """In a container the server is pid 1 at every start: a killed rebuild's folder carries the
    pid of the process now running, which must not take it for its own."""
    import os

    from kit.sqlite import rebuild_apart

    before_me = tmp_path / f"{rebuild_apart.PREFIX}{os.getpid()}-earlier"
    (before_me / "part-0.db").parent.mkdir()
    (before_me / "part-0.db").write_bytes(b"left by the last process with this pid")
    mine = rebuild_apart.new_scratch(str(tmp_path))
    assert not before_me.exists()
    rebuild_apart.remove_leftovers(str(tmp_path))  # another rebuild starting meanwhile
    assert list(tmp_path.iterdir()) == [mine]
