"""The end-of-run check sees each kind of name a test can leave on the servers, and removal takes
each away: a topic, a consumer group with committed offsets, a RabbitMQ queue, a schema."""

from __future__ import annotations

import psycopg
import pytest

from kit.testing import leftovers
from kit.testing.services import require_env

pytestmark = pytest.mark.infra


def test_what_a_test_leaves_is_found_under_the_runs_prefix_and_removed():
    bootstrap = require_env("PARTYORG_KAFKA_BOOTSTRAP", "deploy/local/up.sh kafka")
    amqp = require_env("PARTYORG_AMQP_URI", "deploy/local/up.sh rabbitmq")
    dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")
    from kafka import KafkaConsumer, KafkaProducer, TopicPartition
    from kafka.structs import OffsetAndMetadata
    from kombu import Connection

    from kit.kafka.clients import ensure_topics

    tag = leftovers.new_tag()
    assert tag.startswith(leftovers.run_prefix())
    topic, group, queue, schema = f"{tag}.events", f"{tag}-group", f"rpc-{tag}", f"{tag}_rm"
    ensure_topics(bootstrap, [topic])
    producer = KafkaProducer(bootstrap_servers=bootstrap)
    producer.send(topic, b"x").get(timeout=15)
    producer.close()
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group,
                             enable_auto_commit=False)
    consumer.commit({TopicPartition(topic, 0): OffsetAndMetadata(1, "", -1)})
    consumer.close()
    with Connection(amqp) as conn:
        conn.channel().queue_declare(queue, durable=True)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")

    found = leftovers.leftovers(tag)
    assert found["topics"] == [topic] and found["groups"] == [group]
    assert found["schemas"] == [schema]
    if "queues" in found:  # listed where rabbitmqctl runs (deploy/local's node)
        assert found["queues"] == [queue]

    leftovers.remove(kafka=bootstrap, topics=[topic], groups=[group], amqp_uri=amqp,
                     queues=[queue], pg_dsn=dsn, schemas=[schema])
    assert leftovers.leftovers(tag) == {}
