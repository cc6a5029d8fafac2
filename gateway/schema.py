"""The gateway's schema: one Query and one Mutation composed from each declared service's
GraphQL part (the module its declaration names: QUERY, MUTATION, TYPES, and the ENTITIES other
parts may show: gateway.toolkit.entities)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import DisableIntrospection, MaxTokensLimiter
from strawberry.types import ExecutionContext

from .dates import guard_dates
from .documents import CheckedDocuments, DocumentCache
from .errors import ERROR_TYPES
from .ids import guard_ids
from .input_size import MAX_TOKENS
from .limits import DEFAULT_MAX_COST, DEFAULT_MAX_DEPTH
from .plain_fields import PlainLeaves, read_plain_fields
from .telemetry import RequestMetrics, log_unexpected
from .toolkit.entities import Entity, composing


def graphql_parts(declarations: Sequence[Any] | None = None) -> list[Any]:
    """The GraphQL part of each declared service that has one (by default every service of
    partyorg.services), in the services' order."""
    if declarations is None:
        from partyorg.services import SERVICES

        declarations = SERVICES
    return [importlib.import_module(d.graphql) for d in declarations if d.graphql]


class GatewaySchema(strawberry.Schema):
    entities: Mapping[str, Entity] = {}  # what the composed parts provide, by name

    def process_errors(self, errors: list[GraphQLError],
                       execution_context: ExecutionContext | None = None) -> None:
        # refusals are answers, not incidents: log only what nobody meant to raise
        log_unexpected(errors)


def build_schema(*, introspection: bool = True, max_depth: int = DEFAULT_MAX_DEPTH,
                 max_cost: int = DEFAULT_MAX_COST,
                 declarations: Sequence[Any] | None = None) -> strawberry.Schema:
    parts = graphql_parts(declarations)
    query = strawberry.type(type("Query", tuple(p.QUERY for p in parts), {}))
    mutation = strawberry.type(type("Mutation", tuple(p.MUTATION for p in parts), {}))
    extensions: list = [
        RequestMetrics,
        partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
        # after MaxTokensLimiter, which sets the parse options; depth and cost limits inside
        partial(CheckedDocuments, DocumentCache(max_depth, max_cost)),
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    with composing(parts) as entities:  # a reference no composed part provides fails here
        schema = GatewaySchema(
            query=query, mutation=mutation, extensions=extensions,
            types=[*ERROR_TYPES, *(t for p in parts for t in p.TYPES)],
            execution_context_class=PlainLeaves,
        )
    schema.entities = entities
    read_plain_fields(schema._schema, schema.config.default_resolver)
    guard_ids(schema._schema)
    guard_dates(schema._schema)
    return schema

