"""Wiring for the membership service: the one place that picks adapters.

The embedded default runs the handlers and projections in one process on SQLite files; the
in-process bus is the projection runner catching up after each append.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from partyorg.kit.clock import Clock, SystemClock
from partyorg.kit.readmodel import ProjectionRunner, ReadModelDb
from partyorg.kit.repository import Repository
from partyorg.kit.sqlite_store import SqliteEventStore
from partyorg.kit.store import EventStore

from .adapters.wire import CODEC
from .application.projections import all_projections
from .application.queries import MembershipQueries
from .application.service import MembershipService
from .domain.rules import MEMBERSHIP_RULES

if TYPE_CHECKING:  # psycopg is needed only when PostgreSQL is used
    from partyorg.kit.pg_readmodel import PgReadModelDb


@dataclass
class EmbeddedMembership:
    province: str
    store: EventStore
    read_db: ReadModelDb | PgReadModelDb
    runner: ProjectionRunner
    service: MembershipService
    queries: MembershipQueries
    clock: Clock

    def close(self) -> None:
        self.store.close()
        self.read_db.close()


def build_embedded(data_dir: str | Path, province: str = "NB", clock: Clock | None = None, *,
                   catch_up_after_commands: bool = True, store: EventStore | None = None,
                   read_db: ReadModelDb | PgReadModelDb | None = None) -> EmbeddedMembership:
    """Handlers and projections in one process: SQLite files under data_dir unless a store and/or
    read-model database (e.g. PostgreSQL) is passed.

    `catch_up_after_commands=False` is for bulk loads (the demo seeder): the caller then calls
    `runner.catch_up()` itself, e.g. once per `store.batch()`, and reads may lag until it does."""
    data = Path(data_dir)
    clock = clock or SystemClock()
    store = store or SqliteEventStore(data / "membership-events.db", clock=clock)
    read_db = read_db or ReadModelDb(data / "membership-read.db")
    runner = ProjectionRunner(store, read_db, all_projections(CODEC))
    queries = MembershipQueries(read_db)
    service = MembershipService(
        Repository(store, CODEC, clock), MEMBERSHIP_RULES, clock, occupancy=queries,
        on_appended=(lambda result: runner.catch_up()) if catch_up_after_commands
        else (lambda result: None),
    )
    runner.catch_up()
    return EmbeddedMembership(province, store, read_db, runner, service, queries, clock)
