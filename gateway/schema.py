"""The gateway's schema: one Query and one Mutation composed from each service's part."""

from __future__ import annotations

from functools import partial

import strawberry
from graphql import GraphQLError
from strawberry.extensions import DisableIntrospection, MaxTokensLimiter
from strawberry.types import ExecutionContext

from .documents import CheckedDocuments, DocumentCache
from .errors import ERROR_TYPES
from .limits import DEFAULT_MAX_COST, DEFAULT_MAX_DEPTH
from .meetings.mutations import MeetingsMutation
from .meetings.queries import MeetingsQuery
from .meetings.results import MeetingCommandSucceeded, ServiceUnavailable
from .membership.mutations import MembershipMutation
from .membership.queries import MembershipQuery
from .membership.results import MemberCommandSucceeded, OrganisationCommandSucceeded
from .telemetry import RequestMetrics, log_unexpected

MAX_TOKENS = 5_000


@strawberry.type
class Query(MembershipQuery, MeetingsQuery):
    pass


@strawberry.type
class Mutation(MembershipMutation, MeetingsMutation):
    pass


class GatewaySchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError],
                       execution_context: ExecutionContext | None = None) -> None:
        # refusals are answers, not incidents: log only what nobody meant to raise
        log_unexpected(errors)


def build_schema(*, introspection: bool = True, max_depth: int = DEFAULT_MAX_DEPTH,
                 max_cost: int = DEFAULT_MAX_COST) -> strawberry.Schema:
    extensions: list = [
        RequestMetrics,
        partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
        # after MaxTokensLimiter, which sets the parse options; depth and cost limits inside
        partial(CheckedDocuments, DocumentCache(max_depth, max_cost)),
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    return GatewaySchema(
        query=Query, mutation=Mutation, extensions=extensions,
        types=[*ERROR_TYPES, MemberCommandSucceeded, OrganisationCommandSucceeded,
               MeetingCommandSucceeded, ServiceUnavailable],
    )


schema = build_schema()
