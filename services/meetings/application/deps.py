"""What handlers need: built once in bootstrap.py, and a CommandScope per command (service.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from kit.aggregate import Aggregate
from kit.errors import Forbidden, NotFound
from kit.repository import Repository
from kit.rules import RuleBook

from ..domain.branch import OrganisationInfo
from ..domain.events import SummonedMember
from ..domain.meeting import Meeting


class Directory(Protocol):
    """The meetings service's own view of organisations and branch rolls (read models built
    from membership's events; see application/projections/rosters.py)."""

    def organisation_info(self, organisation_id: str) -> OrganisationInfo | None: ...

    def summons_for(self, organisation_id: str) -> list[SummonedMember]: ...

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool: ...


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
        org = self.directory.organisation_info(organisation_id)
        if org is None:
            raise NotFound("organisation", organisation_id)
        return org

    def authorise(self, organisation_id: str) -> None:
        """A user changes only meetings of their own organisation's subtree."""
        if self.acting_for is None:
            return
        if not self.directory.is_within(organisation_id, self.acting_for):
            raise Forbidden("the meeting's branch is outside the subtree you act for")

    def meeting(self, meeting_id: str) -> Meeting:
        meeting = self.repo.load(Meeting, meeting_id)
        if not meeting.exists:
            raise NotFound("meeting", meeting_id)
        self.authorise(meeting.organisation_id)
        self.changed.append(meeting)
        return meeting
