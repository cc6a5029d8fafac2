"""Scale curve and replay: each phase runs in a child process, so its peak memory is its own.

    python -m bench.scale --child append --events 100000 --dir var/bench/scale-100k

`append` writes the generated province through the store port (dataset.load); `limit` writes the
same events with the bare driver into the least a log needs (bench.ceilings: the database's own
growth with size); `replay` reads the whole store, then rebuilds every read model from zero, with
a helper process rebuilding part of them (kit.sqlite.rebuild_apart); `profile` rebuilds in one
process under cProfile and returns the functions that took the most time (the
report's "where the time goes").
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import json
import logging
import pstats
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .stats import median_run


def _rss_mib() -> float:
    """This process's peak RSS. /proc's VmHWM belongs to the process image; getrusage's
    ru_maxrss is kept across fork and exec on Linux, so a child of a big parent reports the
    parent's size (getrusage is the fallback where /proc is missing)."""
    try:
        with open("/proc/self/status") as f:
            kib = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
        return round(kib / 1024, 1)
    except (OSError, StopIteration, ValueError):
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _size_mib(*paths: Path) -> float:
    total = 0
    for path in paths:
        for suffix in ("", "-wal"):
            f = Path(str(path) + suffix)
            if f.exists():
                total += f.stat().st_size
    return round(total / 2**20, 1)


def _parts(data: str):
    """The store and membership's projections, as the rebuild's helper process opens them."""
    from kit.sqlite.store import SqliteEventStore
    from services.membership.declaration import DECLARATION as MEMBERSHIP

    return SqliteEventStore(Path(data) / "events.db"), MEMBERSHIP.projections({}, "sqlite")


def _runner(data: Path):
    from kit.projections.runner import ProjectionRunner
    from kit.sqlite.readmodel import ReadModelDb

    store, projections = _parts(str(data))
    for suffix in ("", "-wal", "-shm"):
        Path(str(data / "read.db") + suffix).unlink(missing_ok=True)
    return store, ProjectionRunner(store, ReadModelDb(data / "read.db"), projections)


def _helpers(data: Path):
    """One helper process beside the rebuilding one (2 cores), from MIN_EVENTS events on."""
    from kit.sqlite.rebuild_apart import RebuildApart

    return RebuildApart(functools.partial(_parts, str(data)), helpers=HELPERS)


HELPERS = 1  # rebuild helper processes (kit.sqlite.rebuild_apart): this machine has 2 cores


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (a rebuild's helpers, once reaped)."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                          resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _children_rss_mib() -> float:
    """The largest peak RSS of this process's finished children (a rebuild's helpers)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def child(phase: str, events: int, data: Path) -> dict[str, Any]:
    logging.disable(logging.ERROR)  # a dead letter is counted below, not logged 7M times
    if phase == "append":
        from kit.sqlite.store import SqliteEventStore

        from .dataset import load

        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        store = SqliteEventStore(data / "events.db")
        start = time.perf_counter()
        written = load(store, events)
        seconds = time.perf_counter() - start
        store.close()
        return {"events": written, "seconds": round(seconds, 2),
                "us_per_event": round(seconds / written * 1e6, 2),
                "per_s": round(written / seconds), "peak_rss_mib": _rss_mib(),
                "store_mib": _size_mib(data / "events.db")}
    if phase == "limit":
        from kit.sqlite.store import WRITER_CACHE_MIB

        from .ceilings import append_sqlite_curve
        from .dataset import PER_TRANSACTION_EVENTS

        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        try:
            return append_sqlite_curve(data / "raw.db", events, PER_TRANSACTION_EVENTS,
                                       WRITER_CACHE_MIB)
        finally:
            shutil.rmtree(data, ignore_errors=True)
    store, runner = _runner(data)
    if phase == "profile":
        profile = cProfile.Profile()
        profile.enable()
        runner.rebuild()
        profile.disable()
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("tottime").print_stats(14)
        lines = [line for line in text.getvalue().splitlines() if line.strip()]
        start = next(i for i, line in enumerate(lines) if "ncalls" in line)
        return {"events": store.head_position(), "top_by_own_time": lines[start:]}
    head = store.head_position()
    start = time.perf_counter()
    after = count = 0
    while page := store.read_all(after, 2000):
        after, count = page[-1].global_position, count + len(page)
    read_s = time.perf_counter() - start
    helpers = _helpers(data)
    shared = len(helpers.share(runner, runner.projections)) - 1
    cpu = _cpu_seconds()
    start = time.perf_counter()
    runner.rebuild(helpers=helpers)
    rebuild_s = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu
    dead = len(runner.dead_letters())
    own, helper = _rss_mib(), _children_rss_mib() if shared else 0.0
    return {"events": head, "read_seconds": round(read_s, 2),
            "read_per_s": round(count / read_s), "rebuild_seconds": round(rebuild_s, 2),
            "rebuild_per_s": round(head / rebuild_s),
            "rebuild_us_per_event": round(rebuild_s / head * 1e6, 2),
            "rebuild_cpu_us_per_event": round(cpu / head * 1e6, 2), "dead_letters": dead,
            "helpers": shared, "helper_peak_rss_mib": helper,
            # the rebuilding process's peak and its helpers' at once: the most it can have held
            "peak_rss_mib": round(own + shared * helper, 1),
            "read_models_mib": _size_mib(data / "read.db")}


def in_child(phase: str, events: int, data: Path, timeout: float = 7200) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.scale", "--child", phase, "--events",
         str(events), "--dir", str(data)], capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"scale child {phase} {events} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# below this size each phase runs three times and its median run is the point: a phase of a
# second or less is at the mercy of whatever else the shared machine does in that second (the
# 10k rebuild: 0.46-0.49 s alone, 0.8 s in a full run), where a longer one averages it out
REPEATED_BELOW = 1_000_000


def run(sizes: list[int], work: Path, progress=lambda line: None, keep: bool = False
        ) -> list[dict[str, Any]]:
    points = []
    for size in sizes:
        data = work / f"scale-{size}"
        times = range(3 if size < REPEATED_BELOW else 1)
        # the generated province is the same each time (dataset: one seed), so the replays
        # read what the last append wrote
        append = median_run([in_child("append", size, data) for _ in times])
        progress(f"scale {size:>9,}: append {append['per_s']:,}/s")
        limit = median_run([in_child("limit", size, work / f"scale-{size}-limit")
                            for _ in times], key="us_per_event")
        progress(f"scale {size:>9,}: bare driver append {limit['us_per_event']} µs/event")
        replay = median_run([in_child("replay", size, data) for _ in times],
                            key="rebuild_us_per_event")
        progress(f"scale {size:>9,}: rebuild {replay['rebuild_per_s']:,}/s")
        points.append({"events": size, "append": append, "append_limit": limit,
                       "replay": replay})
        if not keep:
            shutil.rmtree(data, ignore_errors=True)
    return points


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", required=True,
                        choices=["append", "limit", "replay", "profile"])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--dir", type=Path, required=True)
    args = parser.parse_args()
    print(json.dumps(child(args.child, args.events, args.dir), ensure_ascii=False))


if __name__ == "__main__":
    main()
