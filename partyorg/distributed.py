"""The distributed mode, built from the services' declarations: a service process (nameko RPC)
appends to PostgreSQL, a relay publishes the store's log to Kafka, a projection worker consumes
its own topic and the topics of the services it follows into PostgreSQL read models.

Settings come from the environment, per service: PARTYORG_<NAME>_STORE_SCHEMA (<name>_events),
PARTYORG_<NAME>_READ_SCHEMA (<name>_read), PARTYORG_<NAME>_TOPIC (<name>.events),
PARTYORG_<NAME>_RPC_NAME (<name>), PARTYORG_<NAME>_PROJECTION_GROUP (<name>-projections); and
for all: PARTYORG_PROVINCE, PARTYORG_PG_DSN, PARTYORG_AMQP_URI, PARTYORG_KAFKA_BOOTSTRAP, and
PARTYORG_KAFKA_REPLICATION_FACTOR (copies of each topic the processes create; unset, the Kafka
cluster's own default.replication.factor).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kit.clock import Clock, SystemClock
from kit.declaration import ServiceDeclaration
from kit.projections.opening import opening
from kit.projections.runner import ProjectionRunner
from kit.repository import Repository
from kit.store import EventStore

from . import personal_data

log = logging.getLogger("partyorg.distributed")


@dataclass(frozen=True)
class Settings:
    """Where one service's process finds its store, read models, topics and RPC name."""

    service: str
    province: str = "NB"
    pg_dsn: str = ""
    amqp_uri: str = ""
    kafka_bootstrap: str = ""
    kafka_replication_factor: int = -1  # -1: the cluster's default.replication.factor
    store_schema: str = ""
    read_schema: str = ""
    topic: str = ""
    rpc_name: str = ""
    projection_group: str = ""
    followed_topics: Mapping[str, str] = field(default_factory=dict)  # service -> its topic

    @classmethod
    def for_service(cls, declaration: ServiceDeclaration,
                    env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if env is None else env
        name = declaration.name

        def own(setting: str, default: str) -> str:
            return env.get(f"PARTYORG_{name.upper()}_{setting}", default)

        values: dict[str, Any] = dict(
            service=name,
            province=env.get("PARTYORG_PROVINCE", "NB"),
            pg_dsn=env.get("PARTYORG_PG_DSN", ""),
            amqp_uri=env.get("PARTYORG_AMQP_URI", ""),
            kafka_bootstrap=env.get("PARTYORG_KAFKA_BOOTSTRAP", ""),
            kafka_replication_factor=_replication_factor(env),
            store_schema=own("STORE_SCHEMA", f"{name}_events"),
            read_schema=own("READ_SCHEMA", f"{name}_read"),
            topic=own("TOPIC", declaration.topic),
            rpc_name=own("RPC_NAME", name),
            projection_group=own("PROJECTION_GROUP", f"{name}-projections"),
            followed_topics={other: env.get(f"PARTYORG_{other.upper()}_TOPIC", f"{other}.events")
                             for other in declaration.follows},
        )
        values.update(overrides)
        return cls(**values)


def _replication_factor(env: Mapping[str, str]) -> int:
    text = env.get("PARTYORG_KAFKA_REPLICATION_FACTOR", "").strip()
    if not text:
        return -1
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"PARTYORG_KAFKA_REPLICATION_FACTOR must be a whole number from 1, "
                         f"or unset for the Kafka cluster's default: {text!r}")
    return int(text)


@dataclass
class CommandSide:
    """What a service process holds: handlers on the PostgreSQL store, queries on the read
    models the projection workers keep."""

    settings: Settings
    store: EventStore
    read_db: Any  # kit.postgres.readmodel.PgReadModelDb
    service: Any
    queries: Any

    def close(self) -> None:
        self.store.close()
        self.read_db.close()


def _projections(declaration: ServiceDeclaration, settings: Settings) -> list[Any]:
    # a followed service's events are checkpointed under the topic they arrive on
    return list(declaration.projections(dict(settings.followed_topics), "postgres"))


def worker_projections(declaration: ServiceDeclaration, settings: Settings) -> list[Any]:
    """The projections a worker applies topics' events with: events arrive as published
    (sealed), and the projections are handed them opened. Whatever re-applies a worker's parked
    events (they are parked as they arrived) builds them the same way."""
    return opening(_projections(declaration, settings),
                   personal_data.topic_sealers(declaration, settings))


def build_command_side(declaration: ServiceDeclaration, settings: Settings,
                       clock: Clock | None = None, **read_side_options: Any) -> CommandSide:
    from kit.postgres.readmodel import PgReadModelDb
    from kit.postgres.store import PostgresEventStore

    clock = clock or SystemClock()
    store = personal_data.seal(
        declaration, PostgresEventStore(settings.pg_dsn, settings.store_schema, clock=clock),
        personal_data.kek_path(), clock)
    read_db = PgReadModelDb(settings.pg_dsn, settings.read_schema)
    ProjectionRunner(None, read_db, _projections(declaration, settings))  # creates the tables
    queries = declaration.read_side(read_db, clock, **read_side_options)
    linked = {}
    if declaration.peer_events is not None:  # it transfers to the provinces configured
        from kit.peers import Peers

        linked["peers"] = Peers.from_environment()
    service = declaration.application(Repository(store, declaration.codec, clock),
                                      declaration.rules, clock, queries, lambda result: None,
                                      **linked)
    return CommandSide(settings, store, read_db, service, queries)


def build_relay(declaration: ServiceDeclaration, settings: Settings):  # -> OutboxRelay
    from kit.kafka.clients import ensure_topics
    from kit.kafka.publisher import KafkaPublisher
    from kit.postgres.checkpoints import PostgresCheckpoints
    from kit.postgres.store import PostgresEventStore
    from kit.relay import RELAY_PUBLISHED, OutboxRelay

    ensure_topics(settings.kafka_bootstrap, [settings.topic, f"{settings.topic}.dlq"],
                  settings.kafka_replication_factor)
    RELAY_PUBLISHED.labels(declaration.name, settings.topic)  # exported at 0 from the start
    store = PostgresEventStore(settings.pg_dsn, settings.store_schema)
    publisher = KafkaPublisher(settings.kafka_bootstrap, lambda event: settings.topic,
                               relay_name=declaration.name)
    return OutboxRelay(store, PostgresCheckpoints(settings.pg_dsn, settings.store_schema),
                       publisher, name=declaration.name)


def build_projection_worker(declaration: ServiceDeclaration, settings: Settings,
                            group: str | None = None):  # -> ProjectionWorker
    """One worker following the service's own topic and those of the services it follows."""
    from kit.kafka.clients import KafkaDeadLetters, KafkaEventSource, ensure_topics
    from kit.kafka.heads import KafkaTopicHeads
    from kit.postgres.readmodel import PgReadModelDb
    from kit.projections.worker import ProjectionWorker

    topics = [settings.topic, *settings.followed_topics.values()]
    ensure_topics(settings.kafka_bootstrap, [*topics, *(f"{t}.dlq" for t in topics)],
                  settings.kafka_replication_factor)
    read_db = PgReadModelDb(settings.pg_dsn, settings.read_schema)
    runner = ProjectionRunner(None, read_db, worker_projections(declaration, settings),
                              own_source=settings.topic)
    group = group or settings.projection_group
    # a read model renewed (a new version) or added starts from zero: its topic from the start
    behind = runner.behind()
    if behind:
        log.warning("read models with nothing applied from these topics yet, or less than the "
                    "others: reading them from the start", extra={"topics": behind, "group": group})
    source = KafkaEventSource(settings.kafka_bootstrap, topics, group, from_start=behind)
    return ProjectionWorker(source, runner, group, KafkaDeadLetters(settings.kafka_bootstrap),
                            topics=KafkaTopicHeads(settings.kafka_bootstrap, topics, group))


def rpc_backend(declaration: ServiceDeclaration, settings: Settings, **read_side_options: Any):
    """The command side a nameko container serves (kit.nameko.rpc.Backend), built on first use."""
    from kit.nameko import rpc as kit_rpc

    return kit_rpc.Backend(
        lambda: build_command_side(declaration, settings, **read_side_options),
        province=settings.province, source=settings.topic,
        visibility_timeout=kit_rpc.visibility_timeout_from_env(), metrics_label=declaration.name,
        followed=tuple(settings.followed_topics.values()))


def rpc_service(declaration: ServiceDeclaration, settings: Settings | None = None) -> type:
    """The nameko service class of a declared service, on its command side from the settings
    (from the environment when the container starts, unless given)."""
    from kit.nameko import rpc as kit_rpc

    def backend():
        return rpc_backend(declaration, settings or Settings.for_service(declaration))

    name = (settings or Settings.for_service(declaration)).rpc_name
    return kit_rpc.service_class(declaration, backend, name)
