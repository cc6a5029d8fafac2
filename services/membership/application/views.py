"""What membership's queries answer with: plain values built from read-model rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kit.made import made as _made  # the views below have no __post_init__ and no slots


@dataclass(frozen=True)
class OrganisationView:
    id: str
    name: str
    type: str
    parent_id: str | None
    depth: int
    status: str
    merged_into: str | None
    established_on: date
    ended_on: date | None


@dataclass(frozen=True)
class OrganisationInScope:
    """An organisation and whether it lies within a given scope (is_within's answer): what
    the gateway's scope guard asks of each organisation a request names, in one question."""

    organisation: OrganisationView
    within: bool


@dataclass(frozen=True)
class TreeNode:
    organisation: OrganisationView
    own_counts: dict[str, int]  # members on this organisation's own rolls, by status
    subtree_counts: dict[str, int]  # the same, over the whole subtree
    children: list[TreeNode] = field(default_factory=list)


@dataclass(frozen=True)
class MemberView:
    id: str
    organisation_id: str
    full_name: str
    gender: str
    date_of_birth: date
    ethnicity: str
    hometown: str
    citizen_id: str
    education: str
    political_theory: str
    occupation: str
    qualification: str
    status: str
    exempt: bool
    temporary_organisation_id: str | None
    temporary_until: date | None
    submitted_on: date | None
    admitted_on: date | None
    first_admitted_on: date | None
    ceremony_on: date | None
    probation_ends_on: date | None
    official_from: date | None
    card_number: str | None
    left_on: date | None
    # suspension, a transfer letter out, a temporary transfer past its end (change_queries.py)
    suspended: bool = False
    suspended_on: date | None = None
    in_transit_to_organisation_id: str | None = None
    transit_present_by: date | None = None
    temporary_transfer_overdue: bool = False  # its end date passed, no return recorded


@dataclass(frozen=True)
class HistoryEntry:
    position: int
    event: str
    effective_on: date
    recorded_at: str
    actor: str
    details: dict[str, Any]


@dataclass(frozen=True)
class BadgeDue:
    member: MemberView
    years: int
    due_on: date


def optional_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _as_dict(row: Any) -> dict[str, Any]:
    """A new dict of the row. A row that is not a mapping (sqlite3.Row) finds each column by
    scanning its names, so dict() of it costs ~6 µs for the members table's 32 columns and
    pairing its names with its values ~1.5."""
    return dict(row) if isinstance(row, Mapping) else dict(zip(row.keys(), row, strict=True))


_MEMBER_TEXT = ("id", "organisation_id", "full_name", "gender", "ethnicity", "hometown",
                "citizen_id", "education", "political_theory", "occupation", "qualification",
                "status", "temporary_organisation_id", "card_number")
_MEMBER_DATES = ("date_of_birth", "temporary_until", "submitted_on", "admitted_on",
                 "first_admitted_on", "ceremony_on", "probation_ends_on", "official_from",
                 "left_on")


def member_view(row: Any, today: date | None = None) -> MemberView:
    """`today`: a temporary transfer whose end date has come is over (the member is no longer
    away) even without a recorded end; its end date stays, flagged overdue."""
    r = _as_dict(row)
    fields = {k: r[k] for k in _MEMBER_TEXT}
    for k in _MEMBER_DATES:
        fields[k] = optional_date(r[k])
    until = fields["temporary_until"]
    overdue = bool(r["temporary_organisation_id"] and until and today and until <= today)
    if overdue:
        fields["temporary_organisation_id"] = None
    fields.update(exempt=bool(r["exempt"]), suspended=bool(r.get("suspended")),
                  suspended_on=optional_date(r.get("suspended_on")),
                  in_transit_to_organisation_id=r.get("transit_to_organisation_id"),
                  transit_present_by=optional_date(r.get("transit_present_by")),
                  temporary_transfer_overdue=overdue)
    return _made(MemberView, fields)


def tree_node(organisation: OrganisationView, own_counts: dict[str, int]) -> TreeNode:
    """A node of a tree being assembled: its subtree counts and children still to come."""
    return _made(TreeNode, {"organisation": organisation, "own_counts": own_counts,
                            "subtree_counts": {}, "children": []})


def organisation_view(r: Any) -> OrganisationView:
    return _made(OrganisationView, {
        "id": r["id"], "name": r["name"], "type": r["type"], "parent_id": r["parent_id"],
        "depth": r["depth"], "status": r["status"], "merged_into": r["merged_into"],
        "established_on": date.fromisoformat(r["established_on"]),
        "ended_on": optional_date(r["ended_on"])})
