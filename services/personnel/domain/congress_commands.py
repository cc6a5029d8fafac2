"""Commands of congresses and elections. Ids are typed by what they name (kit.references): an
organisation, member or congress outside the caller's subtree is refused as not found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from kit.dates import PartyDate
from kit.references import Ref

from .commands import DecisionInput, MemberId, OrganisationId

CongressId = Annotated[str, Ref("congress")]
# an election is known only within its congress: the congress answers for it
ElectionId = Annotated[str, Ref("election", within="congress_id")]


@dataclass(frozen=True)
class ConveneCongress:
    """Triệu tập đại hội. `kind`: members (đại hội đảng viên: those summoned are the official
    members on its rolls) | delegates (đại hội đại biểu: `delegates` summoned, entered)."""

    organisation_id: OrganisationId
    term: str
    kind: str
    notice_on: PartyDate
    opens_on: PartyDate
    delegates: int | None = None


@dataclass(frozen=True)
class NominateCandidates:
    """The list of candidates for electing a body's `seats`."""

    congress_id: CongressId
    body: str
    seats: int
    candidates: tuple[MemberId, ...]


@dataclass(frozen=True)
class CandidateVotesInput:
    member_id: MemberId
    votes: int


@dataclass(frozen=True)
class RecordBallotResults:
    """The count of one round of the secret ballot."""

    congress_id: CongressId
    election_id: ElectionId
    held_on: PartyDate
    present: int
    issued: int
    returned: int
    valid: int
    votes: tuple[CandidateVotesInput, ...]


@dataclass(frozen=True)
class ApproveElectionResults:
    """Chuẩn y, by the organ the token names of the directly superior committee."""

    congress_id: CongressId
    election_id: ElectionId
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class AppointCommitteeMembers:
    """Chỉ định members of an organisation's body for a term, by the superior committee."""

    organisation_id: OrganisationId
    term: str
    body: str
    members: tuple[MemberId, ...]
    decision: DecisionInput = field(kw_only=True)
