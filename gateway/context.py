"""What every resolver gets: the services, the caller's claims, and the scope guard."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from graphql import GraphQLError

from kit.client import ServiceClient
from kit.envelope import Actor, CommandContext
from kit.errors import DomainError

from .auth import CENTRAL_COMMISSION, Claims

if TYPE_CHECKING:
    from collections.abc import Mapping

# the service whose organisation tree scopes every request: it answers the guard's questions
SCOPE_SERVICE = "membership"


class ScopedOrganisation(Protocol):
    @property
    def id(self) -> str: ...


class OrganisationInScope(Protocol):
    @property
    def organisation(self) -> ScopedOrganisation: ...

    @property
    def within(self) -> bool: ...


class ScopedMember(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def organisation_id(self) -> str | None: ...


class ScopeQueries(Protocol):
    """What the scope guard asks the scope service (its api's queries satisfy this by shape:
    the gateway's core imports no service)."""

    def is_within(self, org_id: str, scope_org_id: str) -> bool: ...

    def organisation(self, org_id: str) -> ScopedOrganisation | None: ...

    def organisation_in_scope(self, org_id: str, scope_org_id: str) -> OrganisationInScope | None:
        ...

    def member(self, member_id: str) -> ScopedMember | None: ...


class ForbiddenError(GraphQLError):
    """Asked for something outside the caller's subtree or role: the field answers null."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "FORBIDDEN"})


def graphql_error(error: DomainError) -> GraphQLError:
    """A typed refusal from the queries layer, as a GraphQL error with a stable code."""
    return GraphQLError(error.message, extensions={"code": error.code.upper(), **error.details})


@contextmanager
def domain_errors() -> Iterator[None]:
    try:
        yield
    except DomainError as error:
        raise graphql_error(error) from None


@dataclass
class GatewayContext:
    # by name: each an embedded service or an RPC client; a service not served here is
    # missing, and its fields answer SERVICE_UNAVAILABLE
    services: Mapping[str, ServiceClient[Any]]
    claims: Claims
    correlation_id: str
    # per request: a page of members asks about the same few organisations again and again,
    # and over RPC each question is a round trip. Forgotten after every mutation.
    _within: dict[str, bool] = field(default_factory=dict)
    _organisations: dict[str, ScopedOrganisation | None] = field(default_factory=dict)
    meeting_details: dict[str, Any] = field(default_factory=dict)  # meeting id -> MeetingDetail

    def service(self, name: str) -> ServiceClient[Any] | None:
        """The named service, None when it is not served here."""
        return self.services.get(name)

    @property
    def queries(self) -> ScopeQueries:
        """The scope service's queries, as the guard uses them (a part that needs more asks its
        own service: `service(name).queries`, typed by its api)."""
        return self.services[SCOPE_SERVICE].queries

    @property
    def province(self) -> str:
        return self.services[SCOPE_SERVICE].province

    def forget(self) -> None:
        """Drop what this request has read: a mutation may have changed it."""
        self._within.clear()
        self._organisations.clear()
        self.meeting_details.clear()

    def command_context(self, command_id: str) -> CommandContext:
        return CommandContext(
            command_id=command_id,
            province=self.province,
            actor=Actor(self.claims.user, self.claims.role),
            correlation_id=self.correlation_id,
            acting_organ=self.claims.organ or "",
        )

    # -- the scope guard: every organisation and person a resolver returns passes here ------

    def require_read(self) -> None:
        if not self.claims.can_read:
            raise ForbiddenError("your roles do not allow reading membership records")

    def in_scope(self, organisation_id: str | None) -> bool:
        if not organisation_id:
            return False
        if organisation_id not in self._within:
            self._within[organisation_id] = self.queries.is_within(organisation_id,
                                                                   self.claims.org)
        return self._within[organisation_id]

    def require_organisation(self, organisation_id: str) -> None:
        self.require_read()
        if not self.in_scope(organisation_id):
            raise ForbiddenError(f"organisation {organisation_id} is outside the subtree you "
                                 "act for")

    def organisation(self, organisation_id: str) -> ScopedOrganisation | None:
        """The organisation, None when it does not exist, Forbidden when outside the subtree.
        An organisation is no person: the central commission's token sees the province's."""
        central = self.claims.central and CENTRAL_COMMISSION in self.claims.roles
        if not central:
            self.require_read()
        if organisation_id not in self._organisations:
            self._organisations[organisation_id] = self._look_up(organisation_id, central)
        view = self._organisations[organisation_id]
        if view is not None and not central and not self.in_scope(view.id):
            raise ForbiddenError(f"organisation {organisation_id} is outside the subtree you "
                                 "act for")
        return view

    def _look_up(self, organisation_id: str, central: bool) -> ScopedOrganisation | None:
        """For a caller acting for a subtree, the organisation and the guard's answer in one
        question (over RPC one call, not two)."""
        if central:
            return self.queries.organisation(organisation_id)
        found = self.queries.organisation_in_scope(organisation_id, self.claims.org)
        if found is None:
            return None
        self._within.setdefault(organisation_id, found.within)
        return found.organisation

    def member(self, member_id: str) -> ScopedMember | None:
        """The member, None when unknown, Forbidden when kept on rolls outside the subtree."""
        self.require_read()
        view = self.queries.member(member_id)
        if view is not None:
            self.require_member_visible(view)
        return view

    def require_member_visible(self, view: ScopedMember) -> None:
        if not self.in_scope(view.organisation_id):
            raise ForbiddenError(f"member {view.id} is kept on the rolls of an organisation "
                                 "outside the subtree you act for")
