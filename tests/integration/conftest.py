"""A seeded embedded province beside the real Kafka and PostgreSQL: a topic and a read schema of
its own for each test, the schema dropped afterwards."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from demo.plan import DEMO_TODAY
from demo.seeder import seed_demo
from kit.clock import FixedClock
from kit.kafka.clients import ensure_topics
from kit.testing.services import require_env
from partyorg.embedded import build_service
from services.membership.declaration import DECLARATION as MEMBERSHIP


@pytest.fixture
def world(tmp_path):
    bootstrap = require_env("PARTYORG_KAFKA_BOOTSTRAP", "deploy/local/up.sh kafka")
    dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
    tag = uuid.uuid4().hex[:8]
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
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
