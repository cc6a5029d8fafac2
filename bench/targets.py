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
    return [_commands(w), _rebuild(w), _relay(w), _graphql(w), _e2e(w), _flat(w)]


def _commands(w: dict) -> dict[str, Any]:
    target = "Command throughput ≥ 3× the peer at equal durability"
    c = w.get("commands")
    if not _ok(c):
        return _not_measured(target, "the commands workload did not run")
    parts, ratios = [], []
    for backend in ("sqlite", "postgres"):
        b = c.get(backend)
        if not _ok(b):
            continue
        for n, f in b["clients"].items():
            ratios.append(f["ratio"] or 0)
            parts.append(f"{backend} {n} client{'s' if n != '1' else ''}: "
                         f"{f['ours']['per_s']:,.0f} vs {f['peer']['per_s']:,.0f}/s "
                         f"({f['ratio']:.2f}×)")
    shapes = w.get("shapes", {})
    for backend in ("sqlite", "postgres"):
        b = shapes.get(backend) if _ok(shapes) else None
        if _ok(b):
            best = max(b["append"].items(), key=lambda kv: kv[1]["ratio"] or 0)
            parts.append(f"store-level best, {backend} {best[0].replace('_', ' ')}: "
                         f"{best[1]['ratio']:.2f}×")
    met = bool(ratios) and min(ratios) >= 3
    profile = (c.get("sqlite") or {}).get("profile", {}).get("top_by_cumulative_time")
    return {"target": target, "measured": "; ".join(parts),
            "verdict": "met" if met else "missed", "why": text.WHY["commands"],
            "profile": profile}


def _rebuild(w: dict) -> dict[str, Any]:
    target = "Rebuild every read model ≥ 200,000 events/s; 7M events in < 2 min"
    rp = w.get("replay")
    points = w.get("scale", {}).get("points", []) if _ok(w.get("scale")) else []
    if not _ok(rp) and not points:
        return _not_measured(target, "neither the replay nor the scale workload ran")
    parts, rates = [], []
    if _ok(rp):
        rates.append(rp["replay"]["rebuild_per_s"])
        parts.append(f"{rp['events']:,} events: {rp['replay']['rebuild_per_s']:,}/s")
    seven = None
    for p in points:
        rates.append(p["replay"]["rebuild_per_s"])
        if p["events"] >= 7_000_000:
            seven = p["replay"]["rebuild_seconds"]
    if seven is not None:
        parts.append(f"7M events rebuilt in {seven:,.0f} s")
    elif points:
        parts.append("7M point not in this run (--sizes)")
    met = min(rates) >= 200_000 and (seven is not None and seven < 120)
    return {"target": target, "measured": "; ".join(parts), "verdict": "met" if met else "missed",
            "why": text.WHY["rebuild"],
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
            "profile": k.get("relay_profile")}


def _graphql(w: dict) -> dict[str, Any]:
    target = "GraphQL typical queries p99 ≤ 50 ms at 50 concurrent clients"
    g = w.get("graphql")
    if not _ok(g):
        return _not_measured(target, "the graphql workload did not run")
    executed, at, text_executed = _worst_p99(g["queries"])
    measured = f"at {at} clients, every query executed: {text_executed}"
    verdict = "met" if executed <= 50 and at == "50" else "missed"
    if g.get("answer_cache"):
        cached, at_cached, text_cached = _worst_p99(g["answer_cache"])
        measured += f"; the same query repeated (answer cache): {text_cached}"
        if verdict == "missed" and cached <= 50 and at_cached == "50":
            verdict = "met for repeated queries only (answer cache); missed when executed"
    return {"target": target, "measured": measured, "verdict": verdict,
            "why": text.WHY["graphql"], "profile": g.get("profile")}


def _worst_p99(queries: dict) -> tuple[float, str | None, str]:
    """The worst typical query's p99 at the most clients measured, the clients, and a summary."""
    parts, worst, at = [], 0.0, None
    for name, q in queries.items():
        if name == "trivial":
            continue
        by = q["by_clients"]
        at = "50" if "50" in by else max(by, key=int)
        worst = max(worst, by[at]["p99_ms"])
        parts.append(f"{name.replace('_', ' ')}: p99 {by[at]['p99_ms']:,.0f} ms "
                     f"({by[at]['per_s']:,.0f} req/s)")
    return worst, at, "; ".join(parts)


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
            "why": text.WHY["e2e"]}


def _flat(w: dict) -> dict[str, Any]:
    target = "Cost per event flat from 10k to 7M events"
    s = w.get("scale")
    if not _ok(s) or len(s["points"]) < 2:
        return _not_measured(target, "the scale curve needs two sizes or more")
    pts = s["points"]
    append = [p["append"]["us_per_event"] for p in pts]
    rebuild = [p["replay"]["rebuild_us_per_event"] for p in pts]
    spread_a, spread_r = max(append) / min(append), max(rebuild) / min(rebuild)
    sizes = f"{pts[0]['events']:,} → {pts[-1]['events']:,} events"
    flat = spread_a <= 1.5 and spread_r <= 1.5
    full = pts[0]["events"] <= 10_000 and pts[-1]["events"] >= 7_000_000
    verdict = ("met" if full else "met on the sizes run") if flat else "missed"
    return {"target": target,
            "measured": f"{sizes}: append {min(append):.0f}–{max(append):.0f} µs/event "
                        f"(×{spread_a:.2f}), rebuild {min(rebuild):.0f}–{max(rebuild):.0f} "
                        f"µs/event (×{spread_r:.2f}); flat = within ×1.5",
            "verdict": verdict, "why": text.WHY["flat"]}
