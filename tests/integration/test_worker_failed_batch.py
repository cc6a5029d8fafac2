"""A batch the projection worker fails to apply (a database hiccup, not a lost connection) is
polled again: the consumer's position had already moved past it."""

from __future__ import annotations

from kit.kafka.clients import KafkaPublisher
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
    failures = 0
    for _ in range(300):
        try:
            worker.run_once(500)
        except Hiccup:
            failures += 1
        if min(runner.checkpoints(topic).values()) >= head:
            break
    assert failures == 1
    with runner.db.transaction() as conn:
        ours = {p.name: p.dump(conn) for p in runner.projections}
    with app.runner.db.transaction() as conn:
        embedded = {p.name: p.dump(conn) for p in app.runner.projections
                    if app.runner.follows(p, app.runner.own_source)}  # membership's own log
    assert ours == embedded  # nothing the failed batch carried is missing
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
    failures = 0
    for _ in range(300):
        try:
            worker.run_once(500)
        except Hiccup:
            failures += 1
        if min(runner.checkpoints(topic).values()) >= head:
            break
    assert failures == 1 and sink.sent == [b"not an envelope"]
    assert _dumps(runner) == _embedded(app)  # nothing polled with it is missing
    runner.db.close()


def test_a_renewed_read_model_whose_first_batch_failed_still_gets_every_event(
        world, open_source, monkeypatch):
    """Read again from the start, the group's committed offset is still the old one until this
    consumer commits: a failed first batch goes back to where it began, not there."""
    from kit.kafka.clients import KafkaEventSource

    app, bootstrap, dsn, topic, schema, tmp_path, tag = world
    relay = OutboxRelay(app.store, SqliteCheckpoints(tmp_path / "relay.db"),
                        KafkaPublisher(bootstrap, lambda e: topic), name="r")
    while relay.run_once():
        pass
    head = app.store.head_position()
    group = f"g{tag}"
    first = ProjectionRunner(None, PgReadModelDb(dsn, schema),
                             all_projections(CODEC, SQL["postgres"]), own_source=topic)
    source = open_source([topic], group)
    worker = ProjectionWorker(source, first, group)
    while min(first.checkpoints(topic).values()) < head:
        worker.run_once(500)
    source.close()  # the group's offsets: at the topic's end
    first.db.close()

    projections = all_projections(CODEC, SQL["postgres"])
    history = next(p for p in projections if p.name == "member_history")
    monkeypatch.setattr(type(history), "version", history.version + 1)
    renewed = ProjectionRunner(None, PgReadModelDb(dsn, schema), projections, own_source=topic)
    source = KafkaEventSource(bootstrap, [topic], group, from_start=renewed.behind())
    worker = ProjectionWorker(source, FailsFirst(renewed), group)
    failures = 0
    try:
        for _ in range(300):
            try:
                worker.run_once(500)
            except Hiccup:
                failures += 1
            if min(renewed.checkpoints(topic).values()) >= head:
                break
    finally:
        source.close()
    assert failures == 1
    assert _dumps(renewed)["member_history"] == _embedded(app)["member_history"]
    renewed.db.close()


class FailsFirst(FailsOnce):
    def apply(self, batch, source=None):
        self.calls += 1
        if self.calls == 1:
            raise Hiccup("the database refused the first batch")
        return self.inner.apply(batch, source)
