"""Run the benchmark suite and write docs/benchmarks.md and docs/benchmarks.json.

    python -m bench                          # everything, scale curve to 7M events
    python -m bench --sizes 10k,100k         # a shorter scale curve
    python -m bench --only shapes,commands   # some workloads
    python -m bench --quick --out /tmp/b     # every workload at a trivial size (smoke)

Workloads that need the real servers (PostgreSQL, Kafka, RabbitMQ; `make servers` starts them,
var/local-env.sh names them) are recorded as skipped, with the reason, when they are not set.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
import traceback
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import report
from .stats import git_commit, machine

WORKLOADS = ("shapes", "commands", "replay", "kafka", "graphql", "e2e", "scale", "federation")
FULL_SIZES = "10k,100k,1M,7M"


def parse_sizes(text: str) -> list[int]:
    out = []
    for part in text.split(","):
        part = part.strip().lower()
        if not part:
            continue
        factor = {"k": 1_000, "m": 1_000_000}.get(part[-1], 1)
        out.append(int(float(part.rstrip("km")) * factor))
    return out


PROFILES: dict[str, dict[str, Any]] = {
    # shapes: rounds of ~0.1-1 s a side (at 1,000 / 600 the 10-event rounds lasted ~0.05 s, and
    # the bare driver's ratio moved 1.34-1.78x between runs)
    "full": {"shapes_tx": 2000, "shapes_pg_tx": 1000, "shapes_rounds": 5, "rounds": 3,
             "clients": (1, 8),
             "command_round": 400, "demo_scale": 1.0, "replay_events": 100_000,
             "kafka_events": 20_000, "gql_seconds": 10, "gql_clients": (1, 10, 50),
             "e2e_ops": 1000},  # p99 of 200 would be the second-worst sample
    "quick": {"shapes_tx": 20, "shapes_pg_tx": 20, "shapes_rounds": 1, "rounds": 1,
              "clients": (1, 2),
              "command_round": 5, "demo_scale": 0.05, "replay_events": 2_000,
              "kafka_events": 200, "gql_seconds": 1, "gql_clients": (2,), "e2e_ops": 3},
}


def _servers(*names: str) -> str:
    missing = [n for n in names if not os.environ.get(n)]
    return f"{', '.join(missing)} not set: run `make servers` and source var/local-env.sh" \
        if missing else ""


def run_workload(name: str, p: dict[str, Any], work: Path, sizes: list[int], progress
                 ) -> dict[str, Any]:
    dsn = os.environ.get("PARTYORG_PG_DSN", "")
    bootstrap = os.environ.get("PARTYORG_KAFKA_BOOTSTRAP", "")
    if name == "shapes":
        from . import shapes

        out = {"sqlite": shapes.run("sqlite", work / "shapes", transactions=p["shapes_tx"],
                                    rounds=p["shapes_rounds"], clients=p["clients"])}
        why = _servers("PARTYORG_PG_DSN")
        out["postgres"] = {"skipped": why} if why else shapes.run(
            "postgres", work / "shapes", dsn=dsn, transactions=p["shapes_pg_tx"],
            rounds=p["shapes_rounds"], clients=p["clients"])
        return out
    if name == "commands":
        from . import commands

        kw = {"scale": p["demo_scale"], "per_round": p["command_round"], "rounds": p["rounds"],
              "clients": p["clients"]}
        out = {"sqlite": commands.run("sqlite", work / "commands-sqlite", profile=True, **kw)}
        why = _servers("PARTYORG_PG_DSN")
        out["postgres"] = {"skipped": why} if why else commands.run(
            "postgres", work / "commands-pg", dsn=dsn, **kw)
        return out
    if name == "replay":
        from .scale import in_child

        data = work / "replay"
        append = in_child("append", p["replay_events"], data)
        replay = in_child("replay", p["replay_events"], data)
        profile = in_child("profile", p["replay_events"], data)
        return {"events": p["replay_events"], "append": append, "replay": replay,
                "rebuild_profile": profile["top_by_own_time"]}
    if name == "kafka":
        from . import kafka_bench

        why = _servers("PARTYORG_PG_DSN", "PARTYORG_KAFKA_BOOTSTRAP")
        return {"skipped": why} if why else kafka_bench.run(
            dsn, bootstrap, events=p["kafka_events"], rounds=p["rounds"], profile=True)
    if name == "graphql":
        from . import graphql_bench

        data = work / f"demo-{p['demo_scale']}"
        _seed(data, p["demo_scale"])
        return graphql_bench.run(data, work / "graphql", seconds=p["gql_seconds"],
                                 concurrency=p["gql_clients"], profile=p["gql_seconds"] > 1)
    if name == "e2e":
        from . import e2e

        why = e2e.available()
        return {"skipped": why} if why else e2e.run(work / "e2e", operations=p["e2e_ops"],
                                                      clients=p["clients"])
    if name == "scale":
        from . import scale

        return {"points": scale.run(sizes, work, progress)}
    if name == "federation":
        from . import federation_bench

        return federation_bench.run(work / "federation", seconds=p["gql_seconds"],
                                    concurrency=p["gql_clients"],
                                    scale=1.0 if p["gql_seconds"] > 1 else 0.2)
    raise ValueError(name)


def _seed(data: Path, scale: float) -> None:
    from partyorg.demo_data import seed

    seed(data, scale=scale)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--sizes", default=None, help=f"scale-curve sizes (default {FULL_SIZES})")
    parser.add_argument("--only", default=",".join(WORKLOADS), help="comma-separated workloads")
    parser.add_argument("--quick", action="store_true", help="trivial sizes: a smoke run")
    parser.add_argument("--out", default="docs", help="where benchmarks.md/.json go")
    parser.add_argument("--work", default="var/bench", help="scratch data (removed sizes)")
    parser.add_argument("--render", action="store_true",
                        help="only write benchmarks.md again from the existing benchmarks.json")
    parser.add_argument("--merge", action="store_true",
                        help="keep the other workloads' figures from the existing benchmarks.json "
                             "(re-measure some workloads of a run)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    for noisy in ("kafka", "amqp", "kombu", "nameko", "partyorg"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    profile = PROFILES["quick" if args.quick else "full"]
    sizes = parse_sizes(args.sizes or ("2k" if args.quick else FULL_SIZES))
    chosen = [w for w in args.only.split(",") if w]
    unknown = set(chosen) - set(WORKLOADS)
    if unknown:
        parser.error(f"unknown workloads: {', '.join(sorted(unknown))}")
    work, out_dir = Path(args.work), Path(args.out)
    if args.render:
        results = json.loads((out_dir / "benchmarks.json").read_text(encoding="utf-8"))
        (out_dir / "benchmarks.md").write_text(report.render(results), encoding="utf-8")
        return 0
    work.mkdir(parents=True, exist_ok=True)

    def progress(line: str) -> None:
        print(f"[bench] {line}", file=sys.stderr, flush=True)

    results: dict[str, Any] = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "profile": "quick" if args.quick else "full", "commit": git_commit(),
        "machine": machine(), "sizes": sizes, "workloads": {}}
    if args.merge and (out_dir / "benchmarks.json").exists():
        earlier = json.loads((out_dir / "benchmarks.json").read_text(encoding="utf-8"))
        results["workloads"] = {k: v for k, v in earlier["workloads"].items()
                                if k not in chosen}
        results["started_at"], results["sizes"] = earlier["started_at"], earlier["sizes"]
        results["commit"] = (f"{earlier['commit'].split(' ')[0]}; {', '.join(chosen)} "
                             f"re-measured at {results['commit']}")
    failed = False
    for name in WORKLOADS:
        if name not in chosen:
            continue
        progress(f"{name} ...")
        start = time.perf_counter()
        try:
            results["workloads"][name] = run_workload(name, profile, work, sizes, progress)
        except Exception as exc:  # recorded in the report; the other workloads still run
            failed = True
            results["workloads"][name] = {"failed": f"{type(exc).__name__}: {exc}",
                                          "traceback": traceback.format_exc()[-3000:]}
        results["workloads"][name]["wall_seconds"] = round(time.perf_counter() - start, 1)
        results["workloads"][name]["measured_at"] = datetime.now(UTC).isoformat(
            timespec="seconds")
        progress(f"{name} done in {results['workloads'][name]['wall_seconds']} s")
        _write(results, out_dir)  # after each workload: a long run stopped midway keeps these
    progress(f"wrote {out_dir / 'benchmarks.md'} and {out_dir / 'benchmarks.json'}")
    return 1 if failed else 0


def _write(results: dict[str, Any], out_dir: Path) -> None:
    results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "benchmarks.json").write_text(json.dumps(results, ensure_ascii=False, indent=1)
                                             + "\n", encoding="utf-8")
    (out_dir / "benchmarks.md").write_text(report.render(results), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
