"""How a province deployment stands, for the `provinces` field."""

from __future__ import annotations

from typing import Any

from .provinces import Province, ProvinceUnavailable


async def province_health(province: Province, expected: str) -> dict[str, Any]:
    """A province as the `provinces` field shows it: its /healthz, breaker and schema version
    (`expected`: the version the federation merges)."""
    out = {"code": province.code, "name": province.name, "breaker": province.breaker.state,
           "schemaVersion": None, "schemaMatches": False, "readModelLag": None}
    if province.breaker.state == "open":
        return {**out, "health": "DOWN"}
    try:
        health = await province.health()
    except ProvinceUnavailable:
        return {**out, "health": "DOWN"}
    version = health.get("schemaVersion")
    matches = version == expected
    up = health.get("httpStatus") == 200 and health.get("status") == "ok"
    return {**out, "schemaVersion": version, "schemaMatches": matches,
            "readModelLag": lag(health), "health": "UP" if up and matches else "DEGRADED"}


def lag(health: dict[str, Any]) -> int:
    """The most lagging read model's events behind, over the province's services."""
    worst = 0
    stack: list[Any] = [health]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            behind = value.get("projectionsBehind")
            if isinstance(behind, dict):
                worst = max([worst, *(v for v in behind.values() if isinstance(v, int))])
            stack.extend(v for k, v in value.items() if k != "projectionsBehind")
    return worst
