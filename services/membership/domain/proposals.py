"""Proposals (đề nghị): the branch resolves, a higher body decides.

Mixed into `Member` (it uses Member's guards `_require`, `_dated` and its state). A proposal stays
pending until the member's status changes (the decision taken, or the member gone); a decision
whose row in the table says `requires_proposal` is refused without one.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from kit.errors import InvalidInput, RuleViolated
from kit.rules import RuleBook, RuleSet
from kit.text import clean_text

from .authority import DecisionKind
from .events import AdmissionProposed, OfficialRecognitionProposed, RemovalFromRollsProposed
from .values import MemberStatus, RemovalGround

if TYPE_CHECKING:
    from .organisation import Organisation

Proposal = AdmissionProposed | OfficialRecognitionProposed | RemovalFromRollsProposed
_KINDS = {AdmissionProposed: DecisionKind.ADMISSION,
          OfficialRecognitionProposed: DecisionKind.RECOGNITION,
          RemovalFromRollsProposed: DecisionKind.REMOVAL_FROM_ROLLS}


class ProposalSteps:
    """The branch's proposals on a member, and the check a decision makes of them."""

    id: str
    proposals: dict[str, Proposal]  # decision kind -> the pending proposal
    probation_ends_on: date | None
    last_change_on: date | None

    def propose_admission(self, branch: Organisation, resolved_on: date, votes_for: int,
                          official_members: int, number: str, today: date,
                          rules: RuleBook) -> None:
        self._require(MemberStatus.APPLICANT)
        self._dated(resolved_on, today, "resolved_on")
        r = rules.in_force(resolved_on)
        _check_votes(votes_for, official_members, r)
        self.record(AdmissionProposed(self.id, branch.id, resolved_on, votes_for,
                                      official_members, _number(number), r.version))

    def propose_recognition(self, branch: Organisation, resolved_on: date, votes_for: int,
                            official_members: int, number: str, today: date,
                            rules: RuleBook) -> None:
        self._require(MemberStatus.PROBATIONARY)
        self._dated(resolved_on, today, "resolved_on")
        r = rules.in_force(resolved_on)
        if self.probation_ends_on is None or resolved_on < self.probation_ends_on:
            raise r.refuse("probation.months", "the branch considers recognition after probation "
                           f"ends ({_day(self.probation_ends_on)})")
        _check_votes(votes_for, official_members, r)
        self.record(OfficialRecognitionProposed(self.id, branch.id, resolved_on, votes_for,
                                                official_members, _number(number), r.version))

    def propose_removal_from_rolls(self, branch: Organisation, ground: RemovalGround,
                                   resolved_on: date, note: str, number: str,
                                   today: date) -> None:
        self._on_rolls()
        self._dated(resolved_on, today, "resolved_on")
        self.record(RemovalFromRollsProposed(
            self.id, branch.id, ground, resolved_on,
            clean_text(note, "note", max_length=500, required=False), _number(number)))

    def _check_proposal(self, kind: DecisionKind, required: bool, rule_version: str,
                        decided_on: date, ground: RemovalGround | None = None) -> None:
        proposal = self.proposals.get(kind.value)
        if proposal is None:
            if required:
                raise RuleViolated(kind.proposal_rule, rule_version,
                                   f"{kind.value} is decided on the branch's proposal; "
                                   "record the branch's resolution first")
            return
        if proposal.resolved_on > decided_on:
            raise InvalidInput("decided_on", "precedes the branch's proposal "
                                             f"({_day(proposal.resolved_on)})")
        if (ground is not None and isinstance(proposal, RemovalFromRollsProposed)
                and proposal.ground is not ground):
            raise InvalidInput("ground", "the branch proposed xóa tên on the ground "
                                         f"{proposal.ground.value}")

    def _apply_proposal(self, event: object) -> None:
        kind = _KINDS.get(type(event))
        if kind is not None:
            assert isinstance(event, Proposal)
            self.proposals[kind.value] = event
            self.last_change_on = event.resolved_on


def _check_votes(votes_for: int, official_members: int, r: RuleSet) -> None:
    if not isinstance(official_members, int) or official_members < 1:
        raise InvalidInput("official_members", "a branch votes with at least one official member")
    if not isinstance(votes_for, int) or not 0 <= votes_for <= official_members:
        raise InvalidInput("votes_for", "must lie between 0 and the official members")
    num, den = r["proposal.min_vote_fraction"]
    r.require(votes_for * den >= official_members * num, "proposal.min_vote_fraction",
              f"{votes_for} of {official_members} official members voted for; a proposal needs "
              f"at least {num}/{den}")


def _number(number: str) -> str:
    return clean_text(number, "number", max_length=50, required=False)


def _day(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "not started"
