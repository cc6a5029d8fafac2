"""An integrator that is not us: kcat (Debian's package) reads the topic the relay fills, and every
message validates against the JSON Schemas in contracts/ — no Python of ours on the reading side."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from demo.plan import DEMO_TODAY
from demo.seeder import seed_demo
from kit.clock import FixedClock
from kit.kafka.clients import ensure_topics
from kit.kafka.publisher import KafkaPublisher
from kit.relay import OutboxRelay
from kit.sqlite.checkpoints import SqliteCheckpoints
from kit.testing.leftovers import new_tag, remove
from kit.testing.services import require_env
from partyorg.embedded import build_service
from services.membership.declaration import DECLARATION as MEMBERSHIP

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"


def schema(relative: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((CONTRACTS / relative).read_text(encoding="utf-8")))


@pytest.fixture
def kafka():
    bootstrap = require_env("PARTYORG_KAFKA_BOOTSTRAP", "deploy/local/up.sh kafka")
    if shutil.which("kcat") is None:
        pytest.fail("kcat is missing: deploy/local/up.sh kafka installs it from Debian")
    return bootstrap


def test_kcat_reads_every_event_and_each_validates_against_the_contracts(tmp_path, kafka,
                                                                        request):
    clock = FixedClock()
    clock.set_today(DEMO_TODAY)
    app = build_service(MEMBERSHIP, tmp_path, clock=clock, catch_up_after_commands=False)
    seed_demo(app, scale=0.02)
    topic = f"it{new_tag()}.membership.events"
    ensure_topics(kafka, [topic])
    request.addfinalizer(lambda: remove(kafka=kafka, topics=[topic]))
    relay = OutboxRelay(app.store, SqliteCheckpoints(tmp_path / "relay.db"),
                        KafkaPublisher(kafka, lambda e: topic), name="it")
    while relay.run_once():
        pass
    head = app.store.head_position()

    out = subprocess.run(
        ["kcat", "-C", "-b", kafka, "-t", topic, "-o", "beginning", "-e", "-J", "-q"],
        capture_output=True, text=True, timeout=60, check=True).stdout
    messages = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert len(messages) == head

    envelope_schema = schema("envelope.schema.json")
    topics = json.loads((CONTRACTS / "topics.json").read_text(encoding="utf-8"))
    assert topics
    positions = []
    for m in messages:
        envelope = json.loads(m["payload"])
        assert list(envelope_schema.iter_errors(envelope)) == []
        service, name = envelope["type"].split(".", 1)
        data_schema = schema(f"events/{service}/{name}.v{envelope['schema_version']}.json")
        assert list(data_schema.iter_errors(envelope["data"])) == [], envelope["type"]
        assert m["key"] == envelope["stream_id"]
        headers = dict(zip(m["headers"][::2], m["headers"][1::2], strict=True))
        assert headers["event_id"] == envelope["event_id"]
        assert headers["type"] == envelope["type"]
        assert headers["schema_version"] == str(envelope["schema_version"])
        positions.append(envelope["global_position"])
    assert positions == list(range(1, head + 1))  # in store order, none missing, none twice
    app.close()
