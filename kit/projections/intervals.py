"""Intervals of effective dates, folded from dated changes whatever order they were recorded
in: a change dated d splits the interval holding d; later boundaries stay where their own changes
put them. A key that passed to a successor on a date (a merge) is followed from that date on.
Dates are ISO strings (they sort as dates); an interval is (valid_from, valid_to or None, values).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

Successors = Mapping[str, tuple[str, str]]  # key -> (successor, from date)
Interval = tuple[str, str | None, tuple]


def follow(key: str, start: str, end: str | None, successors: Successors,
           depth: int = 0) -> list[tuple[str, str | None, str]]:
    """[start, end) held by key, split where key (or its successor) passed to a successor."""
    passed = successors.get(key)
    if passed is None or depth > 20:
        return [(start, end, key)]
    successor, on = passed
    if end is not None and end <= on:
        return [(start, end, key)]
    if on <= start:
        return follow(successor, start, end, successors, depth + 1)
    return [(start, on, key), *follow(successor, on, end, successors, depth + 1)]


def steps_to_intervals(steps: list[tuple[str, tuple]],
                        end: str | None = None) -> list[Interval]:
    out: list[Interval] = []
    for i, (on, values) in enumerate(steps):
        nxt = steps[i + 1][0] if i + 1 < len(steps) else end
        if nxt is None or nxt > on:
            out.append((on, nxt, values))
    return out


def coalesce(intervals: Iterable[Interval]) -> list[Interval]:
    """Adjacent intervals with the same values become one; empty ones go."""
    out: list[Interval] = []
    for start, end, values in intervals:
        if end is not None and end <= start:
            continue
        if out and out[-1][1] == start and out[-1][2] == values:
            out[-1] = (out[-1][0], end, values)
        else:
            out.append((start, end, values))
    return out


def set_step(steps: list[tuple[str, tuple]], on: str, values: tuple) -> None:
    """A change on `on`: a later fact of the same day replaces the day's earlier state."""
    if steps and steps[-1][0] == on:
        steps[-1] = (on, values)
    else:
        steps.append((on, values))


def predecessors(keys: Iterable[str], successors: Successors) -> set[str]:
    """The keys whose successors lead (directly or through others) to any of `keys`, with
    `keys` themselves."""
    wanted = set(keys)
    out = set(wanted)
    for key in successors:
        seen, current = set(), key
        while current in successors and current not in seen:
            seen.add(current)
            current = successors[current][0]
            if current in wanted:
                out.add(key)
                break
    return out
