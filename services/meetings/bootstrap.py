"""Wiring for the meetings service: the one place that picks adapters.

Embedded default: handlers and projections in one process on SQLite files. The meetings read
models follow two logs: meetings' own store, and membership's (`membership.events`), from which
the consumer-owned roster and organisation view is built. `partyorg.platform` wires both services
so that a membership command also brings the meetings view up to date.

Distributed mode mirrors membership's: the command side on PostgreSQL, a relay publishing the
store to the `meetings.events` topic, and a projection worker following both `meetings.events`
and `membership.events` into PostgreSQL read models.
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

from .adapters.membership_view import SOURCE as MEMBERSHIP_SOURCE
from .adapters.wire import CODEC, TOPIC
from .application.projections import all_projections
from .application.queries import MeetingsQueries
from .application.service import MeetingsService
from .domain.rules import MEETINGS_RULES
from .domain.schedule import THAI_BINH_EVEN_MONTHS, CadreSchedule

if TYPE_CHECKING:  # psycopg is needed only when PostgreSQL is used
    from kit.postgres.readmodel import PgReadModelDb


@dataclass
class EmbeddedMeetings:
    province: str
    store: EventStore
    read_db: ReadModelDb | PgReadModelDb
    runner: ProjectionRunner
    service: MeetingsService
    queries: MeetingsQueries
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
                   membership_store: EventStore, catch_up_after_commands: bool = True,
                   store: EventStore | None = None,
                   read_db: ReadModelDb | PgReadModelDb | None = None,
                   cadre_schedule: CadreSchedule = THAI_BINH_EVEN_MONTHS) -> EmbeddedMeetings:
    """Meetings in one process: `meetings-events.db` and `meetings-read.db` under data_dir unless
    a store and/or read-model database is passed. `membership_store` is membership's log, read
    (never written) for the roster view.

    Read models catch up on a thread of their own (after this service's commands, and after
    membership's when the platform announces them); queries wait for the writes made before them.
    `catch_up_after_commands=False` is for bulk loads: the caller runs `runner.catch_up()`."""
    data = Path(data_dir)
    clock = clock or SystemClock()
    store = store or SqliteEventStore(data / "meetings-events.db", clock=clock)
    read_db = read_db or ReadModelDb(data / "meetings-read.db")
    runner = ProjectionRunner(store, read_db, all_projections(),
                              other_sources={MEMBERSHIP_SOURCE: membership_store})
    runner.catch_up()
    catch_up = CatchUpThread(runner.catch_up, "meetings-read-models") \
        if catch_up_after_commands else None
    queries = MeetingsQueries(read_db, rules=MEETINGS_RULES, clock=clock,
                              cadre_schedule=cadre_schedule)
    if catch_up is not None:  # reads (the handlers' roster too) see earlier writes
        queries = ReadYourWrites(queries, catch_up.wait)  # type: ignore[assignment]
    service = MeetingsService(
        Repository(store, CODEC, clock), MEETINGS_RULES, clock, directory=queries,
        on_appended=catch_up.request if catch_up is not None else (lambda result: None),
    )
    return EmbeddedMeetings(province, store, read_db, runner, service, queries, clock,
                            catch_up)


# -- distributed mode ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    province: str = "NB"
    pg_dsn: str = ""
    amqp_uri: str = ""
    kafka_bootstrap: str = ""
    store_schema: str = "meetings_events"
    read_schema: str = "meetings_read"
    topic: str = TOPIC
    membership_topic: str = MEMBERSHIP_SOURCE

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        return cls(
            province=env.get("PARTYORG_PROVINCE", "NB"),
            pg_dsn=env.get("PARTYORG_PG_DSN", ""),
            amqp_uri=env.get("PARTYORG_AMQP_URI", ""),
            kafka_bootstrap=env.get("PARTYORG_KAFKA_BOOTSTRAP", ""),
            store_schema=env.get("PARTYORG_MEETINGS_STORE_SCHEMA", "meetings_events"),
            read_schema=env.get("PARTYORG_MEETINGS_READ_SCHEMA", "meetings_read"),
            topic=env.get("PARTYORG_MEETINGS_TOPIC", TOPIC),
            membership_topic=env.get("PARTYORG_MEMBERSHIP_TOPIC", MEMBERSHIP_SOURCE),
        )


@dataclass
class CommandSide:
    settings: Settings
    store: EventStore
    read_db: PgReadModelDb
    service: MeetingsService
    queries: MeetingsQueries

    def close(self) -> None:
        self.store.close()
        self.read_db.close()


def build_command_side(settings: Settings, clock: Clock | None = None,
                       cadre_schedule: CadreSchedule = THAI_BINH_EVEN_MONTHS) -> CommandSide:
    """Handlers on the PostgreSQL store; the roster view they summon from is the read model the
    projection workers keep (eventually consistent with membership)."""
    from kit.postgres.readmodel import PgReadModelDb
    from kit.postgres.store import PostgresEventStore

    clock = clock or SystemClock()
    store = PostgresEventStore(settings.pg_dsn, settings.store_schema, clock=clock)
    read_db = PgReadModelDb(settings.pg_dsn, settings.read_schema)
    ProjectionRunner(None, read_db, all_projections())  # creates the read-model tables
    queries = MeetingsQueries(read_db, clock=clock, cadre_schedule=cadre_schedule)
    service = MeetingsService(Repository(store, CODEC, clock), MEETINGS_RULES, clock,
                              directory=queries)
    return CommandSide(settings, store, read_db, service, queries)


def build_relay(settings: Settings):  # -> OutboxRelay
    from kit.kafka.clients import KafkaPublisher, ensure_topics
    from kit.postgres.checkpoints import PostgresCheckpoints
    from kit.postgres.store import PostgresEventStore
    from kit.relay import OutboxRelay

    ensure_topics(settings.kafka_bootstrap, [settings.topic, f"{settings.topic}.dlq"])
    store = PostgresEventStore(settings.pg_dsn, settings.store_schema)
    publisher = KafkaPublisher(settings.kafka_bootstrap, lambda event: settings.topic,
                               relay_name="meetings")
    return OutboxRelay(store, PostgresCheckpoints(settings.pg_dsn, settings.store_schema),
                       publisher, name="meetings")


def build_projection_worker(settings: Settings, group: str = "meetings-projections"):
    """One worker following both topics: meetings' own and membership's (for the roster view)."""
    from kit.kafka.clients import KafkaDeadLetters, KafkaEventSource, ensure_topics
    from kit.postgres.readmodel import PgReadModelDb
    from kit.projections.worker import ProjectionWorker

    topics = [settings.topic, settings.membership_topic]
    ensure_topics(settings.kafka_bootstrap, [*topics, *(f"{t}.dlq" for t in topics)])
    read_db = PgReadModelDb(settings.pg_dsn, settings.read_schema)
    # the roster view's checkpoints are kept under the topic it reads membership's events from
    runner = ProjectionRunner(None, read_db, all_projections(settings.membership_topic),
                              own_source=settings.topic)
    source = KafkaEventSource(settings.kafka_bootstrap, topics, group)
    return ProjectionWorker(source, runner, group, KafkaDeadLetters(settings.kafka_bootstrap))
