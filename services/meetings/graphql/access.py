"""How meetings resolvers reach the meetings service, and the scope guard for meetings.

A gateway may run without the meetings service (the distributed topology reaches only
membership so far): every meetings field then answers SERVICE_UNAVAILABLE, and every meetings
mutation the typed `ServiceUnavailable` refusal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphql import GraphQLError

from gateway.toolkit import ForbiddenError, GatewayContext, require_aggregate_reader

if TYPE_CHECKING:
    from services.meetings.api import MeetingDetail, MeetingsQueriesApi

UNAVAILABLE = "SERVICE_UNAVAILABLE"
UNAVAILABLE_MESSAGE = "the meetings service is not connected to this gateway"


class MeetingsUnavailableError(GraphQLError):
    def __init__(self) -> None:
        super().__init__(UNAVAILABLE_MESSAGE, extensions={"code": UNAVAILABLE,
                                                          "service": "meetings"})


def meetings_queries(ctx: GatewayContext) -> MeetingsQueriesApi:
    """The meetings queries, once the caller may read at all."""
    ctx.require_read()
    if ctx.service("meetings") is None:
        raise MeetingsUnavailableError()
    return ctx.service("meetings").queries


def statistics_queries(ctx: GatewayContext) -> MeetingsQueriesApi:
    """The meetings queries for a statistic (a rate, no person), once the caller may read
    statistics (a central token too: gateway.toolkit.aggregates)."""
    require_aggregate_reader(ctx)
    if ctx.service("meetings") is None:
        raise MeetingsUnavailableError()
    return ctx.service("meetings").queries


def meeting_detail(ctx: GatewayContext, meeting_id: str) -> MeetingDetail | None:
    """The meeting, None when unknown, Forbidden when its branch is outside the subtree.
    Remembered for the rest of the request (forgotten after each mutation)."""
    queries = meetings_queries(ctx)
    cache = ctx.meeting_details
    if meeting_id not in cache:
        cache[meeting_id] = queries.meeting(meeting_id)
    detail = cache[meeting_id]
    if detail is not None and not ctx.in_scope(detail.summary.organisation.id):
        raise ForbiddenError(f"meeting {meeting_id} belongs to a branch outside the subtree "
                             "you act for")
    return detail
