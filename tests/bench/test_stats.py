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


def test_the_median_run_by_another_figure_keeps_that_figure_of_every_run() -> None:
    runs = [{"rebuild_us_per_event": 76.0, "n": "noisy"}, {"rebuild_us_per_event": 46.0, "n": "a"},
            {"rebuild_us_per_event": 49.0, "n": "b"}]
    assert median_run(runs, key="rebuild_us_per_event") == {
        "rebuild_us_per_event": 49.0, "n": "b", "runs_rebuild_us_per_event": [76.0, 46.0, 49.0]}
