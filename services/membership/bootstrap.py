"""Wiring for the membership service: the one place that picks adapters.

The embedded default runs the handlers and projections in one process on SQLite files; the
in-process bus is the projection runner catching up on its own thread after each append. The distributed mode runs
the same handlers and projections as separate processes: the service (nameko RPC) appends to
PostgreSQL, the relay publishes the store's log to Kafka, projection workers consume it into
PostgreSQL read models.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kit.clock import Clock, SystemClock
from kit.projections.catchup import CatchUpThread, ReadYourWrites
from kit.projections.runner import ProjectionRunner
from kit.repository import Repository
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.store import SqliteEventStore
from kit.store import EventStore

from .adapters.wire import CODEC
from .application.projections import all_projections
from .application.queries import MembershipQueries
from .application.service import MembershipService
from .domain.rules import MEMBERSHIP_RULES

if TYPE_CHECKING:  # psycopg is needed only when PostgreSQL is used
    from kit.postgres.readmodel import PgReadModelDb


@dataclass
class EmbeddedMembership:
    province: str
    store: EventStore
    read_db: ReadModelDb | PgReadModelDb
    runner: ProjectionRunner
    service: MembershipService
    queries: MembershipQueries
    clock: Clock
    catch_up: CatchUpThread | None = None  # None: the caller catches up (bulk loads)

    def settle(self) -> None:
        """Wait until the read models hold every write made so far."""
        if self.catch_up is not None:
            self.catch_up.wait()

    def close(self) -> None:
        if self.catch_up is not None:
            self.catch_up.stop()
        self.store.close()
        self.read_db.close()


def build_embedded(data_dir: str | Path, province: str = "NB", clock: Clock | None = None, *,
                   catch_up_after_commands: bool = True, store: EventStore | None = None,
                   read_db: ReadModelDb | PgReadModelDb | None = None) -> EmbeddedMembership:
    """Handlers and projections in one process: SQLite files under data_dir unless a store and/or
    read-model database (e.g. PostgreSQL) is passed.

    Read models catch up on a thread of their own after each command (off the command path);
    queries wait for the writes made before them. `catch_up_after_commands=False` is for bulk
    loads (the demo seeder): the caller then calls `runner.catch_up()` itself, e.g. once per
    `store.batch()`, and reads may lag until it does."""
    data = Path(data_dir)
    clock = clock or SystemClock()
    store = store or SqliteEventStore(data / "membership-events.db", clock=clock)
    read_db = read_db or ReadModelDb(data / "membership-read.db")
    runner = ProjectionRunner(store, read_db, all_projections(CODEC))
    runner.catch_up()
    catch_up = CatchUpThread(runner.catch_up, "membership-read-models") \
        if catch_up_after_commands else None
    queries = MembershipQueries(read_db)
    if catch_up is not None:  # reads (the handlers' occupancy checks too) see earlier writes
        queries = ReadYourWrites(queries, catch_up.wait)  # type: ignore[assignment]
    service = MembershipService(
        Repository(store, CODEC, clock), MEMBERSHIP_RULES, clock, occupancy=queries,
        on_appended=catch_up.request if catch_up is not None else (lambda result: None),
    )
    return EmbeddedMembership(province, store, read_db, runner, service, queries, clock,
                              catch_up)


# -- distributed mode ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    province: str = "NB"
    pg_dsn: str = ""
    amqp_uri: str = ""
    kafka_bootstrap: str = ""
    store_schema: str = "membership_events"
    read_schema: str = "membership_read"
    topic: str = "membership.events"

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        return cls(
            province=env.get("PARTYORG_PROVINCE", "NB"),
            pg_dsn=env.get("PARTYORG_PG_DSN", ""),
            amqp_uri=env.get("PARTYORG_AMQP_URI", ""),
            kafka_bootstrap=env.get("PARTYORG_KAFKA_BOOTSTRAP", ""),
            store_schema=env.get("PARTYORG_MEMBERSHIP_STORE_SCHEMA", "membership_events"),
            read_schema=env.get("PARTYORG_MEMBERSHIP_READ_SCHEMA", "membership_read"),
            topic=env.get("PARTYORG_MEMBERSHIP_TOPIC", "membership.events"),
        )


@dataclass
class CommandSide:
    """What the service process holds: handlers on the PostgreSQL store, queries on the read
    models the projection workers keep."""

    settings: Settings
    store: EventStore
    read_db: PgReadModelDb
    service: MembershipService
    queries: MembershipQueries

    def close(self) -> None:
        self.store.close()
        self.read_db.close()


def build_command_side(settings: Settings, clock: Clock | None = None) -> CommandSide:
    from kit.postgres.readmodel import PgReadModelDb
    from kit.postgres.store import PostgresEventStore

    clock = clock or SystemClock()
    store = PostgresEventStore(settings.pg_dsn, settings.store_schema, clock=clock)
    read_db = PgReadModelDb(settings.pg_dsn, settings.read_schema)
    ProjectionRunner(None, read_db, all_projections(CODEC))  # creates the read-model tables
    queries = MembershipQueries(read_db)
    service = MembershipService(Repository(store, CODEC, clock), MEMBERSHIP_RULES, clock,
                                occupancy=queries)
    return CommandSide(settings, store, read_db, service, queries)


def build_relay(settings: Settings):  # -> OutboxRelay
    from kit.kafka.clients import KafkaPublisher, ensure_topics
    from kit.postgres.checkpoints import PostgresCheckpoints
    from kit.postgres.store import PostgresEventStore
    from kit.relay import OutboxRelay

    ensure_topics(settings.kafka_bootstrap, [settings.topic, f"{settings.topic}.dlq"])
    store = PostgresEventStore(settings.pg_dsn, settings.store_schema)
    publisher = KafkaPublisher(settings.kafka_bootstrap, lambda event: settings.topic,
                               relay_name="membership")
    return OutboxRelay(store, PostgresCheckpoints(settings.pg_dsn, settings.store_schema),
                       publisher, name="membership")


def build_projection_worker(settings: Settings, group: str = "membership-projections"):
    from kit.kafka.clients import KafkaDeadLetters, KafkaEventSource, ensure_topics
    from kit.postgres.readmodel import PgReadModelDb
    from kit.projections.worker import ProjectionWorker

    ensure_topics(settings.kafka_bootstrap, [settings.topic, f"{settings.topic}.dlq"])
    read_db = PgReadModelDb(settings.pg_dsn, settings.read_schema)
    runner = ProjectionRunner(None, read_db, all_projections(CODEC), own_source=settings.topic)
    source = KafkaEventSource(settings.kafka_bootstrap, [settings.topic], group)
    return ProjectionWorker(source, runner, group, KafkaDeadLetters(settings.kafka_bootstrap))
