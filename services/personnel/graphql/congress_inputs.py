"""Inputs of the congress and election mutations: one per command, each able to build it."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import COMMAND_ID
from services.personnel import api as c

from .inputs import CadreDecisionInput


@strawberry.input(description="kind: members (đại hội đảng viên: the members on its rolls are "
                              "summoned) | delegates (đại hội đại biểu: `delegates` summoned).")
class ConveneCongressInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID
    term: str = strawberry.field(description="e.g. 2025-2030")
    kind: str
    notice_on: date
    opens_on: date
    delegates: int | None = None

    def to_command(self) -> c.ConveneCongress:
        return c.ConveneCongress(str(self.organisation_id), self.term, self.kind,
                                 self.notice_on, self.opens_on, self.delegates)


@strawberry.input(description="body: committee | standing_committee | secretary | "
                              "deputy_secretary | inspection_committee | delegates.")
class NominateCandidatesInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    congress_id: strawberry.ID
    body: str
    seats: int
    candidates: list[strawberry.ID] = strawberry.field(description="Member ids.")

    def to_command(self) -> c.NominateCandidates:
        return c.NominateCandidates(str(self.congress_id), self.body, self.seats,
                                    tuple(str(m) for m in self.candidates))


@strawberry.input
class CandidateVotesInput:
    member_id: strawberry.ID
    votes: int


@strawberry.input(description="One round of the secret ballot, counted.")
class RecordBallotResultsInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    congress_id: strawberry.ID
    election_id: strawberry.ID
    held_on: date
    present: int
    issued: int
    returned: int
    valid: int
    votes: list[CandidateVotesInput]

    def to_command(self) -> c.RecordBallotResults:
        return c.RecordBallotResults(
            str(self.congress_id), str(self.election_id), self.held_on, self.present,
            self.issued, self.returned, self.valid,
            tuple(c.CandidateVotesInput(str(v.member_id), v.votes) for v in self.votes))


@strawberry.input(description="Chuẩn y, by the organ the token names of the directly superior "
                              "committee.")
class ApproveElectionResultsInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    congress_id: strawberry.ID
    election_id: strawberry.ID
    decision: CadreDecisionInput

    def to_command(self) -> c.ApproveElectionResults:
        return c.ApproveElectionResults(str(self.congress_id), str(self.election_id),
                                        decision=self.decision.to_decision())


@strawberry.input(description="Chỉ định members of a body, by the directly superior committee.")
class AppointCommitteeMembersInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID
    term: str
    body: str
    members: list[strawberry.ID]
    decision: CadreDecisionInput

    def to_command(self) -> c.AppointCommitteeMembers:
        return c.AppointCommitteeMembers(str(self.organisation_id), self.term, self.body,
                                         tuple(str(m) for m in self.members),
                                         decision=self.decision.to_decision())
