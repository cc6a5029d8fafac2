"""What the congress queries answer with: plain values, typed for the RPC wire too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PersonNamed:
    member_id: str
    full_name: str | None  # None when personnel's view of membership does not hold the member


@dataclass(frozen=True)
class VoteCount:
    member_id: str
    full_name: str | None
    votes: int


@dataclass(frozen=True)
class BallotRoundView:
    round: int
    held_on: date
    summoned: int
    present: int
    issued: int
    returned: int
    valid: int
    votes: list[VoteCount]
    elected: list[str]  # member ids
    tied: list[str]  # member ids tied for the last seats: a further round is needed
    seats_left: int
    rule_version: str


@dataclass(frozen=True)
class ApprovalView:
    organisation_id: str
    organ: str
    number: str
    decided_on: date
    signer: str
    rule_version: str


@dataclass(frozen=True)
class ElectionView:
    id: str
    congress_id: str
    body: str
    held_by: str  # congress | committee
    seats: int
    surplus: int
    rule_version: str
    candidates: list[PersonNamed]
    rounds: list[BallotRoundView]
    elected: list[PersonNamed]
    further_round_needed: bool
    seats_left: int
    approval: ApprovalView | None


@dataclass(frozen=True)
class CongressView:
    id: str
    organisation_id: str
    organisation_type: str
    term: str
    kind: str
    notice_on: date
    opens_on: date
    summoned: int
    members: int
    direct_secretary: bool
    rule_version: str
    elections: list[ElectionView]


@dataclass(frozen=True)
class CommitteeSeat:
    """A member of an organisation's body for a term: elected (and whether approved) or
    appointed (chỉ định)."""

    organisation_id: str
    term: str
    body: str
    member_id: str
    full_name: str | None
    how: str  # elected | appointed
    source_id: str  # the election or the appointment
    since: date
    approved: bool
