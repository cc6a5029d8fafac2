"""The files recording one citizen ID (số định danh cá nhân / CCCD): the province's side of the
federation's duplicate check across provinces (federation/), limited like every query to the
caller's subtree."""

from __future__ import annotations

import unicodedata

import strawberry

from gateway.toolkit import Info, domain_errors, raise_input

from .own import membership
from .types import Member


def normalised_citizen_id(value: str) -> str:
    """As the commands store it: NFC, spaces removed (numbers are written in groups), 12 digits."""
    cid = "".join(unicodedata.normalize("NFC", value).split())
    if len(cid) != 12 or not (cid.isascii() and cid.isdigit()):
        raise_input("citizenId", "must be exactly 12 digits")
    return cid


@strawberry.type
class CitizenSearchQuery:
    @strawberry.field(description="Member files recording this citizen ID (CCCD), whatever "
                                  "their status, within the subtree you act for.")
    def members_by_citizen_id(self, info: Info, citizen_id: str) -> list[Member] | None:
        ctx = info.context
        ctx.require_read()
        cid = normalised_citizen_id(citizen_id)
        with domain_errors():
            found = membership(ctx).members_by_citizen_id(cid)
        return [Member.from_view(m) for m in found if ctx.in_scope(m.organisation_id)]
