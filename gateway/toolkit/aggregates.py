"""The one check every statistics field goes through: counts, rates and distributions, never a
person. A province's own reader (any role that reads) asks them of its subtree, as every field;
a token of the central organisation commission (Ban Tổ chức Trung ương: issuer `central`, role
`central_commission`, trusted by the province gateway, gateway/central_tokens.py) asks them of
any subtree of the province, its `org` (`central`) or no organisation naming the province's root.
Every other field keeps `require_read`, which a central token fails: a field returning a person
or a personal detail refuses it FORBIDDEN (tested over the whole schema in
gateway/tests/test_central_tokens.py)."""

from __future__ import annotations

from ..auth import CENTRAL_COMMISSION
from ..context import ForbiddenError, GatewayContext


def reads_aggregates_only(ctx: GatewayContext) -> bool:
    """A central commission's token: statistics of the whole province, nothing personal."""
    return ctx.claims.central and CENTRAL_COMMISSION in ctx.claims.roles


def require_aggregate_reader(ctx: GatewayContext) -> None:
    """The caller may read statistics at all (a field below a checked root uses this)."""
    if not (reads_aggregates_only(ctx) or ctx.claims.can_read):
        raise ForbiddenError("your roles do not allow reading statistics")


def require_aggregates(ctx: GatewayContext, organisation_id: str | None = None) -> str:
    """The organisation whose subtree the statistics count, once the caller may read them
    there: the one named (default: the token's own), checked against the caller's subtree; for
    a central token the province's root when it names none or its own `org`."""
    claims = ctx.claims
    if reads_aggregates_only(ctx):
        if organisation_id in (None, claims.org):
            return province_root(ctx)
        if ctx.organisation(organisation_id) is None:  # refused as outside, like a reader's
            raise ForbiddenError(f"organisation {organisation_id} is not one of this "
                                 "province's")
        return organisation_id  # type: ignore[return-value]
    require_aggregate_reader(ctx)
    org = organisation_id or claims.org
    ctx.require_organisation(org)
    return org


def province_root(ctx: GatewayContext) -> str:
    """The province's top organisation (its active root)."""
    roots = [o for o in ctx.service("membership").queries.roots()  # type: ignore[union-attr]
             if o.status == "active"]
    if not roots:
        raise ForbiddenError("this province has no active root organisation to count under")
    return roots[0].id
