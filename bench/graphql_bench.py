"""GraphQL over HTTP, served as the demo serves it (`partyorg serve`: uvicorn, and the query
processes it starts by default on this machine, each up before the load) on the seeded demo
province, loaded from another process on loopback: wrk when it is installed (it
takes little CPU from the server on 2 cores), else the asyncio httpx client (load_client.py).
Every run is bounded in time; each query is checked once for GraphQL errors before it is timed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from kit.testing.ports import free_port

from .graphql_floor import ceiling, engine_us

QUERIES = {  # each names the ids it needs as variables: $org (a branch), $root, $id
    "branch_member_page": """query($org: ID!) { members(organisationId: $org, first: 20) {
        totalCount edges { cursor node { id fullName gender status dateOfBirth admittedOn
        officialFrom } } pageInfo { hasNextPage endCursor } } }""",
    "subtree_statistics": """query($root: ID!) { organisationTree(rootId: $root) {
        subtreeCounts { official probationary } descendants { level organisation { id name }
        ownCounts { official probationary } } } }""",
    "member_history": """query($id: ID!) { member(id: $id) { fullName status
        organisation { id name } history { event effectiveOn actor details } } }""",
    "trivial": "{ __typename }",
}


def pick_ids(data: Path) -> dict[str, str]:
    """The busiest branch, the largest commune subtree, the member with the longest story."""
    import sqlite3

    db = sqlite3.connect(data / "membership-read.db")
    try:
        branch = db.execute("SELECT organisation_id FROM members WHERE status IN "
                            "('official', 'probationary') GROUP BY organisation_id "
                            "ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
        commune = db.execute(
            "SELECT t.id FROM org_tree t JOIN org_tree d ON substr(d.path, 1, length(t.path)) "
            "= t.path WHERE t.type = 'commune_committee' AND t.status = 'active' "
            "GROUP BY t.id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
        member = db.execute("SELECT member_id FROM member_history GROUP BY member_id "
                            "ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
        root = db.execute("SELECT id FROM org_tree WHERE parent_id IS NULL AND status = "
                          "'active'").fetchone()[0]
    finally:
        db.close()
    return {"branch": branch, "commune": commune, "member": member, "root": root}


def _wrk_script(body: str, token: str) -> str:
    return f"""
wrk.method = "POST"
wrk.body = {json.dumps(body)}
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
done = function(summary, latency, requests)
  io.write(string.format('{{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, '
    .. '"p99_us": %d, "status_errors": %d, "socket_errors": %d}}\\n', summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout))
end
"""


def _load(url: str, token: str, body: str, concurrency: int, seconds: float) -> dict[str, Any]:
    if shutil.which("wrk"):
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
            f.write(_wrk_script(body, token))
        try:
            done = subprocess.run(["wrk", "-t", "1", "-c", str(concurrency), "-d",
                                   f"{max(1, round(seconds))}s", "--timeout", "10s", "-s",
                                   f.name, url], capture_output=True, text=True,
                                  timeout=seconds + 60)
        finally:
            os.unlink(f.name)
        raw = json.loads(done.stdout.strip().splitlines()[-1])
        secs = raw["duration_us"] / 1e6
        return {"tool": "wrk", "concurrency": concurrency, "requests": raw["requests"],
                "seconds": round(secs, 2), "per_s": round(raw["requests"] / secs, 1),
                "p50_ms": raw["p50_us"] / 1000, "p95_ms": raw["p95_us"] / 1000,
                "p99_ms": raw["p99_us"] / 1000,
                "errors": raw["status_errors"] + raw["socket_errors"]}
    done = subprocess.run(
        [sys.executable, "-m", "bench.load_client", "--url", url, "--token", token,
         "--body", body, "--concurrency", str(concurrency), "--requests", "100000",
         "--seconds", str(seconds)], capture_output=True, text=True, timeout=seconds + 60)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["errors"] = sum(n for s, n in result.pop("statuses").items() if s != "200")
    return {"tool": "httpx", **result}


def run(data: Path, work: Path, *, seconds: float = 10, concurrency: tuple[int, ...] = (1, 10, 50),
        profile: bool = False) -> dict[str, Any]:
    """Every query executed (the server's answer cache off), then the same requests with the
    cache on: the same body again and again, so after the first each is a kept answer.
    `profile`: sample the executing server with py-spy under the member page at 10 clients."""
    from gateway.auth import ORGANISATION_COMMISSION, issue_token, load_or_create_key

    ids = pick_ids(data)
    work.mkdir(parents=True, exist_ok=True)
    key_file = work / "signing.key"
    key = load_or_create_key(key_file)
    token = issue_token(key, user="bench", roles=[ORGANISATION_COMMISSION], org=ids["root"],
                        province="NB")
    variables = {"org": ids["branch"], "root": ids["commune"], "id": ids["member"]}
    bodies, wanted = {}, {}
    for name, query in QUERIES.items():
        wanted[name] = {k: v for k, v in variables.items() if f"${k}" in query}
        bodies[name] = json.dumps({"query": " ".join(query.split()), "variables": wanted[name]})
    engine: dict[str, float] = {}
    processes = query_processes()
    out: dict[str, Any] = {"ids": ids, "queries": {}, "answer_cache": {},
                           "query_processes": processes, "cores": os.cpu_count() or 1}
    for cached in (False, True):
        with _server(data, work, key_file, cached, processes) as (url, pid):
            for name, body in bodies.items():
                answer = httpx.post(url, content=body, timeout=30, headers={
                    "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
                answer.raise_for_status()
                payload = answer.json()
                if payload.get("errors"):
                    raise RuntimeError(f"{name} answered errors: {payload['errors']}")
                if not cached:  # the engine alone, over the answer this server just gave
                    engine[name] = engine_us(QUERIES[name], payload["data"], wanted[name],
                                             seconds=min(1.0, seconds / 5))
                if seconds > 1:
                    _load(url, token, body, 1, 1)  # warm up
                figures = {"response_bytes": len(answer.content), "by_clients": {
                    str(c): _load(url, token, body, c, seconds) for c in concurrency}}
                out["answer_cache" if cached else "queries"][name] = figures
                if profile and not cached and name == "branch_member_page":
                    out["profile"] = _sample(pid, work, lambda b=body: _load(
                        url, token, b, 10, 6))
            out["answers" if cached else "answers_uncached"] = _answers_counted(url)
    trivial = out["queries"]["trivial"]["by_clients"][str(concurrency[0])]["per_s"]
    out["engine_floor"] = ceiling(engine, trivial) if trivial else {}
    return out


def _answers_counted(url: str) -> dict[str, float]:
    """The server's own count of kept answers served (hit) and queries executed (miss)."""
    metrics = httpx.get(url.replace("/graphql", "/metrics"), timeout=10).text
    counted = {"hit": 0.0, "miss": 0.0}
    for line in metrics.splitlines():
        if line.startswith("partyorg_graphql_answers_total{"):
            labels, _, value = line.rpartition(" ")
            for result in counted:
                if f'result="{result}"' in labels:
                    counted[result] = float(value)
    return counted


@contextmanager
def _server(data: Path, work: Path, key_file: Path, answer_cache: bool,
            processes: int) -> Iterator[tuple[str, int]]:
    """`partyorg serve` on a free port, its query processes up, until the block ends:
    (GraphQL url, pid)."""
    port = free_port()
    log = open(work / "server.log", "ab")  # noqa: SIM115 - the child keeps its own descriptor
    server = subprocess.Popen(
        [sys.executable, "-m", "partyorg.cli", "serve", "--data", str(data), "--port", str(port),
         "--key", str(key_file), "--query-processes", str(processes),
         *([] if answer_cache else ["--no-answer-cache"])],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PARTYORG_LOG_LEVEL": "WARNING"})
    log.close()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                up = health.json().get("queryProcesses", {}).get("up", 0)
                if health.status_code == 200 and up >= processes:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the GraphQL server did not start: see " f"{work}/server.log")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/graphql", server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()


def query_processes() -> int:
    """What `partyorg serve` starts on this machine by default: the bench measures that."""
    from partyorg.cli import DEFAULT_QUERY_PROCESSES

    return DEFAULT_QUERY_PROCESSES


def _sample(pid: int, work: Path, load) -> list[str]:
    """Where the server's time goes under `load`: py-spy's samples, by own time and by time
    inside the project's functions."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        return ["py-spy is not installed (pip install -e '.[bench]')"]
    raw = work / "py-spy.txt"
    sampler = subprocess.Popen([spy, "record", "--pid", str(pid), "--subprocesses",
                                "--duration", "5",
                                "--format", "raw", "--rate", "200", "--output", str(raw)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    load()
    sampler.wait(60)
    if not raw.exists():
        return ["py-spy could not sample the server (ptrace not permitted?)"]
    own: Counter = Counter()
    inside: Counter = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        frames = stack.split(";")
        total += int(n)
        own[frames[-1]] += int(n)
        for frame in set(frames):
            if any(k in frame for k in ("kit/", "membership/", "gateway/", "strawberry/schema")):
                inside[frame] += int(n)
    total = total or 1
    lines = [f"{total} samples; own time:"]
    lines += [f"{100 * n / total:5.1f}%  {f[:110]}" for f, n in own.most_common(10)]
    lines += ["time inside (the function and what it calls):"]
    lines += [f"{100 * n / total:5.1f}%  {f[:110]}" for f, n in inside.most_common(12)]
    return lines
