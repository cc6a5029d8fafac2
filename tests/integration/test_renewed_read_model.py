"""A read model renewed by a release (a higher version: dropped, to be rebuilt) or added to a
running deployment starts from zero while its consumer group's offsets stand at the topic's end:
the projection worker reads that topic again from its start, the renewed read model is rebuilt
whole, and the others skip what they hold."""

from __future__ import annotations

import pytest

from kit.kafka.clients import KafkaEventSource
from kit.kafka.publisher import KafkaPublisher
from kit.postgres.readmodel import PgReadModelDb
from kit.projections.runner import ProjectionRunner
from kit.projections.worker import ProjectionWorker
from kit.relay import OutboxRelay
from kit.sqlite.checkpoints import SqliteCheckpoints
from services.membership.adapters.read_model_sql import SQL
from services.membership.adapters.wire import CODEC
from services.membership.application.projections import all_projections


def drain(worker: ProjectionWorker, runner: ProjectionRunner, topic: str, head: int) -> None:
    for _ in range(300):
        worker.run_once(500)
        if min(runner.checkpoints(topic).values()) >= head:
            return
    pytest.fail(f"the worker did not reach {head}: {runner.checkpoints(topic)}")


def dumps(runner: ProjectionRunner, follows) -> dict:
    with runner.db.transaction() as conn:
        return {p.name: p.dump(conn) for p in runner.projections if follows(p)}


def applied_by_the_last_release(world, open_source) -> tuple[int, str]:
    """The topic relayed whole and applied by every read model of the release before; the
    group's offsets stand at the topic's end. (head, group)"""
    app, bootstrap, dsn, topic, schema, tmp_path, tag = world
    relay = OutboxRelay(app.store, SqliteCheckpoints(tmp_path / "relay.db"),
                        KafkaPublisher(bootstrap, lambda e: topic), name="r")
    while relay.run_once():
        pass
    head = app.store.head_position()
    group = f"g{tag}"
    first = ProjectionRunner(None, PgReadModelDb(dsn, schema),
                             all_projections(CODEC, SQL["postgres"]), own_source=topic)
    assert first.behind() == [topic]  # nothing applied yet: where a new group starts anyway
    source = open_source([topic], group)
    drain(ProjectionWorker(source, first, group), first, topic, head)
    source.close()  # the group keeps its offsets: at the topic's end
    first.db.close()
    return head, group


def renewed_history(world, monkeypatch) -> ProjectionRunner:
    """The next release: member_history at a new version, dropped at start."""
    app, bootstrap, dsn, topic, schema, tmp_path, tag = world
    projections = all_projections(CODEC, SQL["postgres"])
    history = next(p for p in projections if p.name == "member_history")
    monkeypatch.setattr(type(history), "version", history.version + 1)
    return ProjectionRunner(None, PgReadModelDb(dsn, schema), projections, own_source=topic)


def test_a_renewed_read_model_is_rebuilt_from_the_topic_start(world, open_source, monkeypatch):
    app, bootstrap, dsn, topic, schema, tmp_path, tag = world
    head, group = applied_by_the_last_release(world, open_source)
    renewed = renewed_history(world, monkeypatch)
    assert renewed.checkpoints(topic)["member_history"] == 0
    assert renewed.behind() == [topic]
    source = KafkaEventSource(bootstrap, [topic], group, from_start=renewed.behind())
    try:
        drain(ProjectionWorker(source, renewed, group), renewed, topic, head)
    finally:
        source.close()

    ours = dumps(renewed, lambda p: True)
    embedded = dumps(app.runner, lambda p: app.runner.follows(p, app.runner.own_source))
    assert ours["member_history"] == embedded["member_history"]
    assert ours == embedded
    renewed.db.close()


class FailsFirst:
    """The runner, whose first `apply` raises before touching the database."""

    def __init__(self, inner: ProjectionRunner) -> None:
        self.inner, self.failed = inner, False

    def apply(self, batch, source=None):
        if not self.failed:
            self.failed = True
            raise RuntimeError("the database refused the first batch")
        return self.inner.apply(batch, source)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_a_renewed_read_model_whose_first_batch_failed_still_gets_every_event(
        world, open_source, monkeypatch):
    """Read again from the start, the group's committed offset is still the old one until this
    consumer commits: a failed first batch goes back to where it began, not there."""
    app, bootstrap, dsn, topic, schema, tmp_path, tag = world
    head, group = applied_by_the_last_release(world, open_source)
    renewed = renewed_history(world, monkeypatch)
    source = KafkaEventSource(bootstrap, [topic], group, from_start=renewed.behind())
    worker = ProjectionWorker(source, FailsFirst(renewed), group)
    try:
        with pytest.raises(RuntimeError, match="first batch"):
            for _ in range(120):  # the consumer joins its group first (a few seconds)
                worker.run_once(500)
        drain(worker, renewed, topic, head)
    finally:
        source.close()

    ours = dumps(renewed, lambda p: p.name == "member_history")
    embedded = dumps(app.runner, lambda p: p.name == "member_history")
    assert ours == embedded
    renewed.db.close()
