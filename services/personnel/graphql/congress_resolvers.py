"""Congress and election mutations and queries. Mutations are the organisation commission's
(gateway.commands refuses other roles); the service refuses, as not found, an organisation,
member or congress outside the token's subtree, and takes approvals and appointments only from
the directly superior committee. Congress results are not cadre files: any reading token whose
subtree holds the organisation reads them (the gateway's scope guard)."""

from __future__ import annotations

from typing import Any

import strawberry

from gateway.toolkit import CommandSucceeded, GatewayContext, execute
from services.personnel.api import parse_id

from . import congress_inputs as i
from . import congress_types as t
from .access import _queries
from .mutations import _union
from .types import Info

DENIED = "your roles do not allow recording congresses and elections"


@strawberry.type
class ConveneCongressSucceeded(CommandSucceeded):
    congress_id: strawberry.ID


@strawberry.interface(description="A command about one election of a congress succeeded.")
class ElectionCommandSucceeded(CommandSucceeded):
    congress_id: strawberry.ID
    election_id: strawberry.ID


@strawberry.type
class NominateCandidatesSucceeded(ElectionCommandSucceeded):
    pass


@strawberry.type
class RecordBallotResultsSucceeded(ElectionCommandSucceeded):
    pass


@strawberry.type
class ApproveElectionResultsSucceeded(ElectionCommandSucceeded):
    pass


@strawberry.type
class AppointCommitteeMembersSucceeded(CommandSucceeded):
    appointment_id: strawberry.ID


ConveneCongressResult = _union("ConveneCongress", ConveneCongressSucceeded)
NominateCandidatesResult = _union("NominateCandidates", NominateCandidatesSucceeded)
RecordBallotResultsResult = _union("RecordBallotResults", RecordBallotResultsSucceeded)
ApproveElectionResultsResult = _union("ApproveElectionResults",
                                      ApproveElectionResultsSucceeded)
AppointCommitteeMembersResult = _union("AppointCommitteeMembers",
                                       AppointCommitteeMembersSucceeded)


def run(info: Info, input: Any, succeeded: type) -> Any:
    return execute(info, "personnel", input, succeeded, parse_id=parse_id, denied=DENIED)


@strawberry.type
class CongressMutation:
    @strawberry.mutation(description="Triệu tập đại hội: refused, naming the rule, when the "
                                     "notice is shorter than the rule's working days.")
    def convene_congress(self, info: Info, input: i.ConveneCongressInput
                         ) -> ConveneCongressResult:
        return run(info, input, ConveneCongressSucceeded)

    @strawberry.mutation(description="The list of candidates: refused, naming the rule, for a "
                                     "số dư above the rule's share of the seats, or a body a "
                                     "chi bộ of its size does not elect.")
    def nominate_candidates(self, info: Info, input: i.NominateCandidatesInput
                            ) -> NominateCandidatesResult:
        return run(info, input, NominateCandidatesSucceeded)

    @strawberry.mutation(description="One round of the secret ballot: refused without quorum; "
                                     "a winner needs more than the rule's share of those "
                                     "summoned; ties for the last seats need a further round.")
    def record_ballot_results(self, info: Info, input: i.RecordBallotResultsInput
                              ) -> RecordBallotResultsResult:
        return run(info, input, RecordBallotResultsSucceeded)

    @strawberry.mutation(description="Chuẩn y an election's results.")
    def approve_election_results(self, info: Info, input: i.ApproveElectionResultsInput
                                 ) -> ApproveElectionResultsResult:
        return run(info, input, ApproveElectionResultsSucceeded)

    @strawberry.mutation(description="Chỉ định members of a body, recorded as appointed.")
    def appoint_committee_members(self, info: Info, input: i.AppointCommitteeMembersInput
                                  ) -> AppointCommitteeMembersResult:
        return run(info, input, AppointCommitteeMembersSucceeded)


def _scoped(ctx: GatewayContext, organisation_id: str) -> Any:
    ctx.require_organisation(organisation_id)
    return _queries(ctx)


@strawberry.type
class CongressQuery:
    @strawberry.field(description="A congress with its elections, candidates, ballot rounds "
                                  "and approval state.")
    def congress(self, info: Info, id: strawberry.ID) -> t.Congress | None:
        ctx = info.context
        ctx.require_read()
        view = _queries(ctx).congress(str(id))
        if view is None:
            return None
        ctx.require_organisation(view.organisation_id)
        return t.Congress.of(view)

    @strawberry.field(description="The organisation's congresses, latest first.")
    def congresses(self, info: Info, organisation_id: strawberry.ID) -> list[t.Congress]:
        return [t.Congress.of(v) for v in _scoped(info.context, str(organisation_id))
                .congresses(str(organisation_id))]

    @strawberry.field(description="Who sits on the organisation's bodies for the term, elected "
                                  "or appointed (chỉ định).")
    def committee_members(self, info: Info, organisation_id: strawberry.ID,
                          term: str) -> list[t.CommitteeSeat]:
        return [t.CommitteeSeat.of(v) for v in _scoped(info.context, str(organisation_id))
                .committee_members(str(organisation_id), term)]
