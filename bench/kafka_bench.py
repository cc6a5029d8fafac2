"""The relay (store -> Kafka) beside kafka-python's raw producer, and the projection worker
(Kafka -> PostgreSQL read models) beside kafka-python's raw consumer, on the same broker.

Same messages on both sides: the raw producer sends exactly the bytes, keys and headers the
relay sends, with the relay's producer settings (kit.kafka.PRODUCER_SETTINGS: acks=all,
idempotent, gzip, 256 KiB batches), and flushes once at the end; the relay reads and publishes in
its batches (2,000), pipelined, and moves its checkpoint as each is acknowledged. The raw
consumer polls the same topic, decodes each value as JSON and commits after each poll, as the
worker does before applying the events to its read models.
"""

from __future__ import annotations

import json
import time
from typing import Any

from kit.testing.leftovers import new_tag, remove

from .stats import median, percentiles, ratio


def _fill(dsn: str, schema: str, events: int):
    from kit.postgres.store import PostgresEventStore

    from .dataset import load

    store = PostgresEventStore(dsn, schema)
    load(store, events)
    return store


def run(dsn: str, bootstrap: str, *, events: int = 20_000, rounds: int = 3,
        profile: bool = False) -> dict[str, Any]:
    """`profile`: afterwards, one more relay pass (5,000 events at most) under cProfile."""
    import psycopg
    from kafka import KafkaConsumer, KafkaProducer

    from kit.kafka.clients import ensure_topics
    from kit.kafka.publisher import PRODUCER_SETTINGS, KafkaPublisher, headers_of
    from kit.postgres.checkpoints import PostgresCheckpoints
    from kit.relay import OutboxRelay

    tag = new_tag()  # with the test run's prefix under `make test`: its check finds leftovers
    schema = f"bench_{tag}_es"
    store = _fill(dsn, schema, events)
    envelopes = []
    after = 0
    while page := store.read_all(after, 5000):
        envelopes += page
        after = page[-1].global_position
    messages = [(e.stream_id.encode(), e.to_json(), headers_of(e)) for e in envelopes]
    topics: list[str] = []
    relay_runs, raw_runs, batch_latencies = [], [], []
    out: dict[str, Any] = {"events": len(envelopes),
                           "mean_message_bytes": round(sum(len(m[1]) for m in messages)
                                                       / max(1, len(messages)))}
    try:
        for r in range(rounds):  # interleaved: relay, raw, relay, raw...
            topic = f"bench.{tag}.relay{r}"
            raw_topic = f"bench.{tag}.raw{r}"
            topics += [topic, raw_topic]
            ensure_topics(bootstrap, [topic, raw_topic])
            publisher = KafkaPublisher(bootstrap, lambda e, t=topic: t, relay_name=f"bench{r}")
            checkpoints = PostgresCheckpoints(dsn, schema)
            relay = OutboxRelay(store, checkpoints, publisher, name=f"bench{r}")
            start = time.perf_counter()
            while True:
                t0 = time.perf_counter()
                if not relay.run_once():
                    break
                batch_latencies.append(time.perf_counter() - t0)
            relay_runs.append(len(envelopes) / (time.perf_counter() - start))
            publisher.close()
            checkpoints.close()

            producer = KafkaProducer(bootstrap_servers=bootstrap, bootstrap_timeout_ms=10000,
                                     **PRODUCER_SETTINGS)
            producer.send(raw_topic, b"warm-up").get(timeout=30)  # metadata, like the relay's
            start = time.perf_counter()
            futures = [producer.send(raw_topic, key=k, value=v, headers=h)
                       for k, v, h in messages]
            producer.flush(timeout=120)
            for f in futures:
                f.get(timeout=30)
            raw_runs.append(len(messages) / (time.perf_counter() - start))
            producer.close(timeout=5)
        relay_rate, raw_rate = median(relay_runs), median(raw_runs)
        out["relay"] = {"per_s": round(relay_rate), "runs_per_s": [round(x) for x in relay_runs],
                        "batch_size": relay.batch_size,
                        "batch": percentiles(batch_latencies)}
        out["raw_producer"] = {"per_s": round(raw_rate),
                               "runs_per_s": [round(x) for x in raw_runs]}
        out["relay_vs_raw"] = ratio(relay_rate, raw_rate)
        if profile:
            topic = f"bench.{tag}.profile"
            topics.append(topic)
            out["relay_profile"] = _profile_relay(store, dsn, schema, bootstrap, topic)
        out.update(_consume(dsn, bootstrap, tag, topics[0], len(envelopes), KafkaConsumer))
    finally:
        store.close()
        _cleanup(dsn, bootstrap, tag, topics, psycopg)
    return out


def _consume(dsn: str, bootstrap: str, tag: str, topic: str, n: int, consumer_cls
             ) -> dict[str, Any]:
    from kit.kafka.clients import KafkaEventSource
    from kit.postgres.readmodel import PgReadModelDb
    from kit.projections.runner import ProjectionRunner
    from kit.projections.worker import ProjectionWorker
    from services.membership.declaration import DECLARATION as MEMBERSHIP

    consumer = consumer_cls(topic, bootstrap_servers=bootstrap, group_id=f"bench-{tag}-raw",
                            enable_auto_commit=False, auto_offset_reset="earliest",
                            max_poll_records=1000, bootstrap_timeout_ms=10000)
    start, seen, first = time.perf_counter(), 0, None
    while seen < n and time.perf_counter() - start < 300:
        for records in consumer.poll(timeout_ms=500).values():
            for record in records:
                json.loads(record.value)
                seen += 1
                first = first or time.perf_counter()
        consumer.commit()
    raw_s = time.perf_counter() - start
    consumer.close()

    read_db = PgReadModelDb(dsn, f"bench_{tag}_rm")
    runner = ProjectionRunner(None, read_db, MEMBERSHIP.projections({}, "postgres"), own_source=topic)
    source = KafkaEventSource(bootstrap, [topic], f"bench-{tag}-worker")
    worker = ProjectionWorker(source, runner, f"bench-{tag}-worker")
    head = n
    start = time.perf_counter()
    latencies = []
    while min(runner.checkpoints(topic).values()) < head and time.perf_counter() - start < 900:
        t0 = time.perf_counter()
        if worker.run_once(500):
            latencies.append(time.perf_counter() - t0)
    worker_s = time.perf_counter() - start
    applied = min(runner.checkpoints(topic).values())
    source.close()
    read_db.close()
    return {"raw_consumer": {"events": seen, "per_s": round(seen / raw_s)},
            "worker": {"events": applied, "per_s": round(applied / worker_s),
                       "batch_of_up_to_1000": percentiles(latencies),
                       "read_models": "PostgreSQL"},
            "worker_vs_raw": ratio(applied / worker_s, seen / raw_s)}


def _cleanup(dsn: str, bootstrap: str, tag: str, topics: list[str], psycopg) -> None:
    remove(pg_dsn=dsn, schemas=[f"bench_{tag}_es", f"bench_{tag}_rm"], kafka=bootstrap,
           topics=topics, groups=[f"bench-{tag}-raw", f"bench-{tag}-worker"])


def _profile_relay(store, dsn: str, schema: str, bootstrap: str, topic: str) -> list[str]:
    import cProfile
    import io
    import pstats

    from kit.kafka.clients import ensure_topics
    from kit.kafka.publisher import KafkaPublisher
    from kit.postgres.checkpoints import PostgresCheckpoints
    from kit.relay import OutboxRelay

    ensure_topics(bootstrap, [topic])
    publisher = KafkaPublisher(bootstrap, lambda e: topic, relay_name="bench-profile")
    checkpoints = PostgresCheckpoints(dsn, schema)
    relay = OutboxRelay(store, checkpoints, publisher, name="bench-profile")
    profiler = cProfile.Profile()
    profiler.enable()
    sent = 0
    while sent < 5000 and (n := relay.run_once()):
        sent += n
    profiler.disable()
    publisher.close()
    checkpoints.close()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(12)
    lines = [line for line in text.getvalue().splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if "ncalls" in line)
    return [f"{sent} events relayed under cProfile:", *lines[first:]]
