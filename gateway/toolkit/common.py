"""Small generic pieces every service's GraphQL part uses: the resolver's Info, enum copies, the
command id and the success interface every XxxSucceeded implements, and input refusals."""

from __future__ import annotations

import enum
from functools import lru_cache

import strawberry

from kit.errors import InvalidInput
from kit.text import vietnamese_name_key

from ..context import GatewayContext, domain_errors

Info = strawberry.Info[GatewayContext, None]
COMMAND_ID = "A UUID the client makes for this command; reuse it only to retry the same command."
# a page's cursors re-derive each name's sort key; the same names come back request after request
name_key = lru_cache(maxsize=16384)(vietnamese_name_key)


def graphql_enum(domain: type[enum.Enum], name: str, description: str) -> type[enum.Enum]:
    """A GraphQL copy of a domain enum: same names and values, the domain class left untouched."""
    copy = enum.Enum(name, [(m.name, m.value) for m in domain])  # type: ignore[misc]
    return strawberry.enum(copy, description=description)


@strawberry.interface
class CommandSucceeded:
    command_id: strawberry.ID
    duplicate: bool = strawberry.field(
        description="True when this command id was already handled: nothing changed this time.")
    visible: bool = strawberry.field(
        description="False when the service answered before its read models applied the "
                    "command (the wait timed out): it is done, but queries, the object read back "
                    "here included, may not show it yet.")


def raise_input(field: str, message: str) -> None:
    with domain_errors():
        raise InvalidInput(field, message)
