"""Prometheus metrics every process exposes. Names follow Prometheus conventions."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import Counter, Gauge, Histogram

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
PROJECTION_CHECKPOINT = Gauge(
    "partyorg_projection_checkpoint_position", "Last global position applied", ["projection"]
)
PROJECTION_LAG = Gauge(
    "partyorg_projection_lag_events", "Store head minus projection checkpoint", ["projection"]
)
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
