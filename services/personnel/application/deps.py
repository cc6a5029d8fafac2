"""One command's view of the world: the repository, the rules, now, who asks, and personnel's
read side (its view of membership's members and organisations)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from kit.aggregate import Aggregate
from kit.envelope import CommandContext
from kit.errors import Forbidden, NotFound
from kit.repository import Repository
from kit.rules import RuleBook, RuleSet

from ..domain.cadre import CadreFile, Discipline
from ..domain.commands import DecisionInput
from ..domain.congress import Congress
from ..domain.events import DecisionRecord, PersonalData
from ..domain.post import Post
from ..domain.values import Gender
from .views import MemberView, OrganisationRef


class Directory(Protocol):
    def organisation(self, organisation_id: str) -> OrganisationRef | None: ...

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool: ...

    def member(self, member_id: str) -> MemberView | None: ...

    def disciplines(self, member_id: str) -> list[Discipline]: ...


@dataclass
class CommandScope:
    repo: Repository
    rules: RuleBook
    now: datetime
    today: date
    directory: Directory
    acting_for: str | None  # the organisation the caller acts for; None for the system
    context: CommandContext
    changed: list[Aggregate] = field(default_factory=list)
    read: list[Aggregate] = field(default_factory=list)

    # -- what the caller may see (kit.references asks before any handler runs) -------------

    def can_see(self, kind: str, ident: str) -> bool:
        if kind == "organisation":
            return self.directory.organisation(ident) is not None and self._within(ident)
        if kind == "member":
            member = self.directory.member(ident)
            return member is not None and self._within(member.organisation_id)
        if kind == "post":
            post = self.repo.load(Post, ident)
            return post.exists and self._manages(post.managing_organisation_id)
        if kind == "cadre":
            cadre = self.repo.load(CadreFile, ident)
            return cadre.exists and self._manages(cadre.managing_organisation_id)
        if kind == "congress":  # congress results are not cadre files: the subtree sees them
            congress = self.repo.load(Congress, ident)
            return congress.exists and self._within(congress.organisation_id)
        raise ValueError(f"the personnel service does not know {kind} ids")

    def _within(self, organisation_id: str) -> bool:
        return self.acting_for is None or self.directory.is_within(organisation_id,
                                                                    self.acting_for)

    def _manages(self, organisation_id: str) -> bool:
        """Posts and cadre files are seen by the committee that manages them only."""
        return self.acting_for is None or organisation_id == self.acting_for

    def require_manager(self, organisation_id: str) -> None:
        if not self._manages(organisation_id):
            raise Forbidden("a committee keeps only the posts and cadre files it manages")

    # -- loading -----------------------------------------------------------------------------

    def post(self, post_id: str) -> Post:
        post = self.repo.load(Post, post_id)
        if not post.exists or not self._manages(post.managing_organisation_id):
            raise NotFound("post", post_id)
        return post

    def cadre(self, cadre_id: str) -> CadreFile:
        cadre = self.repo.load(CadreFile, cadre_id)
        if not cadre.exists or not self._manages(cadre.managing_organisation_id):
            raise NotFound("cadre", cadre_id)
        return cadre

    def person(self, cadre: CadreFile) -> PersonalData:
        """Who the cadre is now: the member file's name, birth date and gender for a party
        member (a correction there counts here), the cadre file's otherwise."""
        if cadre.member_id:
            m = self.directory.member(cadre.member_id)
            if m is not None:
                return PersonalData(m.full_name, m.date_of_birth, Gender(m.gender))
        assert cadre.person is not None
        return cadre.person

    def disciplines(self, cadre: CadreFile) -> list[Discipline]:
        return self.directory.disciplines(cadre.member_id) if cadre.member_id else []

    def current_rank(self, cadre: CadreFile, on: date) -> int:
        """The rank of the highest post the cadre holds on the day; 0 for none."""
        ranks = [self.repo.load(Post, p).rank for p in cadre.held_on(on)]
        return max(ranks, default=0)

    # -- decisions ---------------------------------------------------------------------------

    def decision(self, managing_organisation_id: str, given: DecisionInput) -> tuple[
            DecisionRecord, RuleSet]:
        """The decision's record, by the organ of the managing committee the caller's token
        acts for, and the rules in force on its date. A token naming no organ takes no
        decisions; an organ the rules do not give planning and appointments is refused."""
        rules = self.rules.in_force(given.decided_on)
        organ = self.context.acting_organ or ""
        if self.acting_for is not None:
            if not organ:
                raise Forbidden("a token that acts for no organ takes no decisions")
            rules.require(organ in rules["decision.organs"], "decision.organs",
                          f"the {organ} does not decide planning and appointments; "
                          f"{', '.join(rules['decision.organs'])} do")
        else:
            organ = organ or rules["decision.organs"][0]
        return DecisionRecord(managing_organisation_id, organ, given.number.strip(),
                              given.decided_on, given.signer), rules
