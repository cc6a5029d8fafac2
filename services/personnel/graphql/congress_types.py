"""GraphQL types of congresses and elections: copies of the views, built by `of(view)`."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry


@strawberry.type(description="A candidate or winner, named from the member file.")
class ElectionPerson:
    member_id: strawberry.ID
    full_name: str | None

    @classmethod
    def of(cls, v: Any) -> ElectionPerson:
        return cls(member_id=strawberry.ID(v.member_id), full_name=v.full_name)


@strawberry.type
class BallotVotes:
    member_id: strawberry.ID
    full_name: str | None
    votes: int


@strawberry.type(description="One round of the secret ballot (biên bản kiểm phiếu).")
class BallotRound:
    round: int
    held_on: date
    summoned: int
    present: int
    issued: int
    returned: int
    valid: int
    votes: list[BallotVotes]
    elected: list[strawberry.ID]
    tied: list[strawberry.ID] = strawberry.field(
        description="Tied for the last seats: a further round is needed.")
    seats_left: int
    rule_version: str

    @classmethod
    def of(cls, v: Any) -> BallotRound:
        return cls(round=v.round, held_on=v.held_on, summoned=v.summoned, present=v.present,
                   issued=v.issued, returned=v.returned, valid=v.valid,
                   votes=[BallotVotes(member_id=strawberry.ID(x.member_id),
                                      full_name=x.full_name, votes=x.votes) for x in v.votes],
                   elected=[strawberry.ID(m) for m in v.elected],
                   tied=[strawberry.ID(m) for m in v.tied], seats_left=v.seats_left,
                   rule_version=v.rule_version)


@strawberry.type(description="Chuẩn y: the superior committee's decision.")
class ElectionApproval:
    organisation_id: strawberry.ID
    organ: str
    number: str
    decided_on: date
    signer: str
    rule_version: str


@strawberry.type(description="One election of a congress: its list, ballot rounds, winners "
                             "and approval.")
class CongressElection:
    id: strawberry.ID
    body: str
    held_by: str = strawberry.field(description="congress | committee (its first session)")
    seats: int
    surplus: int = strawberry.field(description="Số dư: candidates beyond the seats.")
    rule_version: str
    candidates: list[ElectionPerson]
    rounds: list[BallotRound]
    elected: list[ElectionPerson]
    further_round_needed: bool
    seats_left: int
    approval: ElectionApproval | None

    @classmethod
    def of(cls, v: Any) -> CongressElection:
        a = v.approval
        return cls(id=strawberry.ID(v.id), body=v.body, held_by=v.held_by, seats=v.seats,
                   surplus=v.surplus, rule_version=v.rule_version,
                   candidates=[ElectionPerson.of(p) for p in v.candidates],
                   rounds=[BallotRound.of(r) for r in v.rounds],
                   elected=[ElectionPerson.of(p) for p in v.elected],
                   further_round_needed=v.further_round_needed, seats_left=v.seats_left,
                   approval=ElectionApproval(
                       organisation_id=strawberry.ID(a.organisation_id), organ=a.organ,
                       number=a.number, decided_on=a.decided_on, signer=a.signer,
                       rule_version=a.rule_version) if a else None)


@strawberry.type(description="A congress (đại hội) of an organisation for a term.")
class Congress:
    id: strawberry.ID
    organisation_id: strawberry.ID
    term: str
    kind: str
    notice_on: date
    opens_on: date
    summoned: int
    members: int = strawberry.field(description="Official members on the "
                                                 "organisation's rolls then.")
    direct_secretary: bool = strawberry.field(description="The bí thư is elected directly at "
                                                          "the congress.")
    rule_version: str
    elections: list[CongressElection]

    @classmethod
    def of(cls, v: Any) -> Congress:
        return cls(id=strawberry.ID(v.id), organisation_id=strawberry.ID(v.organisation_id),
                   term=v.term, kind=v.kind, notice_on=v.notice_on, opens_on=v.opens_on,
                   summoned=v.summoned, members=v.members, direct_secretary=v.direct_secretary,
                   rule_version=v.rule_version,
                   elections=[CongressElection.of(e) for e in v.elections])


@strawberry.type(description="A member of an organisation's body for a term, elected or "
                             "appointed (chỉ định).")
class CommitteeSeat:
    body: str
    member_id: strawberry.ID
    full_name: str | None
    how: str = strawberry.field(description="elected | appointed")
    source_id: strawberry.ID = strawberry.field(description="The election or the appointment.")
    since: date
    approved: bool

    @classmethod
    def of(cls, v: Any) -> CommitteeSeat:
        return cls(body=v.body, member_id=strawberry.ID(v.member_id), full_name=v.full_name,
                   how=v.how, source_id=strawberry.ID(v.source_id), since=v.since,
                   approved=v.approved)
