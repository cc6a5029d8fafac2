"""Events of congresses and elections (QĐ 190-QĐ/TW). Candidates and winners are named by
member id only: their names stay in membership's log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .events import DecisionRecord


@dataclass(frozen=True)
class CongressConvened:
    """Triệu tập đại hội: the organisation's congress for a term, with its notice."""

    congress_id: str
    organisation_id: str
    organisation_type: str
    term: str  # e.g. "2025-2030"
    kind: str  # members (đại hội đảng viên) | delegates (đại hội đại biểu)
    notice_on: date
    opens_on: date
    summoned: int  # official members or delegates summoned (triệu tập): those who vote
    members: int  # official members on the organisation's rolls (personnel's view of
    #               membership): the chi bộ's size under the 9-member rule
    direct_secretary: bool  # the congress elects the bí thư directly
    calendar_version: str
    rule_version: str


@dataclass(frozen=True)
class CandidatesNominated:
    """The list of candidates (danh sách bầu cử) for one election, with its seats."""

    congress_id: str
    election_id: str
    body: str  # committee | standing_committee | secretary | deputy_secretary |
    #            inspection_committee | delegates
    held_by: str  # congress | committee (the new committee's first session)
    seats: int
    candidates: tuple[str, ...]  # member ids
    surplus: int  # số dư
    rule_version: str


@dataclass(frozen=True)
class CandidateVotes:
    member_id: str
    votes: int


@dataclass(frozen=True)
class BallotCounted:
    """One round of a secret ballot, counted (biên bản kiểm phiếu)."""

    congress_id: str
    election_id: str
    round: int
    held_on: date
    summoned: int
    present: int
    issued: int
    returned: int
    valid: int
    votes: tuple[CandidateVotes, ...]
    elected: tuple[str, ...]  # member ids, most votes first
    tied: tuple[str, ...]  # tied for the last seats: a further round is needed
    seats_left: int
    rule_version: str


@dataclass(frozen=True)
class ElectionResultsApproved:
    """Chuẩn y: the directly superior committee approves an election's results."""

    congress_id: str
    election_id: str
    elected: tuple[str, ...]
    decision: DecisionRecord
    rule_version: str


@dataclass(frozen=True)
class CommitteeMembersAppointed:
    """Chỉ định: members appointed to a body by the superior committee, not elected."""

    appointment_id: str
    organisation_id: str
    term: str
    body: str
    members: tuple[str, ...]  # member ids
    decision: DecisionRecord
    rule_version: str
