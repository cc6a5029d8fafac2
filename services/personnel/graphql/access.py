"""The one guard every cadre-returning field goes through, and the read audit's.

Cadre files and plans are confidential: only the organisation commission (role
`organisation_commission`) of the committee that manages them (token `org` = that committee,
exactly: not an ancestor, not a branch below it) sees them, acting as the committee itself or one
of its bodies that decides cadre work. A viewer, a branch's token and another committee's token
see none. The read audit is the committee's inspection committee's (UBKT: token `org` = the
committee, `organ` = `inspection_committee`, any role that reads): the body that inspects how
the committee's own organisation commission uses the files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphql import GraphQLError

from gateway.toolkit import ORGANISATION_COMMISSION, ForbiddenError, GatewayContext

if TYPE_CHECKING:
    from services.personnel.api import PersonnelQueriesApi

# the organs a token may name and still read files: none (the organisation commission itself),
# or the committee's bodies that decide cadre work
FILE_ORGANS = (None, "organisation_board", "standing_committee", "committee")
INSPECTION = "inspection_committee"
UNAVAILABLE = "SERVICE_UNAVAILABLE"


class PersonnelUnavailableError(GraphQLError):
    def __init__(self) -> None:
        super().__init__("the personnel service is not connected to this gateway",
                         extensions={"code": UNAVAILABLE, "service": "personnel"})


def _queries(ctx: GatewayContext) -> PersonnelQueriesApi:
    if ctx.service("personnel") is None:
        raise PersonnelUnavailableError()
    return ctx.service("personnel").queries


def may_see_cadres(ctx: GatewayContext, managing_organisation_id: str | None) -> bool:
    claims = ctx.claims
    return (ORGANISATION_COMMISSION in claims.roles and claims.org == managing_organisation_id
            and claims.organ in FILE_ORGANS)


def cadre_queries(ctx: GatewayContext,
                  managing_organisation_id: str | None) -> PersonnelQueriesApi:
    """Personnel's queries for the committee's cadres, once the caller may see them (None: a
    file that does not exist, refused alike)."""
    if not may_see_cadres(ctx, managing_organisation_id):
        raise ForbiddenError("only the organisation commission of the committee that manages "
                             "them sees cadre files and plans")
    return _queries(ctx)


def audit_queries(ctx: GatewayContext, managing_organisation_id: str) -> PersonnelQueriesApi:
    """Personnel's queries for the read audit of the committee's files, once the caller is the
    committee's inspection committee."""
    claims = ctx.claims
    if not (claims.can_read and claims.org == managing_organisation_id
            and claims.organ == INSPECTION):
        raise ForbiddenError("only the inspection committee of the committee that manages the "
                             "files reads their read audit")
    return _queries(ctx)


def managing_committee_of(ctx: GatewayContext, cadre_id: str) -> str | None:
    """The committee that manages the file, to put to the guard; None when there is none."""
    ctx.require_read()
    cadre = _queries(ctx).cadre(cadre_id)
    return cadre.managing_organisation_id if cadre else None
