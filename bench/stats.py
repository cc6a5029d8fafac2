"""Figures: latency percentiles, medians of repeats, the machine, and running work in threads."""

from __future__ import annotations

import os
import platform
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from typing import Any


def percentiles(latencies_s: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99 in milliseconds (nearest rank)."""
    if not latencies_s:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0}
    ordered = sorted(latencies_s)

    def rank(q: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))] * 1000

    return {"p50_ms": round(rank(0.50), 3), "p95_ms": round(rank(0.95), 3),
            "p99_ms": round(rank(0.99), 3)}


def run_clients(clients: int, operations: Sequence[Any], do: Callable[[int, Any], int],
                settle: Callable[[], None] | None = None) -> dict[str, Any]:
    """Run `operations` from a shared queue on `clients` threads; `do(client, op)` returns how
    many units (events, commands) it did. Throughput counts units; latencies are per operation.
    `settle` (e.g. wait for read models still catching up) runs after the last operation, inside
    the timed span, so work left queued is not counted as done."""
    lock = threading.Lock()
    queue = list(reversed(operations))
    latencies: list[float] = []
    units = [0]
    errors: list[str] = []

    def client(n: int) -> None:
        while True:
            with lock:
                if not queue:
                    return
                op = queue.pop()
            start = time.perf_counter()
            try:
                done = do(n, op)
            except Exception as exc:  # counted and reported, never hidden
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}"[:200])
                continue
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                units[0] += done

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if settle is not None:
        settle()
    seconds = time.perf_counter() - start
    return {"clients": clients, "operations": len(latencies), "units": units[0],
            "seconds": round(seconds, 3), "per_s": round(units[0] / seconds, 1) if seconds else 0,
            **percentiles(latencies), "errors": len(errors), "error_samples": errors[:3]}


def median(values: Sequence[float]) -> float:
    """The median round: the middle one of an odd count, the upper middle of an even one (a
    round that was measured, never an average of two)."""
    return sorted(values)[len(values) // 2]


def median_run(runs: Sequence[dict[str, Any]], key: str = "per_s") -> dict[str, Any]:
    """The run with the median `key` (throughput unless told), plus every run's as
    `runs_<key>`."""
    ordered = sorted(runs, key=lambda r: r[key])
    chosen = dict(ordered[len(ordered) // 2])
    chosen[f"runs_{key}"] = [r[key] for r in runs]
    return chosen


def ratio(ours: float, peer: float) -> float | None:
    return round(ours / peer, 2) if peer else None


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f
                        if line.startswith("model name")), "")
    except OSError:
        pass
    memory_gib = 0.0
    try:
        with open("/proc/meminfo") as f:
            kib = int(next(line.split()[1] for line in f if line.startswith("MemTotal")))
            memory_gib = round(kib / 1024 / 1024, 1)
    except (OSError, StopIteration):
        pass
    return {"nproc": os.cpu_count(), "memory_gib": memory_gib, "cpu": cpu,
            "python": platform.python_version(), "platform": platform.platform(),
            "sqlite": __import__("sqlite3").sqlite_version, "versions": versions()}


def versions() -> dict[str, str]:
    out = {}
    for name in ("partyorg", "eventsourcing", "psycopg", "kafka-python", "strawberry-graphql",
                 "uvicorn", "httpx", "nameko"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    out["postgresql"] = _server_version()
    return out


def _server_version() -> str:
    dsn = os.environ.get("PARTYORG_PG_DSN", "")
    if not dsn:
        return "not configured"
    try:
        import psycopg

        with psycopg.connect(dsn, connect_timeout=5) as conn:
            return conn.execute("SHOW server_version").fetchone()[0]
    except Exception as exc:
        return f"unreachable ({type(exc).__name__})"


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
