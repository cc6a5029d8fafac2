"""Render docs/benchmarks.md from the raw figures: machine, how to reproduce, the issue's targets
met or missed (with where the time goes), then every figure. Prose lives in report_text.py."""

from __future__ import annotations

from typing import Any

from . import report_text as text
from .targets import judge


def _figure(x: Any, digits: int = 0) -> str:
    if x is None:
        return "–"
    if isinstance(x, float) and not digits and 0 < abs(x) < 10:
        digits = 1 if abs(x) >= 1 else 2  # sub-10 ms latencies: "0" would say nothing
    if isinstance(x, float | int):
        return f"{x:,.{digits}f}"
    return str(x)


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(_figure(c) if not isinstance(c, str) else c for c in r) + " |"
            for r in rows]
    return out + [""]


def _gap(section: dict[str, Any]) -> str | None:
    if "skipped" in section:
        return f"_Not measured: {section['skipped']}._"
    if "failed" in section:
        return f"_Failed: {section['failed']}_\n\n```\n{section.get('traceback', '')}\n```"
    return None


def render(r: dict[str, Any]) -> str:
    m, w = r["machine"], r["workloads"]
    lines = [f"# Benchmarks ({r['profile']} run)", "", text.INTRO, "",
             f"Run {r['started_at']} → {r['finished_at']} (UTC), commit `{r['commit']}`.", "",
             "## Machine", ""]
    lines += _table(["", ""], [["CPU", m["cpu"]], ["cores (nproc)", str(m["nproc"])],
                               ["memory", f"{m['memory_gib']} GiB"], ["Python", m["python"]],
                               ["SQLite", m["sqlite"]], ["platform", m["platform"]]]
                    + [[k, v] for k, v in m["versions"].items()])
    lines += ["## How to reproduce", "", text.REPRODUCE, ""]
    lines += ["## Targets", "", text.TARGETS_NOTE, ""]
    verdicts = judge(r)
    lines += _table(["target", "measured", "verdict"],
                    [[v["target"], v["measured"], v["verdict"]] for v in verdicts])
    lines += ["## Where the time goes, and what would close each miss", ""]
    for v in verdicts:
        if v["verdict"].startswith("met"):
            continue
        lines += [f"### {v['target']}", ""]
        if v.get("standing"):
            lines += [f"**Where it stands.** {v['standing']}", "",
                      "**How it got here**, run by run and change by change, oldest first:", ""]
        lines += [v["why"], ""]
        if v.get("profile"):
            lines += ["```", *v["profile"], "```", ""]
    near = [v for v in verdicts if v["verdict"].startswith("met") and v.get("standing")]
    if near:  # met, with an account of how: a verdict near its line reads with it
        lines += ["## Met in this run, and how", ""]
        for v in near:
            lines += [f"### {v['target']}", "", f"**Where it stands.** {v['standing']}", "",
                      "**How it got here**, run by run and change by change, oldest first:", "",
                      v["why"], ""]
    lines += ["## Every figure", ""]
    for name, render_one in (("shapes", _shapes), ("commands", _commands), ("replay", _replay),
                             ("kafka", _kafka), ("graphql", _graphql), ("e2e", _e2e),
                             ("scale", _scale), ("federation", _federation)):
        if name not in w:
            continue
        lines += [f"### {text.TITLES[name]}", "", text.ABOUT[name], ""]
        gap = _gap(w[name])
        lines += [gap, ""] if gap else render_one(w[name])
        lines += [f"_Wall time of this workload: {w[name].get('wall_seconds', '–')} s, "
                  f"finished {w[name].get('measured_at', '–')}._", ""]
    lines += ["Raw figures: `docs/benchmarks.json` (same run)."]
    return "\n".join(lines) + "\n"


def _shapes(s: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for backend in ("sqlite", "postgres"):
        b = s.get(backend, {})
        gap = _gap(b)
        out += [f"**{backend}**" + (f" (peer synchronous={b.get('peer_synchronous')})"
                                    if backend == "sqlite" and not gap else ""), ""]
        if gap:
            out += [gap, ""]
            continue
        rows = []
        for shape, f in b["append"].items():
            o, p = f["ours"], f["peer"]
            rows.append([shape.replace("_", " "), o["per_s"], p["per_s"], _ratio(f["ratio"]),
                         f"{o['p50_ms']} / {o['p95_ms']} / {o['p99_ms']}",
                         f"{p['p50_ms']} / {p['p95_ms']} / {p['p99_ms']}",
                         f"{o['errors']} / {p['errors']}"])
        out += _table(["append shape", "ours events/s", "peer events/s", "ours ÷ peer",
                       "ours p50/p95/p99 ms", "peer p50/p95/p99 ms", "errors ours/peer"], rows)
        rd = b["read"]
        out += _table(["read the whole log (decoded)", "ours events/s", "peer events/s",
                       "ours ÷ peer"], [[f"{rd['events']:,} events", rd["ours_per_s"],
                                         rd["peer_per_s"], _ratio(rd["ratio"])]])
        out += _ceilings(b.get("ceiling"), b.get("our_table"), b.get("contract_log"))
    return out


def _ceilings(c: dict[str, Any] | None, our_table: dict[str, Any] | None = None,
              contract: dict[str, Any] | None = None) -> list[str]:
    """The bare driver beside the peer: the most any store could be ahead of it here; into the
    least our store's contract needs, the most any store keeping that contract could be.
    Beside them (not a limit), the bare driver writing our own events table's rows."""
    if not c:
        return []
    rows = [[f"append {shape.replace('_', ' ')}", f["raw"]["per_s"],
             _ratio(f["ratio_to_peer"])] for shape, f in c["append"].items()]
    rows += [[f"append {shape.replace('_', ' ')}, into the least our store's contract needs "
              "(unique event ids; a record of each command, for retries)", f["raw"]["per_s"],
              _ratio(f["ratio_to_peer"])] for shape, f in (contract or {}).items()]
    rows += [[f"append {shape.replace('_', ' ')}, into our events table as it is (its columns "
              "and keys; no command record, no version check: not a limit)", f["raw"]["per_s"],
              _ratio(f["ratio_to_peer"])] for shape, f in (our_table or {}).items()]
    if "read" in c:
        rows.append(["read the whole log: our table fetched, data decoded, no envelope",
                     c["read"]["raw_per_s"], _ratio(c["read"]["ratio_to_peer"])])
    return _table(["the database and codec alone (bench/ceilings.py)", "events/s",
                   "÷ peer (the most any store could reach)"], rows)


def _ratio(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}×"


def _commands(s: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for backend in ("sqlite", "postgres"):
        b = s.get(backend, {})
        out += [f"**{backend}**", ""]
        gap = _gap(b)
        if gap:
            out += [gap, ""]
            continue
        rows = []
        for n, f in b["clients"].items():
            o, p = f["ours"], f["peer"]
            rows.append([n, o["per_s"], f"{o['p50_ms']} / {o['p95_ms']} / {o['p99_ms']}",
                         p["per_s"], f"{p['p50_ms']} / {p['p95_ms']} / {p['p99_ms']}",
                         _ratio(f["ratio"]), f"{o['errors']} / {p['errors']}",
                         ", ".join(_figure(x) for x in o["runs_per_s"])])
        out += _table(["clients", "ours commands/s", "ours p50/p95/p99 ms", "peer commands/s",
                       "peer p50/p95/p99 ms", "ours ÷ peer", "errors ours/peer",
                       "ours per round"], rows)
        limit = b.get("limit")
        if limit:
            out += _table(["the database alone (bench/command_sql.py)", "commands/s",
                           "peer commands/s beside it", "÷ peer"], [
                [f"the statements {limit['commands']:,} of our commands sent from the client's "
                 f"thread ({limit['statements']:,}), replayed by the bare driver: the most "
                 "these commands could reach", limit["bare_per_s"], limit["peer_per_s"],
                 _ratio(limit["ratio_to_peer"])],
                [f"every statement they cost, the read models' catch-up included "
                 f"({limit['statements_all']:,}), replayed one after another (ours runs the "
                 "catch-up's beside the client's: not a bound)", limit["bare_all_per_s"],
                 limit["peer_per_s"], _ratio(limit["all_ratio_to_peer"])]])
        mix = ", ".join(f"{k} {v}" for k, v in b["mix"].items())
        out += [f"Prepared {b['prepared_commands']:,} commands in {b['prepared_seconds']} s; "
                f"measured {b['measured_commands']:,} commands ({b['retries']} retried after "
                f"a conflict or a dependency still in flight). Mix: {mix}.", ""]
    return out


def _replay(s: dict[str, Any]) -> list[str]:
    a, rp = s["append"], s["replay"]
    return _table(["events", "append events/s", "read all events/s", "rebuild events/s",
                   "rebuild s", "rebuild processes", "dead letters",
                   "peak RSS MiB (append / replay)"],
                  [[s["events"], a["per_s"], rp["read_per_s"], rp["rebuild_per_s"],
                    _figure(rp["rebuild_seconds"], 2), 1 + rp.get("helpers", 0),
                    rp["dead_letters"],
                    f"{_figure(a['peak_rss_mib'], 1)} / {_figure(rp['peak_rss_mib'], 1)}"]])


def _kafka(s: dict[str, Any]) -> list[str]:
    rl, raw = s["relay"], s["raw_producer"]
    out = _table(["", "events/s", "per round", "latency"], [
        ["relay (store → Kafka)", rl["per_s"], ", ".join(_figure(x) for x in rl["runs_per_s"]),
         "batch of {size}: p50/p95/p99 {p50_ms} / {p95_ms} / {p99_ms} ms".format(
             size=_figure(rl.get("batch_size", 500)), **rl.get("batch") or rl["batch_of_500"])],
        ["raw kafka-python producer", raw["per_s"],
         ", ".join(_figure(x) for x in raw["runs_per_s"]), ""],
        ["projection worker (Kafka → PostgreSQL read models)", s["worker"]["per_s"], "",
         "batch: p50/p95/p99 {p50_ms} / {p95_ms} / {p99_ms} ms".format(
             **s["worker"]["batch_of_up_to_1000"])],
        ["raw kafka-python consumer (JSON decode, commit per poll)",
         s["raw_consumer"]["per_s"], "", ""]])
    return out + [f"{s['events']:,} events, {s['mean_message_bytes']} bytes each on average. "
                  f"Relay ÷ raw producer: {_ratio(s['relay_vs_raw'])}; worker ÷ raw consumer: "
                  f"{_ratio(s['worker_vs_raw'])}.", ""]


def _graphql(s: dict[str, Any]) -> list[str]:
    processes = s.get("query_processes")
    beside = (f", {processes} query processes beside the server on {s.get('cores', '?')} cores"
              if processes is not None else "")
    out = [f"Every query executed (`partyorg serve --no-answer-cache`{beside}):", ""]
    out += _graphql_table(s["queries"])
    if s.get("engine_floor"):
        rows = [[name.replace("_", " "), f["engine_us"], f["best_per_s"],
                 f"{f['share_of_trivial']:.0%}"] for name, f in s["engine_floor"].items()]
        out += ["The GraphQL engine alone (bench/graphql_floor.py: graphql-core over the published "
                "schema and the answer above, default resolvers, no database, no HTTP), and the "
                "most each query could reach over this server's HTTP stack — the trivial "
                "request's whole cost plus the engine's beyond it:", ""]
        out += _table(["query", "engine µs (execute + JSON)", "best req/s at 1 client",
                       "share of trivial's rate"], rows)
    if s.get("answer_cache"):
        out += ["The same requests with the answer cache on (the default): the same body again and "
                "again, nothing written meanwhile, so after the first each is a kept answer:", ""]
        out += _graphql_table(s["answer_cache"])
        if s.get("answers"):
            out += [f"The server counted {s['answers']['hit']:,.0f} kept answers served and "
                    f"{s['answers']['miss']:,.0f} queries executed in that run "
                    "(`partyorg_graphql_answers_total`).", ""]
    if s.get("profile"):
        out += ["Server profile (py-spy, member page at 10 clients, every query executed; the "
                "server and its query processes together), own time by function:", "", "```",
                *s["profile"], "```", ""]
    return out


def _graphql_table(queries: dict[str, Any]) -> list[str]:
    rows = []
    for name, q in queries.items():
        for n, f in q["by_clients"].items():
            rows.append([name.replace("_", " "), n, f["per_s"], f["p50_ms"], f["p95_ms"],
                         f["p99_ms"], f["requests"], f["errors"], f["tool"]])
    return _table(["query", "clients", "req/s", "p50 ms", "p95 ms", "p99 ms", "requests",
                   "errors", "load"], rows)


def _e2e(s: dict[str, Any]) -> list[str]:
    rows = [[n, f["operations_per_s"], "{p50_ms} / {p95_ms} / {p99_ms}".format(**f["accepted"]),
             "{p50_ms} / {p95_ms} / {p99_ms}".format(**f["visible"]), f["errors"]]
            for n, f in s["by_clients"].items()]
    return _table(["clients", "operations/s", "accepted p50/p95/p99 ms",
                   "visible in a query p50/p95/p99 ms", "errors"], rows)


def _scale(s: dict[str, Any]) -> list[str]:
    rows = []
    for p in s["points"]:
        a, rp = p["append"], p["replay"]
        bare = p.get("append_limit", {}).get("us_per_event")
        rows.append([f"{p['events']:,}", _figure(a["us_per_event"], 1),
                     _figure(bare, 1), a["per_s"],
                     _figure(a["peak_rss_mib"], 1), _figure(rp["rebuild_us_per_event"], 1),
                     rp["rebuild_per_s"], _figure(rp["rebuild_seconds"], 1),
                     1 + rp.get("helpers", 0), rp["read_per_s"], _figure(rp["peak_rss_mib"], 1),
                     a["store_mib"], rp["read_models_mib"], rp["dead_letters"]])
    out = _table(["events", "append µs/event", "bare driver append µs/event", "append events/s",
                  "append peak RSS MiB", "rebuild µs/event", "rebuild events/s", "rebuild s",
                  "rebuild processes", "read all events/s", "replay peak RSS MiB", "store MiB",
                  "read models MiB", "dead letters"], rows)
    follow = s.get("memory_followup")
    if follow:
        out += [follow["note"], ""]
        out += _table(["events", "append peak RSS MiB", "replay peak RSS MiB",
                       "append events/s", "rebuild events/s"],
                      [[f"{p['events']:,}", p["append"]["peak_rss_mib"],
                        p["replay"]["peak_rss_mib"], p["append"]["per_s"],
                        p["replay"]["rebuild_per_s"]] for p in follow["points"]])
    return out


def _federation(s: dict[str, Any]) -> list[str]:
    from .federation_bench import render

    return render(s)
