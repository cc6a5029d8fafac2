"""What handlers need: built once in bootstrap.py, and a CommandScope per command (service.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from kit.aggregate import Aggregate
from kit.errors import Forbidden, NotFound
from kit.repository import Repository
from kit.rules import RuleBook

from ..domain.member import Member
from ..domain.organisation import Organisation


class Occupancy(Protocol):
    """How many members and live sub-organisations an organisation has (from a read model)."""

    def members_on_rolls(self, organisation_id: str) -> int: ...

    def active_children(self, organisation_id: str) -> int: ...


@dataclass
class CommandScope:
    """One command's view of the world: the repository, the rules, today, and who is asking."""

    repo: Repository
    rules: RuleBook
    today: date
    occupancy: Occupancy
    acting_for: str | None  # organisation the user acts for; None for the system itself
    changed: list[Aggregate] = field(default_factory=list)
    read: list[Aggregate] = field(default_factory=list)

    def organisation(self, org_id: str, *, resolve_merged: bool = True) -> Organisation:
        org = self.repo.load(Organisation, org_id)
        if not org.exists:
            raise NotFound("organisation", org_id)
        seen = {org.id}
        while resolve_merged and org.merged_into and org.merged_into not in seen:
            org = self.repo.load(Organisation, org.merged_into)
            seen.add(org.id)
        return org

    def member(self, member_id: str) -> Member:
        member = self.repo.load(Member, member_id)
        if not member.exists:
            raise NotFound("member", member_id)
        return member

    def ancestors(self, org: Organisation) -> list[str]:
        """Ids of the organisation's ancestors, nearest first, following merges."""
        out: list[str] = []
        current = org
        while current.parent_id and current.parent_id not in out and len(out) < 20:
            current = self.organisation(current.parent_id)
            out.append(current.id)
        return out

    def authorise(self, org: Organisation) -> None:
        """A user changes only their own organisation's subtree."""
        if self.acting_for is None:
            return
        if org.id != self.acting_for and self.acting_for not in self.ancestors(org):
            raise Forbidden(f"organisation {org.name or org.id} is outside the subtree you act for")
