"""What executing a query costs the GraphQL engine alone: graphql-core over the published schema
(contracts/graphql/schema.graphql) with the answer the server gave as its data, read by graphql-core's
default resolvers (dict lookups), no resolver of ours, no database, no HTTP, the document parsed and
validated once; then the answer serialised. Nothing a server does per request with graphql-core
costs less, so it bounds how close a query can come to the trivial query's rate.
"""

from __future__ import annotations

import json
import time
from functools import cache
from pathlib import Path
from typing import Any

from graphql import build_schema, execute, parse, validate

SDL = Path(__file__).resolve().parents[1] / "contracts" / "graphql" / "schema.graphql"


@cache
def _schema():  # noqa: ANN202 - graphql-core's own type
    return build_schema(SDL.read_text(encoding="utf-8"))


def engine_us(query: str, data: dict[str, Any], variables: dict[str, Any],
              seconds: float = 1.0) -> float:
    """Median µs per execution (execute + json.dumps of the answer) over ~`seconds`."""
    schema = _schema()
    document = parse(query)
    errors = validate(schema, document)
    if errors:
        raise ValueError(f"not valid against the published schema: {errors[0].message}")
    samples: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(samples) < 5:
        start = time.perf_counter()
        result = execute(schema, document, root_value=data, variable_values=variables)
        json.dumps({"data": result.data})
        samples.append(time.perf_counter() - start)
        if result.errors:
            raise ValueError(f"the engine alone answered errors: {result.errors[0].message}")
    samples.sort()
    return samples[len(samples) // 2] * 1e6


def ceiling(engine: dict[str, float], trivial_per_s: float) -> dict[str, dict[str, float]]:
    """Each query's best rate over the same HTTP stack: the trivial request's whole cost plus
    what the engine alone needs beyond the trivial query — and that as a share of trivial's rate."""
    base = engine.get("trivial", 0.0)
    out = {}
    for name, us in engine.items():
        best = 1 / (1 / trivial_per_s + max(0.0, us - base) / 1e6)
        out[name] = {"engine_us": round(us, 1), "best_per_s": round(best),
                     "share_of_trivial": round(best / trivial_per_s, 3)}
    return out
