"""The interval-splitting fold behind tree_as_of: an organisation's versions and a member's
placements, computed from their dated facts alone, whatever order the facts were recorded in.

A fact entered a year late lands in the interval it belongs to: the fold sorts facts by the date
they take effect, so inserting one at date d splits the interval holding d and the later
boundaries stay where their own facts put them. Merges are resolved as of each date: a parent or
branch merged on m is itself up to m and its survivor from m on. Dates are ISO strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Merges = Mapping[str, tuple[str, str]]  # organisation -> (survivor, merged on)


@dataclass(frozen=True)
class OrgFact:
    on: str
    seq: int  # the order within the organisation's own stream: its facts are recorded in order
    kind: str  # created | renamed | moved | merged | dissolved
    name: str | None = None
    type: str | None = None
    parent_id: str | None = None


@dataclass(frozen=True)
class MemberFact:
    on: str
    seq: int  # the member's stream version: same-day facts in the order they were recorded
    part: int  # a fact with two effects (a file entered as official) keeps them in order
    organisation_id: str | None  # the placement from `on`, when the fact changes it
    status: str | None  # the status from `on`, when the fact changes it


Interval = tuple[str, str | None, tuple]  # valid_from, valid_to (None: open), values


def resolve(org_id: str, start: str, end: str | None, merges: Merges,
            depth: int = 0) -> list[tuple[str, str | None, str]]:
    """[start, end) in org_id, split where org_id (or its survivor) was merged."""
    merged = merges.get(org_id)
    if merged is None or depth > 20:
        return [(start, end, org_id)]
    into, on = merged
    if end is not None and end <= on:
        return [(start, end, org_id)]
    if on <= start:
        return resolve(into, start, end, merges, depth + 1)
    return [(start, on, org_id), *resolve(into, on, end, merges, depth + 1)]


def _steps_to_intervals(steps: list[tuple[str, tuple]],
                        end: str | None = None) -> list[Interval]:
    out: list[Interval] = []
    for i, (on, values) in enumerate(steps):
        nxt = steps[i + 1][0] if i + 1 < len(steps) else end
        if nxt is None or nxt > on:
            out.append((on, nxt, values))
    return out


def _coalesce(intervals: Iterable[Interval]) -> list[Interval]:
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


def _step(steps: list[tuple[str, tuple]], on: str, values: tuple) -> None:
    """A change on `on`: a later fact of the same day replaces the day's earlier state."""
    if steps and steps[-1][0] == on:
        steps[-1] = (on, values)
    else:
        steps.append((on, values))


def organisation_versions(facts: Iterable[OrgFact], merges: Merges) -> list[Interval]:
    """(valid_from, valid_to, (name, type, parent_id)) of one organisation, the parent being
    whoever held it on each day (its merges resolved)."""
    steps: list[tuple[str, tuple]] = []
    end: str | None = None
    state: tuple | None = None
    for f in sorted(facts, key=lambda f: (f.on, f.seq)):
        if f.kind == "created":
            state = (f.name, f.type, f.parent_id)
        elif state is None:
            continue
        elif f.kind == "renamed":
            state = (f.name, state[1], state[2])
        elif f.kind == "moved":
            state = (state[0], state[1], f.parent_id)
        else:  # merged, dissolved: the organisation ends
            end = f.on
            break
        _step(steps, f.on, state)
    out: list[Interval] = []
    for start, stop, (name, type_, parent) in _steps_to_intervals(steps, end):
        if parent is None:
            out.append((start, stop, (name, type_, None)))
            continue
        out += [(s, e, (name, type_, p)) for s, e, p in resolve(parent, start, stop, merges)]
    return _coalesce(out)


def member_placements(facts: Iterable[MemberFact], merges: Merges) -> list[Interval]:
    """(valid_from, valid_to, (organisation_id, status)) of one member: the branch whose rolls
    kept them on each day (its merges resolved) and their status then."""
    steps: list[tuple[str, tuple]] = []
    org = status = None
    for f in sorted(facts, key=lambda f: (f.on, f.seq, f.part)):
        org = f.organisation_id or org
        status = f.status or status
        if org is not None and status is not None:
            _step(steps, f.on, (org, status))
    out: list[Interval] = []
    for start, stop, (raw, st) in _coalesce(_steps_to_intervals(steps)):
        out += [(s, e, (o, st)) for s, e, o in resolve(raw, start, stop, merges)]
    return _coalesce(out)


def merged_into(org_ids: Iterable[str], merges: Merges) -> set[str]:
    """The organisations whose merges lead (directly or through others) into any of org_ids,
    with org_ids themselves: whose placements a merge of org_ids changes."""
    wanted = set(org_ids)
    out = set(wanted)
    for org in merges:
        seen, current = set(), org
        while current in merges and current not in seen:
            seen.add(current)
            current = merges[current][0]
            if current in wanted:
                out.add(org)
                break
    return out
