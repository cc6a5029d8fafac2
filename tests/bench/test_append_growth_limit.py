"""The scale target's append clause, judged beside the bare driver's own growth."""

from __future__ import annotations

from bench.targets import _append_growth_limit


def _points(ours: list[float], bare: list[float] | None) -> list[dict]:
    sizes = [10_000, 1_000_000, 7_000_000]
    return [{"events": n, "append": {"us_per_event": o},
             **({} if bare is None else {"append_limit": {"us_per_event": bare[i]}})}
            for i, (n, o) in enumerate(zip(sizes, ours, strict=True))]


def test_a_store_cheaper_at_10k_than_twice_the_databases_growth_is_past_the_limit():
    # the database alone grows 32 µs an event: within x1.5 needs >= 64 µs at 10k; ours costs 57
    line = _append_growth_limit(_points([57.0, 78.0, 100.0], [16.0, 35.0, 48.0]))
    assert "the database grows 32 µs an event, ours 43" in line
    assert "needs ≥ 64 µs an event at 10,000 events and ours costs 57: past the limit" in line


def test_a_store_costly_enough_to_be_flat_over_the_databases_growth_is_not_excused():
    line = _append_growth_limit(_points([80.0, 110.0, 140.0], [16.0, 25.0, 30.0]))
    assert "grows 14 µs an event, ours 60" in line
    assert "past the limit" not in line


def test_nothing_is_said_without_the_bare_driver_at_every_size():
    assert _append_growth_limit(_points([57.0, 78.0, 100.0], None)) == ""
