"""Membership queries. Each is limited to the caller's subtree: outside it, null and FORBIDDEN."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from gateway.toolkit import (
    DEFAULT_PAGE,
    ORGANISATION_COMMISSION,
    VIEWER,
    Connection,
    Edge,
    Info,
    connection,
    domain_errors,
    raise_input,
    require_aggregates,
)

from .change_types import ThresholdBreach, Transfer
from .citizen_search import CitizenSearchQuery
from .own import membership
from .province_transfers import ProvinceTransferQuery
from .types import (
    BadgeDue,
    Gender,
    Member,
    MemberOnRollsThen,
    MemberStatus,
    Organisation,
    OrganisationTreeNode,
    member_cursor,
    member_or_none,
    organisation_or_none,
)
from .work_queue import WorkQueueQuery


@strawberry.input(description="Narrow a member list; every given condition must hold.")
class MemberFilter:
    statuses: list[MemberStatus] | None = None  # type: ignore[valid-type]
    gender: Gender | None = None  # type: ignore[valid-type]
    exempt: bool | None = None
    suspended: bool | None = None
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the full name; diacritics and case are ignored.")


@strawberry.type(description="Who the token speaks for.")
class Viewer:
    user_id: str
    roles: list[str]
    organisation_id: strawberry.ID
    province: str
    can_change: bool

    @strawberry.field
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)


@strawberry.type
class MembershipQuery(WorkQueueQuery, CitizenSearchQuery, ProvinceTransferQuery):
    @strawberry.field(description=f"The caller's identity. Roles: {ORGANISATION_COMMISSION} "
                                  f"(read and change), {VIEWER} (read only).")
    def viewer(self, info: Info) -> Viewer:
        c = info.context.claims
        return Viewer(user_id=c.user, roles=list(c.roles), organisation_id=strawberry.ID(c.org),
                      province=c.province, can_change=c.can_write)

    @strawberry.field
    def organisation(self, info: Info, id: strawberry.ID) -> Organisation | None:
        return organisation_or_none(info, id)

    @strawberry.field(description="The tree under rootId (default: your organisation), now or "
                                  "as it stood on asOf, with member counts by status.")
    def organisation_tree(self, info: Info, root_id: strawberry.ID | None = None,
                          as_of: date | None = None) -> OrganisationTreeNode | None:
        ctx = info.context
        root = require_aggregates(ctx, root_id)  # counts: a central token's too
        with domain_errors():
            node = membership(ctx).organisation_tree(root, as_of)
        return OrganisationTreeNode.from_node(node) if node else None

    @strawberry.field(description="Members kept on the rolls of the organisation's subtree, "
                                  "in Vietnamese name order. Without filter.statuses: "
                                  "probationary and official members only.")
    def members(self, info: Info, organisation_id: strawberry.ID,
                filter: MemberFilter | None = None, first: int = DEFAULT_PAGE,
                after: str | None = None) -> Connection[Member] | None:
        ctx = info.context
        ctx.require_organisation(organisation_id)
        f = filter or MemberFilter()
        if f.name_contains is not None and len(f.name_contains) > 100:
            raise_input("filter.nameContains", "must be at most 100 characters")
        with domain_errors():
            page = membership(ctx).members(
                organisation_id, statuses=[s.value for s in f.statuses] if f.statuses else None,
                gender=f.gender.value if f.gender else None, exempt=f.exempt,
                name_contains=f.name_contains, first=first, after=after,
                suspended=f.suspended)
        return connection(page, [Edge(cursor=member_cursor(m), node=Member.from_view(m))
                                 for m in page.items])

    @strawberry.field(description="Who was on the organisation's own rolls on a past date, "
                                  "with their status then.")
    def members_as_of(self, info: Info, organisation_id: strawberry.ID, as_of: date,
                      first: int = DEFAULT_PAGE,
                      after: str | None = None) -> Connection[MemberOnRollsThen] | None:
        ctx = info.context
        ctx.require_organisation(organisation_id)
        with domain_errors():
            page = membership(ctx).members_as_of(organisation_id, as_of, first, after)
            suspended = set(membership(ctx).suspended_as_of(organisation_id, as_of))
        return connection(page, [
            Edge(cursor=member_cursor(m),
                 node=MemberOnRollsThen(status_then=MemberStatus(status), member_id=m.id,
                                        suspended_then=m.id in suspended))
            for m, status in page.items])

    @strawberry.field
    def member(self, info: Info, id: strawberry.ID) -> Member | None:
        return member_or_none(info, id)

    @strawberry.field(description="Members whose party age reaches a badge year between from "
                                  "and to (inclusive), soonest first.")
    def badges_due(self, info: Info, organisation_id: strawberry.ID,
                   from_: Annotated[date, strawberry.argument(name="from")], to: date,
                   first: int = DEFAULT_PAGE,
                   after: str | None = None) -> Connection[BadgeDue] | None:
        ctx = info.context
        ctx.require_organisation(organisation_id)
        with domain_errors():
            page = membership(ctx).badges_due(organisation_id, from_, to, first, after)
        return connection(page, [
            Edge(cursor=member_cursor(b.member, b.due_on.isoformat()),
                 node=BadgeDue(member=Member.from_view(b.member), years=b.years, due_on=b.due_on))
            for b in page.items])

    @strawberry.field(description="Transfer letters from or to the organisation's subtree, "
                                  "oldest first: by default only those in transit, each flagged "
                                  "overdue when past the last day to present it.")
    def transfers(self, info: Info, organisation_id: strawberry.ID,
                  in_transit_only: bool = True) -> list[Transfer] | None:
        ctx = info.context
        ctx.require_organisation(organisation_id)
        with domain_errors():
            found = membership(ctx).transfers(organisation_id, in_transit_only)
        return [Transfer.from_view(t) for t in found]

    @strawberry.field(description="Organisations under rootId (default: yours) breaking a "
                                  "formation threshold on asOf (default: today): a chi bộ or "
                                  "TCCSĐ with fewer than 3 official members, a chi bộ cơ sở "
                                  "with 30 members or more, a đảng bộ cơ sở with fewer than 30.")
    def formation_threshold_breaches(self, info: Info, root_id: strawberry.ID | None = None,
                                     as_of: date | None = None) -> list[ThresholdBreach] | None:
        ctx = info.context
        root = root_id or ctx.claims.org
        ctx.require_organisation(root)
        with domain_errors():
            found = membership(ctx).formation_threshold_breaches(root, as_of)
        return [ThresholdBreach.from_view(b) for b in found]

