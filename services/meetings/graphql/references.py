"""What meetings' answers show of membership (gateway.toolkit.entities): a meeting's branch is
membership's `Organisation` and a summoned person its `Member`, read under the scope guard as
membership's own fields are. By name, not by import: the gateway composes membership's part
beside this one (meetings follows membership), or refuses to compose without it."""

from __future__ import annotations

from typing import Any

from gateway.toolkit import Info, load, reference

Member = reference("Member")
Organisation = reference("Organisation")


def member_or_none(info: Info, member_id: str | None) -> Any:
    return load(info, "Member", member_id)


def organisation_or_none(info: Info, organisation_id: str | None) -> Any:
    return load(info, "Organisation", organisation_id)
