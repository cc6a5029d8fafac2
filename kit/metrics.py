"""Prometheus metrics every process exposes. Names follow Prometheus conventions.

Lags are not gauges a loop sets: a loop that is stuck would leave them at their last value (0,
as often as not). They are read when scraped (`LAG`), each from a head and a checkpoint read
apart from the loop that moves the checkpoint.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar

from prometheus_client import REGISTRY, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)
T = TypeVar("T")

COMMANDS = Counter(
    "partyorg_commands_total", "Commands handled, by outcome", ["service", "command", "outcome"]
)
COMMAND_DURATION = Histogram(
    "partyorg_command_duration_seconds",
    "Time to handle a command, load to append",
    ["service", "command"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
EVENTS_APPENDED = Counter(
    "partyorg_events_appended_total", "Events appended to the store", ["service", "type"]
)
PEER_EVENTS = Counter(
    "partyorg_peer_events_total",
    "Events of a linked deployment read by this one's link (kit.links), by peer and service",
    ["service", "peer"])
DEAD_LETTERS = Counter(
    "partyorg_dead_letters_total", "Events a projection could not handle", ["projection"]
)
RPC_VISIBILITY_WAIT = Histogram(
    "partyorg_rpc_read_your_writes_wait_seconds",
    "Time a command's RPC reply waited for the read models to apply its events",
    ["service"], buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
GRAPHQL_DURATION = Histogram(
    "partyorg_graphql_request_duration_seconds",
    "GraphQL request duration by operation",
    ["operation"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
GRAPHQL_ERRORS = Counter(
    "partyorg_graphql_errors_total", "GraphQL errors by kind", ["operation", "kind"]
)
GRAPHQL_ANSWERS = Counter(
    "partyorg_graphql_answers_total",
    "Queries answered from a kept answer (hit) or looked up and executed (miss)", ["result"]
)
for _result in ("hit", "miss"):  # exported at 0 from the start: rate() sees the first one
    GRAPHQL_ANSWERS.labels(_result)
GRAPHQL_EXECUTED = Counter(
    "partyorg_graphql_queries_executed_total",
    "Queries over the embedded read models executed, by where: the serving process or one of "
    "its query processes", ["where"]
)
for _where in ("serving_process", "query_process"):
    GRAPHQL_EXECUTED.labels(_where)


@contextmanager
def timed_command(service: str, command: str) -> Iterator[dict[str, str]]:
    """Count and time one command; the body sets outcome['outcome'] when it is not 'ok'."""
    outcome = {"outcome": "ok"}
    start = time.perf_counter()
    try:
        yield outcome
    except Exception as exc:
        outcome["outcome"] = getattr(exc, "code", "error")
        raise
    finally:
        COMMAND_DURATION.labels(service, command).observe(time.perf_counter() - start)
        COMMANDS.labels(service, command, outcome["outcome"]).inc()


# -- lag, read when scraped ------------------------------------------------------------------


@dataclass(frozen=True)
class LagGauge:
    """A lag gauge (head minus checkpoint, by `labels`) and, if named, its checkpoint gauge."""

    name: str
    help: str
    labels: tuple[str, ...]
    checkpoint: str | None = None
    checkpoint_help: str = ""


RELAY_LAG = LagGauge(
    "partyorg_relay_lag_events", "Store head minus the relay's saved checkpoint", ("relay",),
    "partyorg_relay_checkpoint_position", "Last position the broker acknowledged, as saved")
PROJECTION_LAG = LagGauge(
    "partyorg_projection_lag_events",
    "Source head (the store's, or the last position on the topic) minus the checkpoint",
    ("projection", "source"),
    "partyorg_projection_checkpoint_position", "Last global position applied, as committed")
CONSUMER_LAG = LagGauge(
    "partyorg_kafka_consumer_lag_messages",
    "Messages between the topic's end and the group's committed offset", ("group", "topic"))
LAG_GAUGES = (RELAY_LAG, PROJECTION_LAG, CONSUMER_LAG)


class Latest(Generic[T]):
    """The latest value of a reading that may block (a locked table, a broker away): each call
    starts a reading on a thread of its own unless one is still running, waits for it at most
    `wait_s`, and returns the newest value read (None before the first). A scrape never hangs,
    and a stuck or failing reading leaves its last value standing."""

    def __init__(self, read: Callable[[], T], what: str, wait_s: float = 0.5) -> None:
        self._read = read
        self.what = what
        self.wait_s = wait_s
        self._lock = threading.Lock()
        self._running: threading.Thread | None = None
        self._value: T | None = None

    def __call__(self) -> T | None:
        with self._lock:
            if self._running is None:  # daemon: a reading stuck on a lock never holds up exit
                self._running = threading.Thread(target=self._read_once, daemon=True,
                                                 name=f"reading {self.what}")
                self._running.start()
            running = self._running
        running.join(self.wait_s)
        return self._value

    def _read_once(self) -> None:
        try:
            self._value = self._read()
        except Exception as exc:
            log.warning("cannot read %s for the lag gauges", self.what, extra={"error": repr(exc)})
        finally:
            with self._lock:
                self._running = None


@dataclass(frozen=True)
class Lag:
    """One lag gauge's series: `checkpoints()` by label values, the last of which names the head
    in `heads()` it is measured against. Both return at once (wrap a reading in `Latest`); None
    when not known yet."""

    gauge: LagGauge
    heads: Callable[[], Mapping[str, int] | None]
    checkpoints: Callable[[], Mapping[tuple[str, ...], int] | None]


class LagGauges(Collector):
    """The lag gauges, computed on each scrape from what the processes watch."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watched: dict[str, tuple[Lag, ...]] = {}

    def watch(self, key: str, *lags: Lag) -> Callable[[], None]:
        """Export `lags` under `key` (replacing what was watched under it: a process that rebuilds
        its relay after a lost connection keeps one set of series). Returns a function that stops
        watching them, unless something else has taken the key since."""
        with self._lock:
            self._watched[key] = lags

        def forget() -> None:
            with self._lock:
                if self._watched.get(key) is lags:
                    del self._watched[key]

        return forget

    def describe(self) -> Iterator[GaugeMetricFamily]:
        return iter(self._families().values())

    def collect(self) -> Iterator[GaugeMetricFamily]:
        families = self._families()
        with self._lock:
            watched = [lag for lags in self._watched.values() for lag in lags]
        done: set[tuple[str, tuple[str, ...]]] = set()  # one sample per series
        for lag in watched:
            heads, checkpoints = lag.heads() or {}, lag.checkpoints() or {}
            for labels, position in checkpoints.items():
                if (lag.gauge.name, labels) in done:
                    continue
                done.add((lag.gauge.name, labels))
                if lag.gauge.checkpoint is not None:
                    families[lag.gauge.checkpoint].add_metric(list(labels), position)
                head = heads.get(labels[-1])
                if head is not None:
                    families[lag.gauge.name].add_metric(list(labels), max(0, head - position))
        return iter(families.values())

    @staticmethod
    def _families() -> dict[str, GaugeMetricFamily]:
        out = {}
        for gauge in LAG_GAUGES:
            out[gauge.name] = GaugeMetricFamily(gauge.name, gauge.help, labels=gauge.labels)
            if gauge.checkpoint is not None:
                out[gauge.checkpoint] = GaugeMetricFamily(gauge.checkpoint, gauge.checkpoint_help,
                                                          labels=gauge.labels)
        return out


LAG = LagGauges()
REGISTRY.register(LAG)
