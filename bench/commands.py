"""Command throughput through MembershipService.execute, beside the peer's command path.

Ours: the demo province's own plan (demo), the real mix of what an organisation
committee records — applications, admissions, ceremonies, recognitions, cards, transfers,
exemptions, deaths, profile updates — seeded up to 1/1/2025 in batches, then the following
commands sent one at a time (each its own durable transaction; the read models catch up on their
own thread, as the embedded default runs, and a round is timed until they hold all of it).
Rounds alternate 1 and 8 client threads over consecutive slices of the plan. A command refused
because the command it depends on is still in flight on another client (or because two clients
raced on one member: a concurrency conflict) is retried, as a client would; retries and failures
are counted.

The peer: pyeventsourcing's Application with a Member aggregate; a command that creates a member
registers one (one event), any other loads a member and records a transfer (one event), at the
same durability, with the same clients, interleaved with ours.
"""

from __future__ import annotations

import gc
import logging
import shutil
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from demo.plan import DEMO_TODAY, Numbers
from demo.seeder import SEEDER, build_plan
from kit.clock import FixedClock
from kit.collections_paced import keep_startup_for_good
from kit.envelope import CommandContext
from kit.errors import ConcurrencyConflict, DomainError, InvalidState, NotFound, RuleViolated
from kit.testing.leftovers import new_tag
from partyorg.embedded import build_service
from services.membership.declaration import DECLARATION as MEMBERSHIP

from . import command_sql
from .peer import Peer, postgres_env, sqlite_env
from .stats import median, median_run, ratio, run_clients

MEASURE_FROM = date(2025, 1, 1)
CREATING = ("SubmitApplication", "RecordExistingMember", "CreateOrganisation")
RETRYABLE = (ConcurrencyConflict, NotFound, InvalidState)


def _retryable(exc: Exception) -> bool:
    """Refused only because another client has not yet run the step before it: a conflict, the
    member not there yet, its status not moved yet, or the branch's proposal not recorded yet
    (8 clients run consecutive steps side by side; the plan's order holds for each member)."""
    return isinstance(exc, RETRYABLE) or (
        isinstance(exc, RuleViolated) and exc.rule.endswith(".requires_proposal"))


def _open(backend: str, work: Path, dsn: str, tag: str, *, bulk: bool):
    """`bulk`: the seeder's wiring (the caller catches up); otherwise the embedded default
    (read models on their own thread, reads wait for earlier writes)."""
    clock = FixedClock()
    clock.set_today(DEMO_TODAY)
    if backend == "sqlite":
        if bulk:
            shutil.rmtree(work, ignore_errors=True)
        return build_service(MEMBERSHIP, work, "NB", clock=clock,
                             catch_up_after_commands=not bulk)
    from kit.postgres.readmodel import PgReadModelDb
    from kit.postgres.store import PostgresEventStore

    return build_service(MEMBERSHIP, work, "NB", clock=clock, catch_up_after_commands=not bulk,
                         store=PostgresEventStore(dsn, f"bench_{tag}_es", clock=clock),
                         read_db=PgReadModelDb(dsn, f"bench_{tag}_rm"))


def _prepare(app, steps: list, commands: list, upto: int) -> None:
    """Everything before `upto` in batches (as the demo seeder does)."""
    i = 0
    while i < upto:
        with app.store.batch():
            n = 0
            while i < upto and n < 2000:
                if n and steps[i].barrier:
                    break
                app.service.execute(commands[i], CommandContext(steps[i].command_id, "NB",
                                                                actor=SEEDER))
                i, n = i + 1, n + 1
        app.runner.catch_up()


def _execute(app, step, command, counts: Counter) -> int:
    context = CommandContext(step.command_id, "NB", actor=SEEDER)
    for attempt in range(20):
        try:
            app.service.execute(command, context)
            return 1
        except DomainError as exc:
            if not _retryable(exc):
                raise
            counts["retries"] += 1
            time.sleep(0.002 * (attempt + 1))
    raise RuntimeError(f"{type(command).__name__} still refused after retries")


def run(backend: str, work: Path, *, dsn: str = "", scale: float = 1.0, per_round: int = 400,
        rounds: int = 3, clients: tuple[int, ...] = (1, 8), profile: bool = False
        ) -> dict[str, Any]:
    """`profile`: afterwards, run up to 100 more commands from one client under cProfile."""
    tag = new_tag()
    steps, _ = build_plan(2025, scale, DEMO_TODAY)
    numbers = Numbers(2025)
    commands = [s.build(numbers) for s in steps]  # numbers rise in plan order, as when seeded
    start = next(i for i, s in enumerate(steps) if s.on >= MEASURE_FROM)
    needed = (per_round * rounds * len(clients) + (100 if profile else 0)
              + (per_round if backend == "sqlite" else 0))  # the limit's commands
    if start + needed > len(steps):
        start = max(0, len(steps) - needed)
    quiet = logging.getLogger("services.membership.application.service")
    level, quiet.level = quiet.level, logging.WARNING
    app = _open(backend, work / "ours", dsn, tag, bulk=True)
    # one peer application per client thread, like one per worker process: the peer's shared
    # connection pool starves under 8 threads mixing reads and writes (a writer that times out
    # waiting for a connection keeps its writer lock), which would measure that, not its store
    peer_env = (sqlite_env(work / "peer.db") if backend == "sqlite"
                else postgres_env(dsn, f"bench_{tag}_peer", pool_size=2))
    peers = [Peer(peer_env, dsn if backend != "sqlite" else "") for _ in range(max(clients))]
    peer = peers[0]
    try:
        t0 = time.perf_counter()
        _prepare(app, steps, commands, start)
        prepared_s = time.perf_counter() - t0
        app.close()
        app = _open(backend, work / "ours", dsn, tag, bulk=False)  # the embedded default
        pool = [peer.app.register(f"m{i}", "org-1", {"n": i}) for i in range(200)]
        # as `partyorg serve` does before it serves, for both sides in this one process: what
        # startup built (here the plan too) out of the full collections' walk
        keep_startup_for_good()
        runs: dict[str, dict[int, list]] = {"ours": {n: [] for n in clients},
                                            "peer": {n: [] for n in clients}}
        mix: Counter = Counter()
        counts: Counter = Counter()
        at = start
        for _ in range(rounds):
            for n in clients:
                ops = list(range(at, at + per_round))
                at += per_round
                mix.update(type(commands[i]).__name__ for i in ops)
                runs["ours"][n].append(run_clients(  # timed until the read models hold it all
                    n, ops, lambda c, i: _execute(app, steps[i], commands[i], counts),
                    settle=app.settle))
                peer_ops = [(type(commands[i]).__name__ in CREATING, i) for i in ops]
                runs["peer"][n].append(run_clients(
                    n, peer_ops, lambda c, op: _peer_command(peers[c], pool, *op)))
        out: dict[str, Any] = {"backend": backend, "prepared_commands": start,
                               "prepared_seconds": round(prepared_s, 1),
                               "measured_commands": at - start, "mix": dict(mix.most_common()),
                               "retries": counts["retries"], "clients": {}}
        for n in clients:
            mine, theirs = median_run(runs["ours"][n]), median_run(runs["peer"][n])
            out["clients"][str(n)] = {"ours": mine, "peer": theirs,
                                      "ratio": ratio(mine["per_s"], theirs["per_s"])}
        if backend == "sqlite" and at + per_round <= len(steps):
            app.close()
            ops = range(at, at + per_round)
            at += per_round
            out["limit"] = _statements_limit(work, tag, steps, commands, ops, peer, pool, rounds)
            app = _open(backend, work / "ours", dsn, tag, bulk=False)
        if profile and at < len(steps):
            out["profile"] = _profile(app, steps, commands, at, min(len(steps), at + 100))
        return out
    finally:
        gc.unfreeze()  # the next workload's collections walk it again
        quiet.setLevel(level)
        app.close()
        for p in peers:
            p.close()
        if backend == "postgres":
            import psycopg

            with psycopg.connect(dsn, autocommit=True) as conn:
                for suffix in ("es", "rm", "peer"):
                    conn.execute(f"DROP SCHEMA IF EXISTS bench_{tag}_{suffix} CASCADE")


def _statements_limit(work: Path, tag: str, steps: list, commands: list, ops: range,
                      peer: Peer, pool: list, rounds: int) -> dict[str, Any]:
    """The limit on SQLite (bench.command_sql): the next commands run from one client, as the
    rounds run them, with every statement they cost written down (the read models' catch-up
    included), which raw sqlite3 then runs again on a copy of the files from before them — the
    client thread's alone (the bound: ours runs the catch-up beside it), and all of it — in
    rounds taking turns with the peer's same commands."""
    ours, before, replayed = work / "ours", work / "ours-before", work / "replayed"
    shutil.rmtree(before, ignore_errors=True)
    shutil.copytree(ours, before)
    counts: Counter = Counter()
    client = threading.get_ident()
    rates: dict[str, list[float]] = {"client": [], "all": [], "peer": []}
    try:
        with command_sql.recording() as log:
            app = _open("sqlite", ours, "", tag, bulk=False)
            try:
                app.settle()
                opening = len(log)  # opening the files: replayed off the clock
                for i in ops:
                    _execute(app, steps[i], commands[i], counts)
                app.settle()
                timed = slice(opening, len(log))
            finally:
                app.close()
        peer_ops = [(type(commands[i]).__name__ in CREATING, i) for i in ops]
        for _ in range(rounds):
            for side, thread in (("client", client), ("all", None)):
                rates[side].append(len(ops) / command_sql.replay(
                    log, timed, ours, before, replayed, thread))
            rates["peer"].append(run_clients(1, peer_ops, lambda c, op: _peer_command(
                peer, pool, *op))["per_s"])
    finally:
        shutil.rmtree(before, ignore_errors=True)
        shutil.rmtree(replayed, ignore_errors=True)
    mid = {side: median(r) for side, r in rates.items()}
    return {"commands": len(ops), "retries": counts["retries"],
            "statements": sum(1 for s in log[timed] if s[4] == client),
            "statements_all": timed.stop - timed.start,
            "bare_per_s": round(mid["client"]), "bare_all_per_s": round(mid["all"]),
            "peer_per_s": round(mid["peer"]), "ratio_to_peer": ratio(mid["client"], mid["peer"]),
            "all_ratio_to_peer": ratio(mid["all"], mid["peer"])}


def _peer_command(peer: Peer, pool: list, creates: bool, i: int) -> int:
    if creates:
        pool.append(peer.app.register(f"m{i}", "org-1", {"n": i}))
    else:
        for attempt in range(5):  # two clients on one member: the peer conflicts too
            try:
                peer.app.transfer(pool[i % len(pool)], f"org-{i}", "2025-01-01")
                return 1
            except Exception as exc:  # its IntegrityError on a raced version
                if attempt == 4 or isinstance(exc, DomainError):
                    raise
                time.sleep(0.002 * (attempt + 1))
    return 1


def _profile(app, steps: list, commands: list, start: int, end: int) -> dict[str, Any]:
    import cProfile
    import io
    import pstats

    counts: Counter = Counter()
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(start, end):
        _execute(app, steps[i], commands[i], counts)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(r"partyorg|kit|services|membership", 16)
    lines = [line for line in text.getvalue().splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if "ncalls" in line)
    return {"commands": end - start, "top_by_cumulative_time": lines[first:]}
