"""A congress (đại hội) of an organisation for a term and its elections (QĐ 190-QĐ/TW). Pure:
the handler hands in the organisation's type, the members its rolls hold, the rules in force and
the working-day calendar. Every threshold is a datum of domain/election_rules.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kit.aggregate import Aggregate
from kit.errors import Conflict, InvalidInput, InvalidState, NotFound
from kit.rules import RuleSet
from kit.workdays import WorkingDayCalendar

from .congress_events import (
    BallotCounted,
    CandidatesNominated,
    CandidateVotes,
    CommitteeMembersAppointed,
    CongressConvened,
    ElectionResultsApproved,
)
from .events import DecisionRecord

KINDS = ("members", "delegates")
BY_COMMITTEE = ("standing_committee", "inspection_committee", "deputy_secretary", "secretary")


def max_surplus(seats: int, rules: RuleSet) -> int:
    """The most candidates beyond the seats (số dư) the rule allows."""
    n, d = rules["election.max_surplus_share"]
    return seats * n // d


def has_quorum(present: int, summoned: int, rules: RuleSet) -> bool:
    n, d = rules["election.quorum_share"]
    return present * d >= summoned * n


def wins(votes: int, summoned: int, rules: RuleSet) -> bool:
    """More than the rule's share of those summoned (not of the votes cast)."""
    n, d = rules["election.win_share_over"]
    return votes * d > summoned * n


def count_round(votes: dict[str, int], seats: int, summoned: int,
                rules: RuleSet) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """(elected, tied, seats left): the winners, the highest when more win than the seats;
    those tied for the last seats go to a further round."""
    winners = sorted((m for m, v in votes.items() if wins(v, summoned, rules)),
                     key=lambda m: (-votes[m], m))
    if len(winners) <= seats:
        return tuple(winners), (), seats - len(winners)
    cut = votes[winners[seats - 1]]
    if votes[winners[seats]] != cut:
        return tuple(winners[:seats]), (), 0
    above = tuple(m for m in winners if votes[m] > cut)
    return above, tuple(m for m in winners if votes[m] == cut), seats - len(above)


def require_notice(notice_on: date, opens_on: date, rules: RuleSet,
                   calendar: WorkingDayCalendar) -> None:
    days = rules["congress.notice_working_days"]
    given = calendar.count(notice_on, opens_on)
    rules.require(given >= days, "congress.notice_working_days",
                  f"the notice of {notice_on.isoformat()} is {given} working days before the "
                  f"congress opens on {opens_on.isoformat()}; {rules.version} asks at least "
                  f"{days}")


@dataclass
class Election:
    body: str
    held_by: str
    seats: int
    candidates: tuple[str, ...]
    rounds: int = 0
    elected: list[str] = field(default_factory=list)
    tied: tuple[str, ...] = ()
    seats_left: int = 0
    approved: bool = False


class Congress(Aggregate):
    stream_prefix = "congress"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.organisation_id = ""
        self.organisation_type = ""
        self.term = ""
        self.opens_on = date.min
        self.summoned = 0
        self.members = 0
        self.direct_secretary = False
        self.elections: dict[str, Election] = {}

    def convene(self, organisation_id: str, organisation_type: str, term: str, kind: str,
                notice_on: date, opens_on: date, summoned: int, members: int, rules: RuleSet,
                calendar: WorkingDayCalendar) -> None:
        if self.exists:
            raise Conflict(f"congress {self.id} is already convened")
        if kind not in KINDS:
            raise InvalidInput("kind", f"{kind!r} is not one of: {', '.join(KINDS)}")
        if not term.strip():
            raise InvalidInput("term", "is required, e.g. 2025-2030")
        if summoned < 1:
            raise InvalidInput("delegates" if kind == "delegates" else "organisation_id",
                               "a congress summons at least one member or delegate")
        require_notice(notice_on, opens_on, rules, calendar)
        self.record(CongressConvened(
            self.id, organisation_id, organisation_type, term.strip(), kind, notice_on, opens_on,
            summoned, members, term.strip() in rules["election.direct_secretary_terms"],
            calendar.version, rules.version))

    def is_branch(self, rules: RuleSet) -> bool:
        return self.organisation_type in rules["election.branch_types"]

    def committee_elected(self) -> list[str]:
        return [m for e in self.elections.values() if e.body == "committee" for m in e.elected]

    def _held_by(self, body: str, rules: RuleSet) -> str:
        small = self.is_branch(rules) and (self.members
                                           < rules["election.branch_committee_min_members"])
        if body == "secretary" and (self.direct_secretary or small):
            return "congress"
        if body == "deputy_secretary" and small:
            return "congress"
        return "committee" if body in BY_COMMITTEE else "congress"

    def nominate(self, election_id: str, body: str, seats: int, candidates: tuple[str, ...],
                 rules: RuleSet) -> None:
        if body not in rules["election.bodies"]:
            raise InvalidInput("body", f"{body!r} is not one of: "
                                       f"{', '.join(rules['election.bodies'])}")
        if any(e.body == body for e in self.elections.values()):
            raise Conflict(f"this congress already has a list of candidates for the {body}")
        if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
            raise InvalidInput("seats", "must be a whole number of at least 1")
        if body == "secretary" and seats != 1:
            raise InvalidInput("seats", "a bí thư is one")
        if len(set(candidates)) != len(candidates):
            raise InvalidInput("candidates", "names a member twice")
        if len(candidates) < seats:
            raise InvalidInput("candidates", f"{len(candidates)} candidates for {seats} seats")
        self._require_body(body, seats, rules)
        surplus, most = len(candidates) - seats, max_surplus(seats, rules)
        n, d = rules["election.max_surplus_share"]
        rules.require(surplus <= most, "election.max_surplus_share",
                      f"{len(candidates)} candidates for {seats} seats is a số dư of {surplus}; "
                      f"{rules.version} allows at most {n}/{d} of the seats: {most}")
        held_by = self._held_by(body, rules)
        if held_by == "committee":
            committee = self.committee_elected()
            if not committee:
                raise InvalidState(f"the {body} is elected by the new committee: count the "
                                   "committee's election first")
            if body != "inspection_committee" and not set(candidates) <= set(committee):
                raise InvalidInput("candidates", f"the {body} is elected from the new "
                                                 "committee's members")
        self.record(CandidatesNominated(self.id, election_id, body, held_by, seats,
                                        tuple(candidates), surplus, rules.version))

    def _require_body(self, body: str, seats: int, rules: RuleSet) -> None:
        """A chi bộ with fewer official members than the rule elects a bí thư (and phó bí thư);
        with more, a chi ủy of at most the rule's seats; it has no BTV or UBKT."""
        if not self.is_branch(rules):
            return
        least = rules["election.branch_committee_min_members"]
        if body in ("standing_committee", "inspection_committee"):
            raise InvalidInput("body", f"a chi bộ elects no {body}")
        if body == "committee":
            rules.require(self.members >= least, "election.branch_committee_min_members",
                          f"a chi bộ of {self.members} members elects a bí thư and phó bí thư, "
                          f"not a chi ủy ({rules.version}: from {least} members)")
            most = rules["election.branch_committee_max_seats"]
            rules.require(seats <= most, "election.branch_committee_max_seats",
                          f"a chi ủy of {seats} members; {rules.version} allows at most {most}")

    def election(self, election_id: str) -> Election:
        if election_id not in self.elections:
            raise NotFound("election", election_id)
        return self.elections[election_id]

    def count(self, election_id: str, held_on: date, present: int, issued: int, returned: int,
              valid: int, votes: dict[str, int], rules: RuleSet) -> None:
        e = self.election(election_id)
        if e.approved or (e.rounds and not e.tied and not e.seats_left):
            raise InvalidState("this election is over: every seat is filled")
        summoned = self.summoned if e.held_by == "congress" else len(self.committee_elected())
        numbers = (("valid", valid), ("returned", returned), ("issued", issued),
                   ("present", present))
        for (name, value), (_, above) in zip(numbers, (*numbers[1:], ("summoned", summoned)),
                                             strict=True):
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= above:
                raise InvalidInput(name, f"must be a whole number from 0 to {above}")
        n, d = rules["election.quorum_share"]
        rules.require(has_quorum(present, summoned, rules), "election.quorum_share",
                      f"{present} of {summoned} summoned are present; {rules.version} asks at "
                      f"least {n}/{d}")
        if not e.rounds:
            expected = set(e.candidates)
        elif e.tied:
            expected = set(e.tied)
        else:
            expected = set(votes) if set(votes) <= set(e.candidates) - set(e.elected) else set()
        if not votes or set(votes) != expected:
            raise InvalidInput("votes", "must name exactly this round's candidates")
        for member, v in votes.items():
            if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= valid:
                raise InvalidInput("votes", f"{member}: must be from 0 to {valid} valid ballots")
        elected, tied, left = count_round(votes, e.seats_left if e.rounds else e.seats,
                                          summoned, rules)
        self.record(BallotCounted(
            self.id, election_id, e.rounds + 1, held_on, summoned, present, issued, returned,
            valid, tuple(CandidateVotes(m, votes[m]) for m in e.candidates if m in votes),
            elected, tied, left, rules.version))

    def approve(self, election_id: str, decision: DecisionRecord, rules: RuleSet) -> None:
        e = self.election(election_id)
        if e.approved:
            raise Conflict("this election's results are already approved")
        if not e.rounds or e.tied:
            raise InvalidState("approve an election once its ballot is counted, with no "
                               "further round pending")
        rules.require(decision.organ in rules["election.approval_organs"],
                      "election.approval_organs",
                      f"the {decision.organ} does not approve election results; "
                      f"{', '.join(rules['election.approval_organs'])} do")
        self.record(ElectionResultsApproved(self.id, election_id, tuple(e.elected), decision,
                                            rules.version))

    def apply(self, event: object) -> None:
        match event:
            case CongressConvened():
                self.organisation_id = event.organisation_id
                self.organisation_type, self.term = event.organisation_type, event.term
                self.opens_on = event.opens_on
                self.summoned, self.members = event.summoned, event.members
                self.direct_secretary = event.direct_secretary
            case CandidatesNominated():
                self.elections[event.election_id] = Election(
                    event.body, event.held_by, event.seats, event.candidates,
                    seats_left=event.seats)
            case BallotCounted():
                e = self.elections[event.election_id]
                e.rounds, e.tied, e.seats_left = event.round, event.tied, event.seats_left
                e.elected += list(event.elected)
            case ElectionResultsApproved():
                self.elections[event.election_id].approved = True


class CommitteeAppointment(Aggregate):
    """Chỉ định: one decision appointing members to a body; recorded apart from elections."""

    stream_prefix = "committee-appointment"

    def appoint(self, organisation_id: str, term: str, body: str, members: tuple[str, ...],
                decision: DecisionRecord, rules: RuleSet) -> None:
        if self.exists:
            raise Conflict(f"appointment {self.id} is already recorded")
        if body not in rules["election.bodies"] or body == "delegates":
            raise InvalidInput("body", f"{body!r} is not a body members are appointed to")
        if not members or len(set(members)) != len(members):
            raise InvalidInput("members", "names at least one member, each once")
        if not term.strip():
            raise InvalidInput("term", "is required, e.g. 2025-2030")
        rules.require(decision.organ in rules["election.approval_organs"],
                      "election.approval_organs",
                      f"the {decision.organ} does not appoint committee members; "
                      f"{', '.join(rules['election.approval_organs'])} do")
        self.record(CommitteeMembersAppointed(self.id, organisation_id, term.strip(), body,
                                              tuple(members), decision, rules.version))

    def apply(self, event: object) -> None:
        pass
