"""What handlers need: built once in bootstrap.py, and a CommandScope per command (service.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from kit.aggregate import Aggregate
from kit.errors import NotFound
from kit.repository import Repository
from kit.rules import RuleBook

from ..domain.member import Member
from ..domain.organisation import Organisation
from ..domain.province_transfer import IncomingTransfer


class Occupancy(Protocol):
    """How many members and live sub-organisations an organisation has (from a read model)."""

    def members_on_rolls(self, organisation_id: str) -> int: ...

    def active_children(self, organisation_id: str) -> int: ...

    def latest_fact_naming(self, organisation_id: str) -> tuple[str, date] | None: ...

    def member_history(self, member_id: str) -> list[Any]:
        """The member's facts by effective date (views.HistoryEntry): what a dossier carries
        to another province."""


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
    acting_organ: str = ""  # the organ of `acting_for` the caller acts as (token's organ claim)
    peers: Any = None  # kit.peers.Peers: the provinces this deployment transfers members to
    # each organisation loaded once per command: the scope check, the deciding body and the
    # path as of a decision's date all walk the same ancestors (one stream read each, else)
    _organisations: dict[str, Organisation] = field(default_factory=dict, repr=False)

    def _load_one(self, org_id: str) -> Organisation:
        org = self._organisations.get(org_id)
        if org is None:
            org = self._organisations[org_id] = self.repo.load(Organisation, org_id)
        return org

    def _load(self, org_id: str, resolve_merged: bool,
              as_of: date | None = None) -> Organisation | None:
        org = self._load_one(org_id)
        if not org.exists:
            return None
        seen = {org.id}
        while resolve_merged and org.merged_into and org.merged_into not in seen and (
                as_of is None or (org.ended_on is not None and org.ended_on <= as_of)):
            org = self._load_one(org.merged_into)
            seen.add(org.id)
        return org

    def organisation(self, org_id: str, *, resolve_merged: bool = True,
                     as_of: date | None = None) -> Organisation:
        """The organisation, if it exists within the caller's subtree; NotFound otherwise, the
        same answer either way (a refusal must not tell what lies outside the subtree).
        `as_of`: follow only the merges in effect on that date (the organisation then)."""
        org = self._load(org_id, resolve_merged, as_of)
        if org is None or not self._within(org):
            raise NotFound("organisation", org_id)
        return org

    def organisation_then(self, org_id: str, on: date) -> Organisation | None:
        """The organisation an aggregate recorded, as it was on `on` (merges in effect then
        followed), without a scope check: the member's own past, not an id the caller named."""
        return self._load(org_id, True, on)

    def member_organisation_on(self, member: Member, on: date) -> Organisation | None:
        """The organisation whose rolls kept `member` on `on` (None before their record)."""
        org_id = member.organisation_on(on)
        return self.organisation_then(org_id, on) if org_id else None

    def member(self, member_id: str) -> Member:
        """The member, if kept (or, having left, last kept) on rolls within the caller's
        subtree; NotFound otherwise, as for an id that names nobody."""
        member = self.repo.load(Member, member_id)
        if not member.exists or not self._keeps(member):
            raise NotFound("member", member_id)
        return member

    def incoming_member(self, member_id: str) -> Member:
        """A member in transit to an organisation within the caller's subtree (the receiving
        side takes the letter); NotFound otherwise."""
        member = self.repo.load(Member, member_id)
        transit = member.transit if member.exists else None
        if transit is None and self.acting_for is None and member.exists:
            return member  # the system: the handler refuses one not in transit
        org = self._load(transit.to_organisation_id, True) if transit else None
        if org is None or not self._within(org):
            raise NotFound("member", member_id)
        return member

    def incoming_transfer(self, transfer_id: str) -> IncomingTransfer:
        """A letter from another province addressed to an organisation within the caller's
        subtree; one addressed to an organisation this province does not have, to the
        province's own committee (a root organisation). NotFound otherwise."""
        t = self.repo.load(IncomingTransfer, transfer_id)
        if not t.exists or t.opened is None:
            raise NotFound("incoming_transfer", transfer_id)
        if self.acting_for is None:
            return t
        to = self._load(t.opened.to_organisation_id, True)
        if to is not None and self._within(to):
            return t
        acting = self._load(self.acting_for, True) if to is None else None
        if acting is not None and acting.parent_id is None:
            return t
        raise NotFound("incoming_transfer", transfer_id)

    def _keeps(self, member: Member) -> bool:
        if self.acting_for is None:
            return True
        org = self._load(member.organisation_id or "", True)
        return org is not None and self._within(org)

    def can_see(self, kind: str, ident: str) -> bool:
        """For kit.references: may the caller see the object a command names?"""
        if self.acting_for is None:  # the system sees everything; handlers refuse what is not
            return True
        loaders = {"organisation": self.organisation, "member": self.member,
                   "incoming_member": self.incoming_member,
                   "incoming_transfer": self.incoming_transfer}
        if kind not in loaders:
            raise ValueError(f"the membership service does not know {kind} ids")
        try:
            loaders[kind](ident)
        except NotFound:
            return False
        return True

    def ancestors(self, org: Organisation) -> list[str]:
        """Ids of the organisation's ancestors, nearest first, following merges."""
        out: list[str] = []
        current: Organisation | None = org
        while current and current.parent_id and current.parent_id not in out and len(out) < 20:
            current = self._load(current.parent_id, True)
            if current is None:
                break
            out.append(current.id)
        return out

    def _within(self, org: Organisation) -> bool:
        if self.acting_for is None:
            return True
        return org.id == self.acting_for or self.acting_for in self.ancestors(org)

    def authorise(self, org: Organisation) -> None:
        """A user changes only their own organisation's subtree; anything else is not found."""
        if not self._within(org):
            raise NotFound("organisation", org.id)

    def path(self, org: Organisation, on: date | None = None) -> list[Organisation]:
        """The organisation and its ancestors, nearest first, following merges; with `on`, the
        parents and merges of that date."""
        if on is None:
            return [org, *(o for o in map(lambda i: self._load(i, True), self.ancestors(org))
                           if o)]
        out, current = [org], org
        while len(out) < 20:
            parent_id = current.parent_on(on) or current.parent_id
            parent = self._load(parent_id, True, on) if parent_id else None
            if parent is None or any(o.id == parent.id for o in out):
                break
            out.append(parent)
            current = parent
        return out
