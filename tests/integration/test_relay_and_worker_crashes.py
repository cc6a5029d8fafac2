"""Relay and projection worker against the real Kafka and PostgreSQL, crashing at the worst
moments: between publish and checkpoint, and between applying and committing offsets."""

from __future__ import annotations

import pytest

from kit.kafka.clients import ensure_topics
from kit.kafka.publisher import KafkaPublisher
from kit.postgres.readmodel import PgReadModelDb
from kit.projections.runner import ProjectionRunner
from kit.projections.worker import ProjectionWorker
from kit.relay import OutboxRelay
from kit.sqlite.checkpoints import SqliteCheckpoints
from services.membership.adapters.read_model_sql import SQL
from services.membership.adapters.wire import CODEC
from services.membership.application.projections import all_projections


class Crash(Exception):
    pass


class CrashOnce:
    """Wraps an object; the named method raises once, at its `after`-th call."""

    def __init__(self, inner, method: str, after: int = 1) -> None:
        self.inner, self.method, self.calls, self.after = inner, method, 0, after

    def __getattr__(self, name):
        attr = getattr(self.inner, name)
        if name != self.method:
            return attr

        def wrapped(*args, **kwargs):
            self.calls += 1
            if self.calls == self.after:
                raise Crash(f"crash in {name}")
            return attr(*args, **kwargs)

        return wrapped


def relay_all(relay: OutboxRelay) -> None:
    while relay.run_once():
        pass


def drain(worker: ProjectionWorker, head: int, topic: str) -> None:
    for _ in range(200):
        worker.run_once(500)
        if min(worker.runner.checkpoints(topic).values()) >= head:
            return
    raise AssertionError("the worker did not catch up")


def dumps(runner: ProjectionRunner):
    with runner.db.transaction() as conn:
        # the read models of the service's own log (membership's evaluation_reviews follows
        # evaluations' log, which these tests do not write)
        return {p.name: p.dump(conn) for p in runner.projections
                if runner.follows(p, runner.own_source)}


def test_a_relay_crash_between_publish_and_checkpoint_resends_and_skips_nothing(world, open_source):
    app, bootstrap, dsn, topic, schema, tmp, tag = world
    checkpoints = SqliteCheckpoints(tmp / "relay.db")
    crashing = OutboxRelay(app.store, CrashOnce(checkpoints, "save", after=2),
                           KafkaPublisher(bootstrap, lambda e: topic), name="r", batch_size=100)
    with pytest.raises(Crash):
        relay_all(crashing)  # batch 2 reached the broker, its checkpoint did not
    assert checkpoints.get("r") == 100
    relay_all(OutboxRelay(app.store, checkpoints, KafkaPublisher(bootstrap, lambda e: topic),
                          name="r", batch_size=100))
    head = app.store.head_position()
    assert checkpoints.get("r") == head

    runner = ProjectionRunner(None, PgReadModelDb(dsn, schema), all_projections(CODEC, SQL["postgres"]),
                              own_source=topic)
    worker = ProjectionWorker(open_source([topic], f"g{tag}"), runner, "g")
    drain(worker, head, topic)
    # the re-sent batch arrived twice and applied once: the read models equal the embedded ones
    assert dumps(runner) == dumps(app.runner)
    assert runner.dead_letters() == []


def test_a_worker_crash_before_committing_offsets_redelivers_and_applies_once(world, open_source):
    app, bootstrap, dsn, topic, schema, tmp, tag = world
    relay_all(OutboxRelay(app.store, SqliteCheckpoints(tmp / "relay.db"),
                          KafkaPublisher(bootstrap, lambda e: topic), name="r"))
    head = app.store.head_position()
    runner = ProjectionRunner(None, PgReadModelDb(dsn, schema), all_projections(CODEC, SQL["postgres"]),
                              own_source=topic)
    source = open_source([topic], f"g{tag}")
    crashing = ProjectionWorker(CrashOnce(source, "commit"), runner, "g")
    with pytest.raises(Crash):
        for _ in range(50):
            crashing.run_once(1000)  # applies a batch, then dies before the offsets commit
    source.close()
    worker = ProjectionWorker(open_source([topic], f"g{tag}"), runner, "g")
    drain(worker, head, topic)
    assert dumps(runner) == dumps(app.runner)
    assert runner.dead_letters() == []


def test_redelivered_duplicates_change_nothing(world, open_source):
    app, bootstrap, dsn, topic, schema, tmp, tag = world
    publisher = KafkaPublisher(bootstrap, lambda e: topic)
    relay_all(OutboxRelay(app.store, SqliteCheckpoints(tmp / "a.db"), publisher, name="a"))
    relay_all(OutboxRelay(app.store, SqliteCheckpoints(tmp / "b.db"), publisher, name="b"))
    head = app.store.head_position()
    runner = ProjectionRunner(None, PgReadModelDb(dsn, schema), all_projections(CODEC, SQL["postgres"]),
                              own_source=topic)
    worker = ProjectionWorker(open_source([topic], f"g{tag}"), runner, "g")
    drain(worker, head, topic)
    for _ in range(100):  # then consume the second copy of every event, to the topic's end
        worker.run_once(500)
        if worker.source.lag() == {topic: 0}:
            break
    else:
        raise AssertionError("the second copy was not consumed")
    assert dumps(runner) == dumps(app.runner)


def test_an_event_a_projection_cannot_handle_is_parked_on_the_dead_letter_topic_and_replayed(
        world, open_source, monkeypatch):
    """The worker keeps going past an event it cannot apply; after a fix, a command replays it."""
    from kit.kafka.clients import KafkaDeadLetters
    from partyorg.processes.dead_letters import main as dead_letters

    app, bootstrap, dsn, topic, schema, tmp, tag = world
    relay_all(OutboxRelay(app.store, SqliteCheckpoints(tmp / "relay.db"),
                          KafkaPublisher(bootstrap, lambda e: topic), name="r"))
    head = app.store.head_position()
    ensure_topics(bootstrap, [f"{topic}.dlq"])
    projections = all_projections(CODEC, SQL["postgres"])
    broken = next(p for p in projections if p.name == "member_history")
    real_handle = broken.handle

    def fails_on_deaths(envelope, db):
        if envelope.type == "membership.MemberDied":
            raise RuntimeError("a bug in this release")
        real_handle(envelope, db)

    real_batch = broken.handle_batch

    def batch_fails_on_deaths(envelopes, db):  # the same bug on the batch path
        if any(e.type == "membership.MemberDied" for e in envelopes):
            raise RuntimeError("a bug in this release")
        real_batch(envelopes, db)

    broken.handle = fails_on_deaths
    broken.handle_batch = batch_fails_on_deaths
    runner = ProjectionRunner(None, PgReadModelDb(dsn, schema), projections, own_source=topic)
    worker = ProjectionWorker(open_source([topic], f"g{tag}"), runner, "g",
                              KafkaDeadLetters(bootstrap))
    drain(worker, head, topic)
    parked = runner.dead_letters()
    assert parked and {r["type"] for r in parked} == {"membership.MemberDied"}
    assert all("a bug in this release" in r["reason"] for r in parked)
    dlq = open_source([f"{topic}.dlq"], f"dlq{tag}")
    seen = []
    for _ in range(40):
        seen += dlq.poll(500)
        if len(seen) >= len(parked):
            break
    assert len(seen) == len(parked)  # each parked event is on the dead-letter topic too

    monkeypatch.setenv("PARTYORG_MEMBERSHIP_READ_SCHEMA", schema)
    monkeypatch.setenv("PARTYORG_MEMBERSHIP_TOPIC", topic)
    dead_letters(["membership", "replay"])  # the fixed release replays them
    assert runner.dead_letters() == []
    assert dumps(runner) == dumps(app.runner)
