"""The interval-splitting fold behind tree_as_of: an organisation's versions and a member's
placements, computed from their dated facts alone, whatever order the facts were recorded in.

A fact entered a year late lands in the interval it belongs to: the fold sorts facts by the date
they take effect, so inserting one at date d splits the interval holding d and the later
boundaries stay where their own facts put them. Merges are resolved as of each date: a parent or
branch merged on m is itself up to m and its survivor from m on. Dates are ISO strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kit.projections.intervals import (
    Interval,
    Successors,
    coalesce,
    follow,
    predecessors,
    set_step,
    steps_to_intervals,
)

Merges = Successors  # organisation -> (survivor, merged on)


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
        set_step(steps, f.on, state)
    out: list[Interval] = []
    for start, stop, (name, type_, parent) in steps_to_intervals(steps, end):
        if parent is None:
            out.append((start, stop, (name, type_, None)))
            continue
        out += [(s, e, (name, type_, p)) for s, e, p in follow(parent, start, stop, merges)]
    return coalesce(out)


def member_placements(facts: Iterable[MemberFact], merges: Merges) -> list[Interval]:
    """(valid_from, valid_to, (organisation_id, status)) of one member: the branch whose rolls
    kept them on each day (its merges resolved) and their status then."""
    steps: list[tuple[str, tuple]] = []
    org = status = None
    for f in sorted(facts, key=lambda f: (f.on, f.seq, f.part)):
        org = f.organisation_id or org
        status = f.status or status
        if org is not None and status is not None:
            set_step(steps, f.on, (org, status))
    out: list[Interval] = []
    for start, stop, (raw, st) in coalesce(steps_to_intervals(steps)):
        out += [(s, e, (o, st)) for s, e, o in follow(raw, start, stop, merges)]
    return coalesce(out)


def merged_into(org_ids: Iterable[str], merges: Merges) -> set[str]:
    """The organisations merged (directly or through others) into any of org_ids, with them:
    whose placements a merge of org_ids changes."""
    return predecessors(org_ids, merges)
