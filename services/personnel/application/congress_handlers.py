"""Handlers of congresses and elections: load, authorise, decide (QĐ 190-QĐ/TW). The rules are
the election rule book's (domain/election_rules.py) in force on the command's date."""

from __future__ import annotations

import uuid
from functools import cache
from typing import Protocol

from kit.errors import Forbidden, InvalidInput, NotFound
from kit.ids import parse_id
from kit.rules import RuleSet
from kit.workdays import WorkingDayCalendar

from ..domain import congress_commands as k
from ..domain.commands import DecisionInput
from ..domain.congress import CommitteeAppointment, Congress
from ..domain.election_rules import ELECTION_RULES
from ..domain.events import DecisionRecord
from .deps import CommandScope
from .views import OrganisationRef

ID_NAMESPACE = uuid.UUID("3e9a1c57-8b2d-4f60-a7e4-5d1c0b9f2a86")


def congress_id_for(command_id: str, kind: str) -> str:
    """Ids of new congresses, elections and appointments derive from the command id."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{kind}:{command_id}"))


class Rolls(Protocol):
    def members_count(self, organisation_id: str) -> tuple[int, int]: ...


@cache
def calendar(country: str, version: str) -> WorkingDayCalendar:
    return WorkingDayCalendar.of(country, overrides_version=version)


def _organisation(scope: CommandScope, organisation_id: str) -> OrganisationRef:
    org = scope.directory.organisation(organisation_id)
    if org is None:
        raise NotFound("organisation", organisation_id)
    return org


def _congress(scope: CommandScope, congress_id: str) -> Congress:
    congress = scope.repo.load(Congress, parse_id(congress_id, "congress_id"))
    if not congress.exists:
        raise NotFound("congress", congress_id)
    return congress


def _superior_decision(scope: CommandScope, organisation_id: str,
                       given: DecisionInput) -> tuple[DecisionRecord, RuleSet]:
    """A decision of the directly superior committee (cấp ủy cấp trên trực tiếp), by the organ
    its token names; the rule book's organs are checked by the aggregate."""
    rules = ELECTION_RULES.in_force(given.decided_on)
    superior = _organisation(scope, organisation_id).parent_id
    if scope.acting_for is not None and scope.acting_for != superior:
        raise Forbidden("election results are approved, and members appointed, by the directly "
                        "superior committee")
    organ = scope.context.acting_organ or ""
    if scope.acting_for is not None and not organ:
        raise Forbidden("a token that acts for no organ takes no decisions")
    organ = organ or rules["election.approval_organs"][0]
    return DecisionRecord(superior or organisation_id, organ, given.number.strip(),
                          given.decided_on, given.signer), rules


def convene_congress(cmd: k.ConveneCongress, scope: CommandScope, command_id: str) -> dict:
    org = _organisation(scope, parse_id(cmd.organisation_id, "organisation_id"))
    rules = ELECTION_RULES.in_force(cmd.notice_on)
    rolls: Rolls = scope.directory  # type: ignore[assignment]  # personnel's queries
    _, official = rolls.members_count(org.id)
    if cmd.kind == "delegates":
        if cmd.delegates is None:
            raise InvalidInput("delegates", "a delegates' congress names how many are summoned")
        summoned = cmd.delegates
    else:
        if cmd.delegates is not None:
            raise InvalidInput("delegates", "a members' congress summons the official members "
                                            "on its rolls")
        summoned = official  # probationary members attend but do not vote
    congress = Congress(congress_id_for(command_id, "congress"))
    congress.convene(org.id, org.type, cmd.term, cmd.kind, cmd.notice_on, cmd.opens_on,
                     summoned, official, rules, calendar(rules["calendar.country"], rules.version))
    scope.changed.append(congress)
    return {"congress_id": congress.id}


def nominate_candidates(cmd: k.NominateCandidates, scope: CommandScope,
                        command_id: str) -> dict:
    congress = _congress(scope, cmd.congress_id)
    for member_id in cmd.candidates:
        member = scope.directory.member(parse_id(member_id, "candidates"))
        if member is None or not scope.directory.is_within(member.organisation_id,
                                                           congress.organisation_id):
            raise InvalidInput("candidates", f"{member_id} is not a member of the organisation "
                                             "holding the congress")
    election_id = congress_id_for(command_id, "election")
    congress.nominate(election_id, cmd.body, cmd.seats, tuple(cmd.candidates),
                      ELECTION_RULES.in_force(congress.opens_on))
    scope.changed.append(congress)
    return {"congress_id": congress.id, "election_id": election_id}


def record_ballot_results(cmd: k.RecordBallotResults, scope: CommandScope,
                          command_id: str) -> dict:
    congress = _congress(scope, cmd.congress_id)
    votes: dict[str, int] = {}
    for v in cmd.votes:
        if v.member_id in votes:
            raise InvalidInput("votes", f"{v.member_id} is counted twice")
        votes[v.member_id] = v.votes
    congress.count(cmd.election_id, cmd.held_on, cmd.present, cmd.issued, cmd.returned,
                   cmd.valid, votes, ELECTION_RULES.in_force(cmd.held_on))
    scope.changed.append(congress)
    return {"congress_id": congress.id, "election_id": cmd.election_id}


def approve_election_results(cmd: k.ApproveElectionResults, scope: CommandScope,
                             command_id: str) -> dict:
    congress = _congress(scope, cmd.congress_id)
    congress.election(cmd.election_id)  # an id naming nothing is refused as such, first
    decision, rules = _superior_decision(scope, congress.organisation_id, cmd.decision)
    congress.approve(cmd.election_id, decision, rules)
    scope.changed.append(congress)
    return {"congress_id": congress.id, "election_id": cmd.election_id}


def appoint_committee_members(cmd: k.AppointCommitteeMembers, scope: CommandScope,
                              command_id: str) -> dict:
    org = _organisation(scope, parse_id(cmd.organisation_id, "organisation_id"))
    decision, rules = _superior_decision(scope, org.id, cmd.decision)
    appointment = CommitteeAppointment(congress_id_for(command_id, "appointment"))
    appointment.appoint(org.id, cmd.term, cmd.body, tuple(cmd.members), decision, rules)
    scope.changed.append(appointment)
    return {"appointment_id": appointment.id}


CONGRESS_HANDLERS = {
    k.ConveneCongress: convene_congress,
    k.NominateCandidates: nominate_candidates,
    k.RecordBallotResults: record_ballot_results,
    k.ApproveElectionResults: approve_election_results,
    k.AppointCommitteeMembers: appoint_committee_members,
}


def congress_ids(command: object, command_id: str) -> dict[str, str] | None:
    """The ids a congress command names or creates (service.ids_of), None for another."""
    match command:
        case k.ConveneCongress():
            return {"congress_id": congress_id_for(command_id, "congress")}
        case k.NominateCandidates():
            return {"congress_id": command.congress_id,
                    "election_id": congress_id_for(command_id, "election")}
        case k.RecordBallotResults() | k.ApproveElectionResults():
            return {"congress_id": command.congress_id, "election_id": command.election_id}
        case k.AppointCommitteeMembers():
            return {"appointment_id": congress_id_for(command_id, "appointment")}
    return None
