"""A seeded embedded province beside the real Kafka and PostgreSQL: a topic and a read schema of
its own for each test (named with the run's prefix, kit.testing.leftovers), removed afterwards
with the dead-letter topic and the consumer groups the test used (g<tag>, dlq<tag>)."""

from __future__ import annotations

import contextlib

import pytest

from demo.plan import DEMO_TODAY
from demo.seeder import seed_demo
from kit.clock import FixedClock
from kit.kafka.clients import KafkaEventSource, ensure_topics
from kit.testing.leftovers import new_tag, remove
from kit.testing.services import require_env
from partyorg.embedded import build_service
from services.membership.declaration import DECLARATION as MEMBERSHIP


@pytest.fixture
def world(tmp_path):
    bootstrap = require_env("PARTYORG_KAFKA_BOOTSTRAP", "deploy/local/up.sh kafka")
    dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
    tag = new_tag()
    clock = FixedClock()
    clock.set_today(DEMO_TODAY)
    app = build_service(MEMBERSHIP, tmp_path, clock=clock, catch_up_after_commands=False)
    seed_demo(app, scale=0.02)
    app.runner.catch_up()
    topic = f"it{tag}.membership.events"
    ensure_topics(bootstrap, [topic])
    schema = f"it_{tag}_rm"
    yield app, bootstrap, dsn, topic, schema, tmp_path, tag
    app.close()
    remove(pg_dsn=dsn, schemas=[schema], kafka=bootstrap, topics=[topic, f"{topic}.dlq"],
           groups=[f"g{tag}", f"dlq{tag}"])


@pytest.fixture
def open_source(world):
    """KafkaEventSource(bootstrap, topics, group), closed after the test: its consumer leaves the
    group, which the world then removes."""
    opened: list[KafkaEventSource] = []

    def open_(topics: list[str], group: str) -> KafkaEventSource:
        opened.append(KafkaEventSource(world[1], topics, group))
        return opened[-1]

    yield open_
    for source in opened:
        with contextlib.suppress(Exception):  # one a test closed already
            source.close()
