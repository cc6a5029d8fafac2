"""The servers deploy/local/ starts answer real clients: each test talks its server's protocol."""

import time
import unicodedata

import httpx
import psycopg
import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kombu import Connection, Exchange, Queue

from kit.testing.leftovers import new_tag, remove

pytestmark = pytest.mark.infra

# Stored and read back byte for byte: tone marks and the đ are where encodings go wrong.
VIETNAMESE = unicodedata.normalize("NFC", "Chi bộ Đảng Phường Đông Thành — Nguyễn Thị Hương")


def test_postgres_admits_the_partyorg_role_and_keeps_vietnamese_text_exact(pg_dsn):
    with psycopg.connect(pg_dsn, connect_timeout=5) as conn:
        assert conn.info.server_version >= 150000
        assert conn.execute("SHOW server_encoding").fetchone() == ("UTF8",)
        conn.execute("CREATE TEMP TABLE probe (name text NOT NULL)")
        conn.execute("INSERT INTO probe (name) VALUES (%s)", (VIETNAMESE,))
        assert conn.execute("SELECT name FROM probe").fetchone() == (VIETNAMESE,)


def test_kafka_delivers_a_keyed_message_with_headers_to_a_consumer_group(kafka_bootstrap):
    topic = f"infra-probe-{new_tag()}"
    timeouts = {"bootstrap_servers": kafka_bootstrap, "bootstrap_timeout_ms": 10_000}
    admin = KafkaAdminClient(**timeouts)
    try:
        admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])
        producer = KafkaProducer(acks="all", enable_idempotence=True, **timeouts)
        try:
            sent = producer.send(
                topic,
                key=b"stream-1",
                value=VIETNAMESE.encode(),
                headers=[("event-type", b"probe.Sent")],
            ).get(timeout=15)
        finally:
            producer.close()
        assert sent.offset == 0

        consumer = KafkaConsumer(
            topic,
            group_id=f"{topic}-group",
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            **timeouts,
        )
        try:
            received = _first_record(consumer, seconds=30)
        finally:
            consumer.close()
        assert received.key == b"stream-1"
        assert received.value.decode() == VIETNAMESE
        assert received.headers == [("event-type", b"probe.Sent")]
    finally:
        admin.close()
        remove(kafka=kafka_bootstrap, topics=[topic], groups=[f"{topic}-group"])


def _first_record(consumer, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for records in consumer.poll(timeout_ms=500).values():
            if records:
                return records[0]
    pytest.fail(f"no record consumed within {seconds}s")


def test_rabbitmq_routes_a_published_message_to_its_queue(amqp_uri):
    name = f"infra-probe-{new_tag()}"
    exchange = Exchange(name, type="direct", auto_delete=True)
    queue = Queue(name, exchange, routing_key="probe", auto_delete=True)
    with Connection(amqp_uri, connect_timeout=5) as conn:
        conn.ensure_connection(max_retries=1)
        channel = conn.channel()
        bound = queue(channel)
        bound.declare()
        conn.Producer(channel).publish(
            {"name": VIETNAMESE}, exchange=exchange, routing_key="probe", serializer="json"
        )
        message = _first_message(bound, seconds=5)
        message.ack()
        bound.delete()
    assert message.payload == {"name": VIETNAMESE}


def _first_message(queue, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        message = queue.get(no_ack=False)
        if message is not None:
            return message
        time.sleep(0.05)
    pytest.fail(f"no message in queue {queue.name} within {seconds}s")


def test_prometheus_is_ready_and_scrapes_the_platform_ports(prometheus_url):
    assert httpx.get(f"{prometheus_url}/-/ready", timeout=5).status_code == 200
    config = httpx.get(f"{prometheus_url}/api/v1/status/config", timeout=5).json()
    loaded = config["data"]["yaml"]
    for port in (8000, 8101, 8110, 8120):
        assert f"127.0.0.1:{port}" in loaded
