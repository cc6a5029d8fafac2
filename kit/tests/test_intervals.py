"""kit.projections.intervals: a change entered late lands in the interval it belongs to."""

from itertools import permutations

from kit.projections.intervals import coalesce, follow, predecessors, set_step, steps_to_intervals


def fold(changes):
    """changes: (day, value) in any order -> intervals, as a projection folds them."""
    steps = []
    for day, value in sorted(changes):
        set_step(steps, day, (value,))
    return coalesce(steps_to_intervals(steps))


def test_the_same_changes_in_any_order_fold_to_the_same_intervals():
    changes = [("2024-01-01", "a"), ("2025-06-15", "b"), ("2025-03-01", "a"), ("2026-01-01", "c")]
    results = {tuple(fold(list(order))) for order in permutations(changes)}
    assert results == {(("2024-01-01", "2025-06-15", ("a",)),
                        ("2025-06-15", "2026-01-01", ("b",)),
                        ("2026-01-01", None, ("c",)))}


def test_a_key_is_followed_to_its_successor_from_the_day_it_passed():
    successors = {"a": ("b", "2025-07-01"), "b": ("c", "2026-01-01")}
    assert follow("a", "2024-01-01", None, successors) == [
        ("2024-01-01", "2025-07-01", "a"), ("2025-07-01", "2026-01-01", "b"),
        ("2026-01-01", None, "c")]
    assert follow("a", "2024-01-01", "2025-06-15", successors) == [
        ("2024-01-01", "2025-06-15", "a")]
    assert follow("a", "2025-08-01", None, successors) == [
        ("2025-08-01", "2026-01-01", "b"), ("2026-01-01", None, "c")]
    assert predecessors({"c"}, successors) == {"a", "b", "c"}
