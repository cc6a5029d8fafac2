"""While the demo is seeded, meetings' own read models catch up in a second process.

Seeding a year of meetings appends about 130,000 events; applying them to the read models is a
third of the work and needs nothing the seeder waits for. The seeder (one core) keeps only the
roster view current, which opening a meeting reads; this process (the other core) follows the
meetings log into the meeting records, attendance and absences, each read model with its own
checkpoints in the same database, as two runners on one database may. It stops when its stdin
closes, after a last catch-up.

Run by the seeder (Follower) as: main([<meetings-events.db>, <meetings-read.db>])
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.store import SqliteEventStore
from services.meetings.declaration import DECLARATION as MEETINGS

IDLE = 0.05  # seconds between looks at the log when there was nothing to apply
BATCH = 500  # events per transaction: short holds of the database's write lock


def all_projections(dialect: str) -> list:
    """Meetings' read models for a read-model database of that SQL dialect, following
    membership's log under the name build_service gives it."""
    return list(MEETINGS.projections({name: f"{name}.events" for name in MEETINGS.follows},
                                     dialect))


def own_log_projections(dialect: str) -> list:
    """The projections that follow the meetings log only (not membership's)."""
    return [p for p in all_projections(dialect) if not getattr(p, "sources", None)]


def roster_projections(dialect: str) -> list:
    """The consumer-owned view of membership: what opening a meeting reads."""
    return [p for p in all_projections(dialect) if getattr(p, "sources", None)]


def follow(events_path: str, read_path: str, stop: threading.Event) -> None:
    store = SqliteEventStore(events_path)
    db = ReadModelDb(read_path)
    runner = ProjectionRunner(store, db, own_log_projections(db.dialect), batch_size=BATCH)
    try:
        while not stop.is_set():
            if not runner.catch_up():
                stop.wait(IDLE)
        runner.catch_up()
    finally:
        db.close()
        store.close()


def main(argv: list[str]) -> int:
    stop = threading.Event()

    def wait_for_eof() -> None:
        sys.stdin.read()
        stop.set()

    threading.Thread(target=wait_for_eof, daemon=True).start()
    follow(argv[0], argv[1], stop)
    return 0


class Follower:
    """The second process, from the seeder's side."""

    def __init__(self, events_path: str | Path, read_path: str | Path) -> None:
        # -c, not -m: the package already imports this module, runpy would warn
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import sys; from demo.meetings_follower import main;"
             " sys.exit(main(sys.argv[1:]))", str(events_path), str(read_path)],
            stdin=subprocess.PIPE)

    def finish(self, timeout: float = 120) -> bool:
        """Let it apply what is left and stop; False when it failed (the caller catches up)."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return False
        return code == 0

    def stop(self) -> None:
        """On a failure of the seeder: end it without waiting for the rest."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
