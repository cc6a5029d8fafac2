"""A bounded HTTP load generator, run as its own process so it does not share the server's GIL.

    python -m bench.load_client --url http://127.0.0.1:8123/graphql --token T \
        --body '{"query": "{ __typename }"}' --concurrency 10 --requests 500 --seconds 20

Closed loop: `concurrency` clients each send a request, wait for the answer, and send the next,
until `requests` were sent or `seconds` passed. Prints one JSON line: throughput, p50/p95/p99,
status counts, and how many answers carried GraphQL errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections import Counter

import httpx

from .stats import percentiles


async def load(url: str, token: str, body: bytes, concurrency: int, requests: int,
               seconds: float) -> dict:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    latencies: list[float] = []
    statuses: Counter = Counter()
    graphql_errors = 0
    sent = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        async def one() -> None:
            nonlocal sent, graphql_errors
            while sent < requests and time.perf_counter() < deadline:
                sent += 1
                start = time.perf_counter()
                try:
                    response = await client.post(url, content=body, headers=headers)
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1
                    continue
                latencies.append(time.perf_counter() - start)
                statuses[str(response.status_code)] += 1
                if response.status_code == 200 and b'"errors"' in response.content[:200]:
                    graphql_errors += 1

        start = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return {"concurrency": concurrency, "requests": len(latencies),
            "seconds": round(elapsed, 2), "per_s": round(len(latencies) / elapsed, 1),
            **percentiles(latencies), "statuses": dict(statuses),
            "graphql_errors": graphql_errors}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--body", required=True)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    result = asyncio.run(load(args.url, args.token, args.body.encode(), args.concurrency,
                              args.requests, args.seconds))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
