"""A batch the projection worker fails to apply (a database hiccup, not a lost connection) is
polled again: the consumer's position had already moved past it."""

from __future__ import annotations

from kit.kafka.publisher import KafkaPublisher
from kit.postgres.readmodel import PgReadModelDb
from kit.projections.runner import ProjectionRunner
from kit.projections.worker import ProjectionWorker
from kit.relay import OutboxRelay
from kit.sqlite.checkpoints import SqliteCheckpoints
from services.membership.adapters.read_model_sql import SQL
from services.membership.adapters.wire import CODEC
from services.membership.application.projections import all_projections


class Hiccup(Exception):
    pass


class FailsOnce:
    """A ProjectionRunner whose second `apply` raises before touching the database."""

    def __init__(self, inner: ProjectionRunner) -> None:
        self.inner, self.calls = inner, 0

    def apply(self, batch, source=None):
        self.calls += 1
        if self.calls == 2:
            raise Hiccup("the database refused this batch")
        return self.inner.apply(batch, source)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def until_applied(worker: ProjectionWorker, runner: ProjectionRunner, topic: str,
                  head: int) -> int:
    """Polls until every projection holds the topic up to `head`; how many polls failed."""
    failures = 0
    for _ in range(300):
        try:
            worker.run_once(500)
        except Hiccup:
            failures += 1
        if min(runner.checkpoints(topic).values()) >= head:
            return failures
    raise AssertionError(f"not applied up to {head}: {runner.checkpoints(topic)}")


def test_a_batch_that_failed_to_apply_is_applied_on_the_next_polls(world, open_source):
    app, bootstrap, dsn, topic, schema, tmp_path, tag = world
    relay = OutboxRelay(app.store, SqliteCheckpoints(tmp_path / "relay.db"),
                        KafkaPublisher(bootstrap, lambda e: topic), name="r", batch_size=50)
    while relay.run_once():  # many small messages, so a poll returns only part of them
        pass
    head = app.store.head_position()
    runner = ProjectionRunner(None, PgReadModelDb(dsn, schema), all_projections(CODEC, SQL["postgres"]),
                              own_source=topic)
    source = open_source([topic], f"g{tag}")
    source.consumer.config["max_poll_records"] = 40
    worker = ProjectionWorker(source, FailsOnce(runner), "g")
    assert until_applied(worker, runner, topic, head) == 1
    assert _dumps(runner) == _embedded(app)  # nothing the failed batch carried is missing
    source.close()
    runner.db.close()


def _embedded(app) -> dict:
    with app.runner.db.transaction() as conn:
        return {p.name: p.dump(conn) for p in app.runner.projections
                if app.runner.follows(p, app.runner.own_source)}  # membership's own log


def _dumps(runner: ProjectionRunner) -> dict:
    with runner.db.transaction() as conn:
        return {p.name: p.dump(conn) for p in runner.projections}


class DeadLettersDownOnce:
    """A dead-letter sink whose first send fails (the broker briefly away)."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.failed = False

    def send(self, topic: str, raw: bytes, reason: str, projection: str) -> None:
        if not self.failed:
            self.failed = True
            raise Hiccup("the dead-letter topic did not answer")
        self.sent.append(raw)


def test_a_poll_whose_undecodable_message_could_not_be_parked_is_polled_again(world,
                                                                              open_source):
    from kafka import KafkaProducer

    app, bootstrap, dsn, topic, schema, tmp_path, tag = world
    relay = OutboxRelay(app.store, SqliteCheckpoints(tmp_path / "relay.db"),
                        KafkaPublisher(bootstrap, lambda e: topic), name="r", batch_size=50)
    relay.run_once()
    producer = KafkaProducer(bootstrap_servers=bootstrap)
    producer.send(topic, b"not an envelope").get(timeout=30)  # between valid events
    producer.close()
    while relay.run_once():
        pass
    head = app.store.head_position()
    runner = ProjectionRunner(None, PgReadModelDb(dsn, schema),
                              all_projections(CODEC, SQL["postgres"]), own_source=topic)
    source = open_source([topic], f"g{tag}")
    sink = DeadLettersDownOnce()
    worker = ProjectionWorker(source, runner, "g", sink)
    assert until_applied(worker, runner, topic, head) == 1
    assert sink.sent == [b"not an envelope"]
    assert _dumps(runner) == _embedded(app)  # nothing polled with it is missing
    runner.db.close()
