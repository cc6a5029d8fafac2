"""A projection worker or relay that is alive but blocked, under a stream of commands: its lag,
scraped from its /metrics, grows while the block lasts, and the stall alert of
deploy/prometheus/rules fires on what was scraped (promtool, one scrape a minute of rule time).
When the lock goes, it catches up and nothing is lost or applied twice."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from kit.testing.prometheus import Recording, fires
from kit.testing.services import require_binary

from .conftest import assert_nothing_lost
from .test_faults import _let_it_run

RULES = Path(__file__).resolve().parents[2] / "deploy/prometheus/rules/partyorg.rules.yml"
EVERY_S = 0.5
HEALTHY_SCRAPES = 8
STALLED_SCRAPES = 10  # the alerts need 5 minutes behind, 1 more, and the first


@pytest.fixture
def extra_env() -> dict[str, str]:
    # a command's reply stops waiting for stalled read models soon: the commands keep flowing
    return {"PARTYORG_RPC_VISIBILITY_TIMEOUT": "0.2"}


@pytest.fixture
def promtool() -> str:
    return require_binary("promtool", "deploy/local/prometheus.sh up")


@contextlib.contextmanager
def locked(dsn: str, statement: str) -> Iterator[None]:
    """A lock held in an open transaction on a connection of its own, until the block ends."""
    with psycopg.connect(dsn) as conn:
        conn.execute(statement)
        try:
            yield
        finally:
            conn.rollback()


def by_projection(recording: Recording, name: str, first: int,
                  source: str | None = None) -> dict[str, list]:
    """Each projection's values from scrape `first` on (the label sets beside it ignored), of
    one source's projections when it is given."""
    out: dict[str, list] = {}
    for labels, vals in recording.series(name).items():
        labels = dict(labels)
        if source is None or labels.get("source") == source:
            out[labels.get("projection", labels.get("relay"))] = vals[first:]
    return out


def source_of(recording: Recording, name: str, projection: str) -> str | None:
    """The source label of a projection's series."""
    return next((dict(labels).get("source") for labels in recording.series(name)
                 if dict(labels).get("projection") == projection), None)


def scraping(topology, process: str, timeout: float = 60) -> Recording:
    """A recording of the process's /metrics, once it answers (it may still be connecting)."""
    recording = Recording.of(topology.metrics_url(process))
    deadline = time.monotonic() + timeout
    while True:
        assert topology.procs[process].poll() is None, f"{process} exited\n{topology.log_tail()}"
        try:
            recording.read()
            return recording
        except OSError:
            assert time.monotonic() < deadline, f"{process} serves no metrics\n" \
                + topology.log_tail()
            time.sleep(0.2)


def grew(values: list) -> bool:
    return None not in values and values == sorted(values) and values[-1] >= values[0] + 10


def test_a_worker_blocked_by_a_lock_on_a_read_model_table_shows_its_lag_and_fires_the_alert(
        topology, stream, tmp_path, promtool):
    _let_it_run(stream, 2, at_least=20)
    s = topology.settings
    scraped = scraping(topology, "projections")
    scraped.take(HEALTHY_SCRAPES, EVERY_S)
    names = ("partyorg_projection_lag_events", "partyorg_projection_checkpoint_position")
    assert not fires(promtool, RULES, "PartyorgProjectionStalled", scraped, names)[0]

    # the history table: the worker writes it for every member; the service never reads it
    with locked(s.pg_dsn, f"LOCK TABLE {s.read_schema}.member_history IN ACCESS EXCLUSIVE MODE"):
        scraped.take(STALLED_SCRAPES, EVERY_S)
        firing, output = fires(promtool, RULES, "PartyorgProjectionStalled", scraped, names)
    # the projections of the locked table's log (membership's worker also follows evaluations'
    # topic, where this test writes nothing: no lag to grow there)
    own = source_of(scraped, "partyorg_projection_lag_events", "member_history")
    lag = by_projection(scraped, "partyorg_projection_lag_events", HEALTHY_SCRAPES, own)
    checkpoint = by_projection(scraped, "partyorg_projection_checkpoint_position",
                               HEALTHY_SCRAPES, own)
    print(f"stalled worker: lag {lag}, checkpoint {checkpoint}", flush=True)
    assert lag and all(grew(v) for v in lag.values()), lag
    assert all(len(set(v)) == 1 for v in checkpoint.values()), checkpoint
    assert firing, output
    assert_nothing_lost(topology, stream, tmp_path)


def test_a_relay_blocked_on_its_checkpoint_shows_its_lag_and_fires_the_alert(
        topology, stream, tmp_path, promtool):
    _let_it_run(stream, 2, at_least=20)
    s = topology.settings
    scraped = scraping(topology, "relay")
    scraped.take(HEALTHY_SCRAPES, EVERY_S)
    names = ("partyorg_relay_lag_events", "partyorg_relay_checkpoint_position")
    assert not fires(promtool, RULES, "PartyorgRelayStalled", scraped, names)[0]

    # it publishes the batch it read, then waits to save its checkpoint; commands go on
    with locked(s.pg_dsn, f"LOCK TABLE {s.store_schema}.checkpoints IN SHARE MODE"):
        scraped.take(STALLED_SCRAPES, EVERY_S)
        firing, output = fires(promtool, RULES, "PartyorgRelayStalled", scraped, names)
    (lag,) = by_projection(scraped, "partyorg_relay_lag_events", HEALTHY_SCRAPES).values()
    (checkpoint,) = by_projection(scraped, "partyorg_relay_checkpoint_position",
                                  HEALTHY_SCRAPES).values()
    print(f"stalled relay: lag {lag}, checkpoint {checkpoint}", flush=True)
    assert grew(lag), lag
    assert len(set(checkpoint)) == 1, checkpoint
    assert firing, output
    assert_nothing_lost(topology, stream, tmp_path)
