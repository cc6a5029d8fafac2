"""The GraphQL target's p99 clause, judged against what graphql-core allows in the processes
executing queries."""

from __future__ import annotations

from bench.targets import _closed_loop_waits

FLOOR = {"trivial": {"engine_us": 30.0}, "page": {"engine_us": 1_030.0},
         "subtree": {"engine_us": 3_030.0}}
TRIVIAL = {"1": {"per_s": 800.0}, "10": {"per_s": 1_000.0}, "50": {"per_s": 900.0}}


def test_a_query_whose_best_rate_keeps_50_clients_waiting_over_100_ms_is_named():
    # best rate: 1 / (1/1000 + engine beyond trivial); page 500/s -> 100 ms (not over),
    # subtree 250/s -> 200 ms
    assert _closed_loop_waits(FLOOR, TRIVIAL, clients=50) == ["subtree 200 ms (50 ÷ 250/s)"]


def test_query_processes_side_by_side_share_the_engines_work():
    # two cores: subtree 1 / (1/1000 + 3 ms / 2) = 400/s -> 125 ms; page 667/s -> 75 ms
    assert _closed_loop_waits(FLOOR, TRIVIAL, clients=50, cores=2) == [
        "subtree 125 ms (50 ÷ 400/s)"]


def test_nothing_is_named_without_the_trivial_query_measured():
    assert _closed_loop_waits(FLOOR, {}, clients=50) == []
    assert _closed_loop_waits({"page": {"engine_us": 5_000.0}}, TRIVIAL, clients=50) == []
