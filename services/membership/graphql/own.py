"""This part's own service, typed by its published api (the gateway's context knows only what
its scope guard asks)."""

from __future__ import annotations

from gateway.toolkit import GatewayContext
from services.membership.api import MembershipQueriesApi

SERVICE = "membership"


def membership(ctx: GatewayContext) -> MembershipQueriesApi:
    return ctx.services[SERVICE].queries
