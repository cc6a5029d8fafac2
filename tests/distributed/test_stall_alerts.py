"""Every declared service's relay and projection worker, as processes on the real servers: their
lag is exported from the start and keeps being read while the process is stalled (alive, but
blocked by a lock), and the stall alerts of deploy/prometheus fire on what was scraped.

A worker is stalled by a lock on its checkpoint table (every batch of every projection writes
it), a relay by a lock on its checkpoint row's table; events are appended straight to the stores,
of a type no projection handles. Each service gets its own schemas, topics and group, all
removed afterwards; the services it follows get a relay of their own on fresh topics."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from kit.declaration import ServiceDeclaration, by_name
from kit.envelope import Actor, CommandContext, NewEvent
from kit.postgres.store import PostgresEventStore
from kit.store import StreamAppend
from kit.testing.ports import free_port
from kit.testing.prometheus import Recording, fires, scrape, values
from kit.testing.services import require_binary, require_env
from partyorg.distributed import Settings
from partyorg.services import SERVICES

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "deploy" / "prometheus" / "rules" / "partyorg.rules.yml"
PROJECTION_SERIES = ("partyorg_projection_lag_events", "partyorg_projection_checkpoint_position")
RELAY_SERIES = ("partyorg_relay_lag_events", "partyorg_relay_checkpoint_position")
EVERY_S = 0.5  # between scrapes; the rules' minute is one scrape in `fires`
STALLED_SCRAPES = 9  # the alerts need 5 minutes behind, then 1 more, plus the first


@dataclass
class World:
    """One service's relay and worker (and a relay for each service it follows)."""

    declaration: ServiceDeclaration
    env: dict[str, str]
    logs: Path
    settings: dict[str, Settings] = field(default_factory=dict)  # by service
    ports: dict[str, int] = field(default_factory=dict)  # by process
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    stores: dict[str, PostgresEventStore] = field(default_factory=dict)
    appended: int = 0

    def start(self, process: str, module: str, service: str) -> None:
        self.ports[process] = free_port()
        with open(self.logs / f"{process}.log", "wb") as log:
            self.procs[process] = subprocess.Popen(
                [sys.executable, "-m", module, service], stdout=log, stderr=subprocess.STDOUT,
                env={**self.env, "PARTYORG_METRICS_PORT": str(self.ports[process])}, cwd=ROOT)

    def url(self, process: str) -> str:
        return f"http://127.0.0.1:{self.ports[process]}/metrics"

    def append(self) -> None:
        """One event in every store the worker reads, of a type no projection handles."""
        self.appended += 1
        for store in self.stores.values():
            store.append([StreamAppend(f"lagtest-{uuid.uuid4()}", 0, [
                NewEvent("lagtest.Nothing", 1, {"n": self.appended}, datetime.now(UTC))])],
                CommandContext(str(uuid.uuid4()), "NB", Actor("lag-test", "system")))

    def log_tail(self) -> str:
        return "\n".join(f"--- {p.name}\n" + p.read_text(errors="replace")[-2000:]
                         for p in sorted(self.logs.glob("*.log")))

    def eventually(self, what: str, probe, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, proc in self.procs.items():
                assert proc.poll() is None, f"{name} exited waiting for {what}\n{self.log_tail()}"
            with contextlib.suppress(OSError):
                found = probe()
                if found:
                    return found
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}\n{self.log_tail()}")

    def expected_projections(self) -> set[tuple[str, str]]:
        """(projection, source) for every projection the worker runs and source it follows."""
        own = self.settings[self.declaration.name]
        return {(p.name, source)
                for p in self.declaration.projections(dict(own.followed_topics), "postgres")
                for source in (getattr(p, "sources", None) or (own.topic,))}


@pytest.fixture(params=SERVICES, ids=lambda d: d.name)
def world(request, tmp_path) -> Iterator[World]:
    declaration: ServiceDeclaration = request.param
    servers = {name: require_env(name, "deploy/local/up.sh, then source var/local-env.sh")
               for name in ("PARTYORG_PG_DSN", "PARTYORG_KAFKA_BOOTSTRAP")}
    tag = uuid.uuid4().hex[:8]
    named = by_name(SERVICES)
    involved = [declaration.name, *declaration.follows]
    env = {**os.environ, **servers, "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    for name in involved:
        prefix = f"PARTYORG_{name.upper()}"
        env |= {f"{prefix}_STORE_SCHEMA": f"lag_{tag}_{name}_es",
                f"{prefix}_READ_SCHEMA": f"lag_{tag}_{name}_rm",
                f"{prefix}_TOPIC": f"lag_{tag}.{name}",
                f"{prefix}_PROJECTION_GROUP": f"lag_{tag}_{name}-projections"}
    w = World(declaration, env, tmp_path)
    w.settings = {name: Settings.for_service(named[name], env) for name in involved}
    try:
        for name in involved:
            w.stores[name] = PostgresEventStore(servers["PARTYORG_PG_DSN"],
                                                w.settings[name].store_schema)
            w.start(f"{name}-relay", "partyorg.processes.relay", name)
        w.start("projections", "partyorg.processes.projections", declaration.name)
        yield w
    finally:
        for proc in w.procs.values():
            proc.terminate()
        exits = {}
        for name, proc in w.procs.items():
            try:
                exits[name] = proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                exits[name] = None
        for store in w.stores.values():
            store.close()
        _drop(w, servers)
    assert exits == dict.fromkeys(exits, 0), f"not every process stopped cleanly: {exits}"


def _drop(w: World, servers: dict[str, str]) -> None:
    from kafka import KafkaAdminClient

    with psycopg.connect(servers["PARTYORG_PG_DSN"], autocommit=True) as conn:
        for s in w.settings.values():
            for schema in (s.store_schema, s.read_schema):
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    admin = KafkaAdminClient(bootstrap_servers=servers["PARTYORG_KAFKA_BOOTSTRAP"],
                             request_timeout_ms=10000)
    try:
        made = {t for s in w.settings.values() for t in (s.topic, f"{s.topic}.dlq")}
        admin.delete_topics([t for t in made if t in admin.list_topics()])
        with contextlib.suppress(Exception):  # a group that never committed does not exist
            admin.delete_groups([w.settings[w.declaration.name].projection_group])
    finally:
        admin.close()


@contextlib.contextmanager
def locked(dsn: str, statement: str) -> Iterator[None]:
    """A lock held in an open transaction on a connection of its own, until the block ends."""
    with psycopg.connect(dsn) as conn:
        conn.execute(statement)
        try:
            yield
        finally:
            conn.rollback()


def lags(recording: Recording, name: str, first: int) -> dict:
    return {labels: vals[first:] for labels, vals in recording.series(name).items()}


def test_every_relay_and_projection_worker_exports_lag_and_fires_its_stall_alert(world, tmp_path):
    promtool = require_binary("promtool", "deploy/local/prometheus.sh up")
    name = world.declaration.name
    own = world.settings[name]
    relay = f"{name}-relay"
    expected = world.expected_projections()

    # from the start: every lag series, and the counters at 0
    def everything_exported():
        worker, publisher = scrape(world.url("projections")), scrape(world.url(relay))
        shown = {(dict(k)["projection"], dict(k)["source"])
                 for k in values(worker, "partyorg_projection_lag_events")}
        relayed = values(publisher, "partyorg_relay_lag_events")
        return (worker, publisher) if shown >= expected and relayed else None

    worker, publisher = world.eventually("every lag series on /metrics", everything_exported)
    assert set(values(worker, "partyorg_projection_lag_events").values()) == {0}
    assert values(publisher, "partyorg_relay_lag_events") == {(("relay", name),): 0}
    assert values(publisher, "partyorg_relay_failures_total") == {(("relay", name),): 0}
    assert values(publisher, "partyorg_relay_published_total") == {
        (("relay", name), ("topic", own.topic)): 0}
    assert {dict(k)["projection"] for k in values(worker, "partyorg_dead_letters_total")} == {
        p for p, _ in expected}
    assert {dict(k)["topic"] for k in values(worker, "partyorg_kafka_consumer_lag_messages")} \
        == {own.topic, *own.followed_topics.values()}

    # healthy: events flow and are applied; neither alert fires on it
    workers, relays = Recording.of(world.url("projections")), Recording.of(world.url(relay))
    for _ in range(8):
        world.append()
        time.sleep(EVERY_S)
        workers.take(1, 0)
        relays.take(1, 0)
    assert not fires(promtool, RULES, "PartyorgProjectionStalled", workers, PROJECTION_SERIES)[0]
    assert not fires(promtool, RULES, "PartyorgRelayStalled", relays, RELAY_SERIES)[0]

    # the worker stalled: its lag grows on every source, its checkpoint stands
    healthy = len(workers.scrapes)
    dsn = own.pg_dsn
    with locked(dsn, f"LOCK TABLE {own.read_schema}.projection_checkpoints IN SHARE MODE"):
        workers.take(STALLED_SCRAPES, EVERY_S, between=world.append)
        firing, output = fires(promtool, RULES, "PartyorgProjectionStalled", workers,
                               PROJECTION_SERIES, times=len(expected))  # each, on each source
    stalled = lags(workers, "partyorg_projection_lag_events", healthy)
    assert {(dict(k)["projection"], dict(k)["source"]) for k in stalled} >= expected
    for labels, lag in stalled.items():
        assert None not in lag and lag == sorted(lag) and lag[-1] >= lag[0] + 5, (labels, lag)
    for labels, position in lags(workers, "partyorg_projection_checkpoint_position",
                                 healthy).items():
        assert len(set(position)) == 1, (labels, position)
    consumer = lags(workers, "partyorg_kafka_consumer_lag_messages", healthy)
    assert all(lag[-1] >= lag[0] + 5 for lag in consumer.values()), consumer
    assert firing, output
    world.eventually("the worker to catch up", lambda: set(values(
        scrape(world.url("projections")), "partyorg_projection_lag_events").values()) == {0})

    # the relay stalled: its checkpoint cannot be saved; its lag grows
    healthy = len(relays.scrapes)
    with locked(dsn, f"LOCK TABLE {own.store_schema}.checkpoints IN SHARE MODE"):
        relays.take(STALLED_SCRAPES, EVERY_S, between=world.append)
        firing, output = fires(promtool, RULES, "PartyorgRelayStalled", relays, RELAY_SERIES,
                               times=1)
    (lag,) = lags(relays, "partyorg_relay_lag_events", healthy).values()
    assert None not in lag and lag == sorted(lag) and lag[-1] >= lag[0] + 5, lag
    (position,) = lags(relays, "partyorg_relay_checkpoint_position", healthy).values()
    assert len(set(position)) == 1, position
    assert firing, output
    world.eventually("the relay to catch up", lambda: values(
        scrape(world.url(relay)), "partyorg_relay_lag_events") == {(("relay", name),): 0})
