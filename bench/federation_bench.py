"""The federation's overhead over asking a province directly. Two province deployments (the
ward-based city shape of demo/ward_city.py, seeded once under codes NB and HUE), each served by
its own gateway process, and the federation gateway in a third process over HTTP, loaded from
a fourth (bench.graphql_bench._load: wrk, else the httpx client) at 1, 10 and 50 clients:

- branch_member_page: one branch's member page, direct (local ids) and through the federation
  (NB:<id>, routed to that province only): the federation's cost on one province's query;
- subtree_counts: the tree's counts of the token's organisation, direct from NB, and through the
  federation from both provinces at once (summed): the cost of the fan-out and the merge.

    python -m bench --only federation [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from .graphql_bench import _load, free_port

CODES = ("NB", "HUE")
MEMBER_PAGE = """query($org: ID!) { members(organisationId: $org, first: 20) { totalCount
  edges { cursor node { id fullName gender status dateOfBirth officialFrom } }
  pageInfo { hasNextPage endCursor } } }"""
COUNTS = "{ organisationTree { organisation { id name } subtreeCounts { official onRolls } } }"


def _seeded(data: Path, code: str, scale: float) -> str:
    """The province seeded once into `data`; its root id."""
    from demo.ward_city import seed_ward_city
    from partyorg.embedded import build_platform

    marker = data / "seeded.json"
    if marker.exists():
        return json.loads(marker.read_text())["root"]
    platform = build_platform(data, code)
    try:
        report = seed_ward_city(platform.membership, seed=len(code), scale=scale,
                                progress=lambda _: None)
        platform.settle()
    finally:
        platform.close()
    marker.write_text(json.dumps({"root": report.root_id}))
    return report.root_id


def _branch(data: Path) -> str:
    import sqlite3

    with sqlite3.connect(data / "membership-read.db") as db:
        return db.execute("SELECT organisation_id FROM members GROUP BY organisation_id "
                          "ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]


def run(work: Path, *, seconds: float = 10, concurrency: tuple[int, ...] = (1, 10, 50),
        scale: float = 1.0) -> dict[str, Any]:
    from gateway.auth import issue_token, load_or_create_key

    work.mkdir(parents=True, exist_ok=True)
    roots = {code: _seeded(work / code, code, scale) for code in CODES}
    keys = {code: work / f"{code}.key" for code in CODES}
    tokens = {code: issue_token(load_or_create_key(keys[code]), user="bench", roles=["viewer"],
                                org=roots[code], province=code) for code in CODES}
    both = ",".join(tokens[c] for c in CODES)
    branch = _branch(work / "NB")
    bodies = {
        "branch_member_page": (json.dumps({"query": MEMBER_PAGE, "variables": {"org": branch}}),
                               json.dumps({"query": MEMBER_PAGE,
                                           "variables": {"org": f"NB:{branch}"}})),
        "subtree_counts": (json.dumps({"query": COUNTS}), json.dumps({"query": COUNTS})),
    }
    out: dict[str, Any] = {"provinces": {c: roots[c] for c in CODES}, "queries": {}}
    with _servers(work, keys) as (direct, federated):
        for name, (direct_body, federated_body) in bodies.items():
            for url, token, body in ((direct, tokens["NB"], direct_body),
                                     (federated, both, federated_body)):
                answer = httpx.post(url, content=body, timeout=30, headers={
                    "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
                if answer.status_code != 200 or answer.json().get("errors"):
                    raise RuntimeError(f"{name} at {url}: {answer.text[:500]}")
            figures: dict[str, Any] = {"direct": {}, "federated": {}, "overhead_ms": {}}
            for c in concurrency:
                d = _load(direct, tokens["NB"], direct_body, c, seconds)
                f = _load(federated, both, federated_body, c, seconds)
                figures["direct"][str(c)], figures["federated"][str(c)] = d, f
                figures["overhead_ms"][str(c)] = {
                    "p50": round(f["p50_ms"] - d["p50_ms"], 2),
                    "p99": round(f["p99_ms"] - d["p99_ms"], 2)}
            out["queries"][name] = figures
    return out


@contextmanager
def _servers(work: Path, keys: dict[str, Path]) -> Iterator[tuple[str, str]]:
    """Each province's gateway and the federation, each in a process of its own: (NB's GraphQL
    url, the federation's)."""
    ports = {code: free_port() for code in CODES}
    federation_port = free_port()
    log = open(work / "servers.log", "ab")  # noqa: SIM115 - the children keep their own
    env = {**os.environ, "PARTYORG_LOG_LEVEL": "WARNING"}
    processes = [subprocess.Popen(
        [sys.executable, "-m", "bench.federation_bench", "province", "--data", str(work / code),
         "--code", code, "--port", str(ports[code]), "--key", str(keys[code])],
        stdout=log, stderr=subprocess.STDOUT, env=env) for code in CODES]
    processes.append(subprocess.Popen(
        [sys.executable, "-m", "partyorg.federated", "--port", str(federation_port), "--audit",
         str(work / "audit.db"), *(f"{c}={c}=http://127.0.0.1:{ports[c]}" for c in CODES)],
        stdout=log, stderr=subprocess.STDOUT, env=env))
    log.close()
    try:
        for port in (*ports.values(), federation_port):
            _wait(f"http://127.0.0.1:{port}/healthz", processes, work)
        yield (f"http://127.0.0.1:{ports['NB']}/graphql",
               f"http://127.0.0.1:{federation_port}/graphql")
    finally:
        for p in processes:
            p.send_signal(signal.SIGTERM)
        for p in processes:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()


def _wait(url: str, processes: list[subprocess.Popen], work: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if any(p.poll() is not None for p in processes):
            break
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer: see {work}/servers.log")


def render(s: dict[str, Any]) -> list[str]:
    rows = []
    for name, q in s["queries"].items():
        for c in q["direct"]:
            d, f, o = q["direct"][c], q["federated"][c], q["overhead_ms"][c]
            rows.append(f"| {name.replace('_', ' ')} | {c} | {d['per_s']:,.0f} | "
                        f"{d['p50_ms']:.1f} / {d['p99_ms']:.1f} | {f['per_s']:,.0f} | "
                        f"{f['p50_ms']:.1f} / {f['p99_ms']:.1f} | {o['p50']:+.1f} / "
                        f"{o['p99']:+.1f} |")
    return ["| query | clients | direct req/s | direct p50 / p99 ms | federated req/s | "
            "federated p50 / p99 ms | overhead p50 / p99 ms |", "|---|---|---|---|---|---|---|",
            *rows, ""]


def main() -> None:  # a province's server process of the workload
    parser = argparse.ArgumentParser(prog="python -m bench.federation_bench")
    sub = parser.add_subparsers(dest="what", required=True)
    province = sub.add_parser("province")
    province.add_argument("--data", required=True)
    province.add_argument("--code", required=True)
    province.add_argument("--port", type=int, required=True)
    province.add_argument("--key", required=True)
    args = parser.parse_args()
    from gateway.auth import load_or_create_key
    from gateway.server import create_app, serve
    from partyorg.embedded import build_platform

    platform = build_platform(args.data, args.code)
    serve(create_app(platform.services, load_or_create_key(args.key)), port=args.port)


if __name__ == "__main__":
    main()
