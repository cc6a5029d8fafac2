"""Crypto-shredding in the distributed mode, on the real servers: the people service's command
side appends to PostgreSQL, its relay publishes to Kafka, its projection worker consumes the
topic. What Kafka carries is sealed; the worker opens it with the key store in the service's
schema; after the person is forgotten, the worker's rebuilt read model holds nothing of theirs."""

from __future__ import annotations

import base64
import json
import time
import uuid
from dataclasses import replace
from datetime import date

import pytest
from kafka import KafkaConsumer, TopicPartition
from people.declaration import DECLARATION as PEOPLE
from people.domain import ForgetPerson, RegisterPerson

from kit.envelope import Actor, CommandContext, Envelope
from kit.personal import ERASED
from kit.shredding import KEK_ENV
from kit.testing.leftovers import new_tag, remove
from kit.testing.services import require_env
from partyorg.distributed import (
    Settings,
    build_command_side,
    build_projection_worker,
    build_relay,
)
from partyorg.personal_data import topic_sealers

pytestmark = pytest.mark.infra
NAME = "Lò Thị Xuân"


def on_topic(bootstrap: str, topic: str, records: int | None = None) -> bytes:
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    tp = TopicPartition(topic, 0)
    try:
        consumer.assign([tp])
        consumer.seek_to_beginning(tp)
        end = consumer.end_offsets([tp])[tp] if records is None else records
        out = b""
        while consumer.position(tp) < end:
            for batch in consumer.poll(timeout_ms=1000, max_records=end).values():
                out += b"".join(r.value for r in batch)
        return out
    finally:
        consumer.close()


def until(check, what: str, worker) -> None:
    deadline = time.monotonic() + 60
    while not check():
        assert time.monotonic() < deadline, what
        worker.run_once(200)


def test_the_topic_carries_sealed_fields_and_the_worker_reads_them_erased_after_a_shred(
        monkeypatch):
    pg_dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
    kafka_bootstrap = require_env("PARTYORG_KAFKA_BOOTSTRAP", "deploy/local/up.sh kafka")
    monkeypatch.setenv(KEK_ENV, base64.b64encode(bytes(range(32))).decode())
    tag = new_tag()
    settings = Settings(service="people", pg_dsn=pg_dsn, kafka_bootstrap=kafka_bootstrap,
                        store_schema=f"people_{tag}", read_schema=f"people_read_{tag}",
                        topic=f"people_{tag}.events", projection_group=f"people_{tag}")
    side = build_command_side(PEOPLE, settings)
    relay = build_relay(PEOPLE, settings)
    worker = build_projection_worker(PEOPLE, settings)
    replay = None
    try:
        person = str(uuid.uuid4())
        side.service.execute(RegisterPerson(person, NAME, date(1990, 4, 30), "Bản Mòn"),
                             CommandContext(str(uuid.uuid4()), "NB", Actor("u-1", "system")))
        relay.run_once()
        until(lambda: side.queries.person(person) is not None, "never projected", worker)
        assert side.queries.person(person)["full_name"] == NAME
        published = on_topic(kafka_bootstrap, settings.topic)
        assert b"sealed:v1:" in published and "Bản Mòn".encode() in published
        assert NAME.encode() not in published and b"1990-04-30" not in published

        side.service.execute(ForgetPerson(person, "asked"),
                             CommandContext(str(uuid.uuid4()), "NB", Actor("u-1", "system")))
        relay.run_once()
        until(lambda: side.queries.person(person)["forgotten"] == 1, "never forgotten", worker)
        # a new consumer replays the topic from its start into read models of its own
        again = replace(settings, read_schema=f"people_again_{tag}",
                        projection_group=f"people_again_{tag}")
        replay = build_projection_worker(PEOPLE, again)
        replayed = build_command_side(PEOPLE, again).queries
        until(lambda: replayed.person(person) is not None, "never replayed", replay)
        assert replayed.person(person)["full_name"] is None
        # what an integrator holds: the sealed record, opened now, reads erased
        (sealer,) = topic_sealers(PEOPLE, settings)
        first = Envelope.from_wire(json.loads(on_topic(kafka_bootstrap, settings.topic,
                                                       records=1)))
        assert sealer.open([first])[0].data["full_name"] is ERASED
    finally:
        worker.source.close()
        if replay is not None:
            replay.source.close()
        relay.publisher.close() if hasattr(relay.publisher, "close") else None
        side.close()
        remove(pg_dsn=pg_dsn, schemas=[settings.store_schema, settings.read_schema],
               kafka=kafka_bootstrap, topics=[settings.topic, f"{settings.topic}.dlq"],
               groups=[settings.projection_group])
        remove(pg_dsn=pg_dsn, schemas=[f"people_again_{tag}"],
               kafka=kafka_bootstrap, groups=[f"people_again_{tag}"])
