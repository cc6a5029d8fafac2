"""The bench's medians: each figure is a round that was measured."""

from __future__ import annotations

from bench.stats import median, median_run


def test_the_median_of_an_odd_count_is_the_middle_round_whatever_the_order() -> None:
    assert median([9.0, 1.0, 5.0]) == 5.0


def test_the_median_of_an_even_count_is_the_upper_middle_round_not_an_average() -> None:
    assert median([4.0, 1.0, 3.0, 2.0]) == 3.0


def test_the_median_run_is_the_run_with_the_median_rate_and_keeps_every_rate() -> None:
    runs = [{"per_s": 3.0, "n": "a"}, {"per_s": 1.0, "n": "b"}, {"per_s": 2.0, "n": "c"}]
    assert median_run(runs) == {"per_s": 2.0, "n": "c", "runs_per_s": [3.0, 1.0, 2.0]}
