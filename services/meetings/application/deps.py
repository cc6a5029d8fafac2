"""What handlers need: built once in bootstrap.py, and a CommandScope per command (service.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from kit.aggregate import Aggregate
from kit.errors import NotFound
from kit.repository import Repository
from kit.rules import RuleBook

from ..domain.branch import OrganisationInfo
from ..domain.events import SummonedMember
from ..domain.meeting import Meeting


@dataclass(frozen=True)
class MemberPlacement:
    """Where the meetings view keeps a person now: the branch and their status there
    (applicant | probationary | official | left)."""

    member_id: str
    organisation_id: str
    status: str


class Directory(Protocol):
    """The meetings service's own view of organisations and branch rolls (read models built
    from membership's events; see application/projections/rosters.py)."""

    def organisation_info(self, organisation_id: str) -> OrganisationInfo | None: ...

    def summons_for(self, organisation_id: str) -> list[SummonedMember]: ...

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool: ...

    def member_placement(self, member_id: str) -> MemberPlacement | None: ...


@dataclass
class CommandScope:
    """One command's view of the world: the repository, the rules, now, and who is asking."""

    repo: Repository
    rules: RuleBook
    now: datetime
    today: date
    directory: Directory
    acting_for: str | None  # organisation the user acts for; None for the system itself
    changed: list[Aggregate] = field(default_factory=list)

    def organisation(self, organisation_id: str) -> OrganisationInfo:
        """The organisation, if it exists within the caller's subtree; NotFound otherwise, the
        same answer either way (a refusal must not tell what lies outside the subtree)."""
        org = self.directory.organisation_info(organisation_id)
        if org is None or not self._within(org.id):
            raise NotFound("organisation", organisation_id)
        return org

    def authorise(self, organisation_id: str) -> None:
        """A user changes only meetings of their own organisation's subtree."""
        if not self._within(organisation_id):
            raise NotFound("organisation", organisation_id)

    def meeting(self, meeting_id: str) -> Meeting:
        """The meeting, if its branch is within the caller's subtree; NotFound otherwise."""
        meeting = self._meeting(meeting_id)
        if meeting is None:
            raise NotFound("meeting", meeting_id)
        self.changed.append(meeting)
        return meeting

    def can_see(self, kind: str, ident: str) -> bool:
        """For kit.references: may the caller see the object a command names?"""
        if self.acting_for is None:  # the system sees everything; handlers refuse what is not
            return True
        if kind == "meeting":
            return self._meeting(ident) is not None
        if kind == "organisation":
            return self.directory.organisation_info(ident) is not None and self._within(ident)
        if kind == "member":  # a person kept on (or applying to) a branch of the subtree
            placement = self.directory.member_placement(ident)
            return placement is not None and self._within(placement.organisation_id)
        raise ValueError(f"the meetings service does not know {kind} ids")

    def _meeting(self, meeting_id: str) -> Meeting | None:
        meeting = self.repo.load(Meeting, meeting_id)
        if not meeting.exists or not self._within(meeting.organisation_id):
            return None
        return meeting

    def _within(self, organisation_id: str) -> bool:
        return self.acting_for is None or self.directory.is_within(organisation_id,
                                                                    self.acting_for)
