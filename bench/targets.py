"""The issue's targets, judged on one run's figures: met or missed, never assumed."""

from __future__ import annotations

from typing import Any

from . import report_text as text


def _ok(section: Any) -> bool:
    return isinstance(section, dict) and "skipped" not in section and "failed" not in section


def _not_measured(target: str, why: str) -> dict[str, Any]:
    return {"target": target, "measured": "not measured", "verdict": "not measured",
            "why": why}


def judge(r: dict[str, Any]) -> list[dict[str, Any]]:
    w = r["workloads"]
    return [_shapes(w), _commands(w), _rebuild(w), _graphql(w), _relay(w), _flat(w), _e2e(w)]


def _shapes(w: dict) -> dict[str, Any]:
    target = "Store shapes ≥ 1.5× the peer at every shape (append), reading ≥ 2×"
    s = w.get("shapes")
    if not _ok(s):
        return _not_measured(target, "the shapes workload did not run")
    parts, met, beyond = [], True, []
    for backend in ("sqlite", "postgres"):
        b = s.get(backend)
        if not _ok(b):
            met = False
            continue
        ceiling = b.get("ceiling", {})
        for shape, f in b["append"].items():
            ratio = f["ratio"] or 0
            met = met and ratio >= 1.5
            parts.append(f"{backend} {shape.replace('_', ' ')}: {ratio:.2f}×")
            limit = ceiling.get("append", {}).get(shape)
            contract = b.get("contract_log", {}).get(shape)
            if limit and (limit["ratio_to_peer"] or 0) < 1.5:
                beyond.append(f"{backend} {shape.replace('_', ' ')} (bare driver "
                              f"{limit['ratio_to_peer']:.2f}× the peer)")
            elif contract and (contract["ratio_to_peer"] or 0) < 1.5:
                beyond.append(f"{backend} {shape.replace('_', ' ')} (the least our store's "
                              f"contract needs, {contract['ratio_to_peer']:.2f}× the peer)")
        read = b["read"]["ratio"] or 0
        met = met and read >= 2
        parts.append(f"{backend} read: {read:.2f}×")
        limit = ceiling.get("read")
        if limit and (limit["ratio_to_peer"] or 0) < 2:
            beyond.append(f"{backend} read (our table fetched and decoded, no envelope: "
                          f"{limit['ratio_to_peer']:.2f}× the peer)")
    measured = "; ".join(parts)
    if beyond:
        measured += "; the target is past what the database and codec alone reach at: " + \
            "; ".join(beyond)
    return {"target": target, "measured": measured, "verdict": "met" if met else "missed",
            "why": text.WHY["shapes"], "standing": text.STANDING.get("shapes", "")}


def _commands(w: dict) -> dict[str, Any]:
    target = "Whole commands ≥ 1× the peer at 1 client, ≥ 2× at 8 clients"
    c = w.get("commands")
    if not _ok(c):
        return _not_measured(target, "the commands workload did not run")
    parts, met = [], True
    for backend in ("sqlite", "postgres"):
        b = c.get(backend)
        if not _ok(b):
            met = False
            continue
        for n, f in b["clients"].items():
            ratio = f["ratio"] or 0
            met = met and ratio >= (1 if n == "1" else 2)
            parts.append(f"{backend} {n} client{'s' if n != '1' else ''}: "
                         f"{f['ours']['per_s']:,.0f} vs {f['peer']['per_s']:,.0f}/s "
                         f"({ratio:.2f}×)")
    measured = "; ".join(parts)
    limit = (c.get("sqlite") or {}).get("limit")
    if _ok(c.get("sqlite")) and limit:
        measured += (f"; sqlite, the statements our commands sent from the client's thread, "
                     f"replayed by the bare driver: {limit['bare_per_s']:,}/s "
                     f"({limit['ratio_to_peer']:.2f}× the peer beside it; every statement, the "
                     f"read models' catch-up included, one after another: "
                     f"{limit['all_ratio_to_peer']:.2f}×)")
        if (limit["ratio_to_peer"] or 0) < 1:
            measured += ": at 1 client the target is past what the database alone reaches with " \
                        "the statements these commands send"
    profile = (c.get("sqlite") or {}).get("profile", {}).get("top_by_cumulative_time")
    return {"target": target, "measured": measured,
            "verdict": "met" if met else "missed", "why": text.WHY["commands"],
            "standing": text.STANDING.get("commands", ""),
            "profile": profile}


def _rebuild(w: dict) -> dict[str, Any]:
    target = "Rebuild every read model: ≥ 100,000 events/s at 100k events; 7M events in < 2 min"
    rp = w.get("replay")
    points = w.get("scale", {}).get("points", []) if _ok(w.get("scale")) else []
    if not _ok(rp) and not points:
        return _not_measured(target, "neither the replay nor the scale workload ran")
    parts, rate = [], 0
    if _ok(rp):
        rate = rp["replay"]["rebuild_per_s"]
        parts.append(f"{rp['events']:,} events: {rate:,}/s")
    seven = None
    for p in points:
        if p["events"] >= 7_000_000:
            seven = p["replay"]["rebuild_seconds"]
    if seven is not None:
        parts.append(f"7M events rebuilt in {seven:,.0f} s")
    elif points:
        parts.append("7M point not in this run (--sizes)")
    met = rate >= 100_000 and (seven is not None and seven < 120)
    return {"target": target, "measured": "; ".join(parts), "verdict": "met" if met else "missed",
            "why": text.WHY["rebuild"], "standing": text.STANDING.get("rebuild", ""),
            "profile": rp.get("rebuild_profile") if _ok(rp) else None}


def _relay(w: dict) -> dict[str, Any]:
    target = "Relay ≥ 80% of the raw kafka-python producer"
    k = w.get("kafka")
    if not _ok(k):
        return _not_measured(target, (k or {}).get("skipped") or (k or {}).get("failed", ""))
    ratio = k["relay_vs_raw"] or 0
    return {"target": target,
            "measured": f"relay {k['relay']['per_s']:,}/s vs raw {k['raw_producer']['per_s']:,}/s "
                        f"({ratio:.0%})",
            "verdict": "met" if ratio >= 0.8 else "missed", "why": text.WHY["relay"],
            "standing": text.STANDING.get("relay", ""),
            "profile": k.get("relay_profile")}


def _graphql(w: dict) -> dict[str, Any]:
    target = ("GraphQL, every query executed: req/s at 10 and 50 clients ≥ at 1; typical queries "
              "≥ 60 % of the trivial query's rate; p99 ≤ 100 ms at 50 clients")
    g = w.get("graphql")
    if not _ok(g):
        return _not_measured(target, "the graphql workload did not run")
    queries = g["queries"]
    trivial = queries.get("trivial", {}).get("by_clients", {})
    parts, met = [], True
    for name, q in queries.items():
        by = q["by_clients"]
        one = by.get("1", {}).get("per_s", 0)
        rates = ", ".join(f"{by[n]['per_s']:,.0f}" for n in by)
        clause = f"{name.replace('_', ' ')}: {rates} req/s at {', '.join(by)} clients"
        met = met and all(by[n]["per_s"] >= one for n in by if n != "1")
        if name != "trivial":
            shares = [by[n]["per_s"] / trivial[n]["per_s"] for n in by
                      if trivial.get(n, {}).get("per_s")]
            if shares:
                clause += f", {min(shares):.0%} of trivial at worst"
                met = met and min(shares) >= 0.6
            if "50" in by:
                clause += f", p99 {by['50']['p99_ms']:,.0f} ms at 50"
                met = met and by["50"]["p99_ms"] <= 100
            else:
                met = False
        parts.append(clause)
    floor = g.get("engine_floor") or {}
    beyond = [f"{name.replace('_', ' ')} {f['share_of_trivial']:.0%}"
              for name, f in floor.items() if name != "trivial" and f["share_of_trivial"] < 0.6]
    measured = "; ".join(parts)
    if beyond:
        measured += ("; the most graphql-core alone allows, as a share of trivial's rate: "
                     + ", ".join(beyond))
    cores = max(1, min(g.get("cores", 1), g.get("query_processes", 0)))
    waits = _closed_loop_waits(floor, trivial, clients=50, cores=cores)
    if waits:
        measured += ("; 50 clients in a closed loop wait on average at least 50 ÷ the best rate "
                     "graphql-core alone allows (over trivial's best rate), over 100 ms for: "
                     + ", ".join(waits))
    return {"target": target, "measured": measured, "verdict": "met" if met else "missed",
            "why": text.WHY["graphql"], "standing": text.STANDING.get("graphql", ""),
            "profile": g.get("profile")}


def _closed_loop_waits(floor: dict, trivial: dict, clients: int, cores: int = 1) -> list[str]:
    """Little's law: `clients` that ask again as soon as answered get at most the best rate
    between them, so their mean wait is at least clients ÷ that rate (a p99 under 100 ms with
    a mean over it would need a few answers to take very long). The best rate: trivial's
    fastest measured request plus what the engine alone needs beyond the trivial query, that
    spread over `cores` (query processes executing side by side, one core each at most)."""
    fastest = max((f.get("per_s", 0) for f in trivial.values()), default=0)
    base = floor.get("trivial", {}).get("engine_us")
    if not fastest or base is None:
        return []
    waits = []
    for name, f in floor.items():
        best = 1 / (1 / fastest + max(0.0, f["engine_us"] - base) / 1e6 / cores)
        if name != "trivial" and clients / best > 0.1:
            waits.append(f"{name.replace('_', ' ')} {clients / best * 1000:,.0f} ms "
                         f"({clients} ÷ {best:,.0f}/s)")
    return waits


def _e2e(w: dict) -> dict[str, Any]:
    target = "End to end (mutation accepted → visible in a query) p99 ≤ 250 ms"
    e = w.get("e2e")
    if not _ok(e):
        return _not_measured(target, (e or {}).get("skipped") or (e or {}).get("failed", ""))
    by = e["by_clients"]
    parts = [f"{n} client{'s' if n != '1' else ''}: p99 {f['visible']['p99_ms']:,.0f} ms"
             for n, f in by.items()]
    met = [n for n, f in by.items() if f["visible"]["p99_ms"] <= 250]
    verdict = "met" if len(met) == len(by) else (
        f"met at {', '.join(met)} client(s) only" if met else "missed")
    return {"target": target, "measured": "; ".join(parts), "verdict": verdict,
            "why": text.WHY["e2e"], "standing": text.STANDING.get("e2e", "")}


def _flat(w: dict) -> dict[str, Any]:
    target = ("Cost per event within ×1.5 from 10k to 7M events (append and rebuild); the 7M "
              "rebuild's peak memory ≤ 1 GiB")
    s = w.get("scale")
    if not _ok(s) or len(s["points"]) < 2:
        return _not_measured(target, "the scale curve needs two sizes or more")
    pts = s["points"]
    append = [p["append"]["us_per_event"] for p in pts]
    rebuild = [p["replay"]["rebuild_us_per_event"] for p in pts]
    spread_a, spread_r = max(append) / min(append), max(rebuild) / min(rebuild)
    sizes = f"{pts[0]['events']:,} → {pts[-1]['events']:,} events"
    peak = pts[-1]["replay"].get("peak_rss_mib", 0)
    flat = spread_a <= 1.5 and spread_r <= 1.5 and peak <= 1024
    full = pts[0]["events"] <= 10_000 and pts[-1]["events"] >= 7_000_000
    measured = (f"{sizes}: append {min(append):.0f}–{max(append):.0f} µs/event "
                f"(×{spread_a:.2f}), rebuild {min(rebuild):.0f}–{max(rebuild):.0f} "
                f"µs/event (×{spread_r:.2f}); the {pts[-1]['events']:,}-event rebuild "
                f"peaked at {peak:,.0f} MiB")
    processes = {1 + p["replay"].get("helpers", 0) for p in pts}
    cpu = [p["replay"].get("rebuild_cpu_us_per_event") for p in pts]
    if len(processes) > 1 and all(cpu):
        # a helper process shares the larger rebuilds: their wall time per event is not the
        # same cost as one process's, so the CPU time per event is judged too
        spread_c = max(cpu) / min(cpu)
        flat = flat and spread_c <= 1.5
        measured += (f"; rebuilt in {min(processes)}–{max(processes)} processes (a helper "
                     f"from {kit_min_events():,} events on), so the rebuild's CPU time too: "
                     f"{min(cpu):.0f}–{max(cpu):.0f} µs/event (×{spread_c:.2f})")
    limit = _append_growth_limit(pts)
    if limit and spread_a > 1.5:
        measured += "; " + limit
    verdict = ("met" if full else "met on the sizes run") if flat else "missed"
    return {"target": target, "measured": measured, "verdict": verdict,
            "why": text.WHY["flat"], "standing": text.STANDING.get("flat", "")}


def kit_min_events() -> int:
    from kit.sqlite.rebuild_apart import MIN_EVENTS

    return MIN_EVENTS


def _append_growth_limit(pts: list[dict]) -> str:
    """The bare driver's own growth beside ours. Ours writes the same rows into the same kind of
    key and more, so it grows at least as many µs an event as the database alone (g); within
    ×1.5 needs a first-size cost of at least 2g — below that, only a slower store is flat."""
    if not all("append_limit" in p for p in pts):
        return ""
    bare = [p["append_limit"]["us_per_event"] for p in pts]
    ours = [p["append"]["us_per_event"] for p in pts]
    grew_bare, grew_ours = bare[-1] - bare[0], ours[-1] - ours[0]
    line = (f"the bare driver alone (the same events, the least a log needs) "
            f"{bare[0]:.0f} → {bare[-1]:.0f} µs/event (×{bare[-1] / bare[0]:.2f}): the database "
            f"grows {grew_bare:.0f} µs an event, ours {grew_ours:.0f}")
    if ours[0] < 2 * grew_bare:
        line += (f"; within ×1.5 over the database's own growth needs ≥ {2 * grew_bare:.0f} "
                 f"µs an event at {pts[0]['events']:,} events and ours costs {ours[0]:.0f}: past "
                 f"the limit for append (only a slower store would be that flat)")
    return line
