"""What other services' GraphQL parts may show of membership, by name (gateway.toolkit.entities):
its organisations and members, read under the scope guard."""

from __future__ import annotations

from gateway.toolkit import Entity

from .types import Member, Organisation, member_or_none, organisation_or_none

ENTITIES = {"Organisation": Entity(Organisation, organisation_or_none),
            "Member": Entity(Member, member_or_none)}
