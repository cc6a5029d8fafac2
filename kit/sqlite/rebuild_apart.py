"""A rebuild shared with helper processes: each rebuilds some of the read models into a fresh
SQLite file of its own while the rebuilding process does the rest, and their tables are then
copied into the read-model database in one transaction per helper.

A rebuild is Python folding events: one process keeps one core busy, and a second core sits idle
(100k events on 2 cores: measured in docs/benchmarks.md). A helper's file is scratch until it is
taken in, so it is written with a rollback journal and no fsync; a helper that fails fails the
rebuild, and its file is removed. Only projections that follow the runner's own store and name
their tables (`tables`) go to a helper; those that touch each other's tables while applying
(`uses_tables_of`) go together, and while any projection does not say which it touches, all do
(kit.projections.rebuilding.share).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit import metrics
from kit.projections import rebuilding
from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.store import EventStore

# how a helper opens the same log and makes the same projections: picklable (a module-level
# function, or a functools.partial of one), since a helper is a fresh interpreter
Recipe = Callable[[], tuple[EventStore, Sequence[Any]]]

MIN_EVENTS = 50_000  # below this a helper's start (~0.5 s of imports) costs more than it saves
PREFIX = "partyorg-rebuild-"  # a rebuild's scratch folder: PREFIX<pid of the rebuilding process>-
ORPHAN_CHECK_SECONDS = 0.5


@dataclass(frozen=True)
class RebuildApart:
    """`helpers` processes beside the rebuilding one, for logs of at least `min_events`; their
    files go under `scratch` (the system's temporary directory by default)."""

    recipe: Recipe
    helpers: int = 1
    min_events: int = MIN_EVENTS
    scratch: str | None = None

    def share(self, runner: ProjectionRunner, projections: Sequence[Any]) -> list[list[Any]]:
        store = runner.store
        if (self.helpers < 1 or not isinstance(runner.db, ReadModelDb) or store is None
                or store.head_position() < self.min_events):
            return [list(projections)]
        def movable(p: Any) -> bool:  # a helper reads the own store only, and copies `tables`
            return bool(getattr(p, "tables", ())) and runner.sources_of(p) == (
                runner.own_source,)

        return rebuilding.share(projections, 1 + self.helpers, movable)

    def start(self, groups: Sequence[Sequence[Any]], batch_size: int) -> Started:
        return Started(self.recipe, groups, batch_size, self.scratch)


class Started:
    """The helpers' processes (spawned: a fork would copy the parent's threads' locks)."""

    def __init__(self, recipe: Recipe, groups: Sequence[Sequence[Any]], batch_size: int,
                 scratch: str | None = None) -> None:
        self._scratch = new_scratch(scratch)
        self._pool = ProcessPoolExecutor(len(groups), mp_context=multiprocessing.get_context(
            "spawn"))
        self._work: list[tuple[Future[int], Path, list[str], list[str]]] = []
        for i, group in enumerate(groups):
            path = self._scratch / f"part-{i}.db"
            names = [p.name for p in group]
            tables = [t for p in group for t in p.tables]
            self._work.append((self._pool.submit(rebuild_into, recipe, names, str(path),
                                                 batch_size, os.getpid()), path, names, tables))

    def finish(self, db: Any) -> int:
        applied = 0
        for future, path, names, tables in self._work:
            applied += future.result()
            for projection, count in db.take_in(path, tables, names).items():
                # parked in the helper, whose counters no one scrapes: counted here
                metrics.DEAD_LETTERS.labels(projection=projection).inc(count)
        return applied

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self._scratch, ignore_errors=True)
        _MINE.discard(self._scratch.name)


# the scratch folders this process made: one named with its pid that it did not make was left
# by an earlier process that had the same pid (a container's server is pid 1 at every start)
_MINE: set[str] = set()
_SCRATCH_LOCK = threading.Lock()


def new_scratch(scratch: str | None) -> Path:
    """A scratch folder for a rebuild of this process's, made after sweeping what dead ones left
    (and kept from the sweeps of other rebuilds this process starts meanwhile)."""
    with _SCRATCH_LOCK:
        remove_leftovers(scratch)
        made = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=scratch))
        _MINE.add(made.name)
    return made


def remove_leftovers(scratch: str | None) -> None:
    """The scratch folders of rebuilds whose process is gone (killed before it cleaned up)."""
    for folder in Path(scratch or tempfile.gettempdir()).glob(f"{PREFIX}*"):
        pid = folder.name[len(PREFIX):].split("-", 1)[0]
        if pid.isdigit() and (not _alive(int(pid)) or (
                int(pid) == os.getpid() and folder.name not in _MINE)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's
        return True
    return True


def _exit_when_orphaned(parent: int) -> None:
    """A helper whose rebuilding process is gone (kill -9) stops: no one will take its file."""
    while True:
        time.sleep(ORPHAN_CHECK_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def rebuild_into(recipe: Recipe, names: Sequence[str], path: str, batch_size: int,
                 parent: int | None = None) -> int:
    """In a helper: the named read models rebuilt from the log into a fresh file at `path`,
    their secondary indexes left to the database that takes them in. `parent`: the rebuilding
    process, outlived by nothing of the helper's."""
    if parent is not None:
        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True,
                         name="rebuild-helper-orphaned").start()
    store, projections = recipe()
    db = ReadModelDb(path)
    try:
        db.conn.execute("PRAGMA journal_mode=TRUNCATE")  # scratch: no WAL to copy pages twice
        db.conn.execute("PRAGMA synchronous=OFF")
        runner = ProjectionRunner(store, db, [p for p in projections if p.name in names])
        return runner.rebuild(batch_size=batch_size, indexes=False)
    finally:
        db.close()
        close = getattr(store, "close", None)
        if close is not None:
            close()
