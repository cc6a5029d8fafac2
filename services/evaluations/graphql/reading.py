"""How evaluations' query resolvers reach the service, and the scope guard they apply.

Every question names a subtree the caller must act within (FORBIDDEN otherwise). Each row a
question returns about a person or an organisation passes the platform's scope guard
(`ctx.in_scope` on the organisation the row places it in, merges followed to the survivor):
a row outside the caller's subtree is left out. One subject's history or snapshot is read only
when the member (or organisation) is visible to the caller, as membership's own fields are.
A gateway without the evaluations service answers SERVICE_UNAVAILABLE.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from graphql import GraphQLError

from gateway.toolkit import (
    ForbiddenError,
    GatewayContext,
    Info,
    load,
    reference,
    require_aggregate_reader,
    require_aggregates,
)

Member = reference("Member")
Organisation = reference("Organisation")
T = TypeVar("T")


class EvaluationsQueriesUnavailable(GraphQLError):
    def __init__(self) -> None:
        super().__init__("the evaluations service is not connected to this gateway",
                         extensions={"code": "SERVICE_UNAVAILABLE", "service": "evaluations"})


def evaluations(ctx: GatewayContext) -> Any:
    """The evaluations queries (api.EvaluationsQueriesApi), once the caller may read at all."""
    ctx.require_read()
    service = ctx.service("evaluations")
    if service is None:
        raise EvaluationsQueriesUnavailable()
    return service.queries


def scoped(info: Info, organisation_id: str) -> Any:
    """The queries, for a question about the subtree of `organisation_id` (the caller's own or
    below it)."""
    info.context.require_organisation(organisation_id)
    return evaluations(info.context)


def statistics(info: Info, organisation_id: str) -> tuple[Any, str]:
    """The queries and the subtree's root, for a statistic of it (counts, no person): a central
    token's too (gateway.toolkit.aggregates)."""
    ctx = info.context
    org = require_aggregates(ctx, organisation_id)
    require_aggregate_reader(ctx)
    service = ctx.service("evaluations")
    if service is None:
        raise EvaluationsQueriesUnavailable()
    return service.queries, org


def visible(info: Info, rows: Iterable[T], organisation_of: Any = None) -> list[T]:
    """The rows whose organisation (`organisation_id`, or `organisation_of(row)`) lies in the
    caller's subtree."""
    ctx = info.context
    where = organisation_of or (lambda row: row.organisation_id)
    return [row for row in rows if ctx.in_scope(where(row))]


def require_subject(info: Info, subject_id: str) -> None:
    """A member the caller may see (Forbidden when kept outside the subtree), or an
    organisation within it; NOT_FOUND-alike (an empty answer) is the queries' when unknown."""
    ctx = info.context
    ctx.require_read()
    if ctx.queries.member(subject_id) is not None:
        ctx.member(subject_id)  # raises Forbidden outside the subtree
        return
    if ctx.queries.organisation(subject_id) is not None:
        ctx.organisation(subject_id)
        return
    raise ForbiddenError(f"{subject_id} names no member or organisation you may see")


def member_or_none(info: Info, member_id: str | None) -> Any:
    return load(info, "Member", member_id)


def organisation_or_none(info: Info, organisation_id: str | None) -> Any:
    return load(info, "Organisation", organisation_id)
