"""The benchmark suite at trivial sizes, so it never rots: every workload runs and the report has
its sections. Never a timed assertion: the figures are whatever this machine gives."""

from __future__ import annotations

import json
import os

import pytest

from bench.__main__ import WORKLOADS, main

pytestmark = pytest.mark.slow


def test_every_workload_runs_at_a_trivial_size_and_the_report_has_its_sections(tmp_path):
    out, work = tmp_path / "docs", tmp_path / "work"
    main(["--quick", "--out", str(out), "--work", str(work)])

    raw = json.loads((out / "benchmarks.json").read_text(encoding="utf-8"))
    assert set(raw["workloads"]) == set(WORKLOADS)
    for name, section in raw["workloads"].items():
        assert "failed" not in section, (name, section.get("traceback"))
    servers = all(os.environ.get(n) for n in ("PARTYORG_PG_DSN", "PARTYORG_KAFKA_BOOTSTRAP",
                                               "PARTYORG_AMQP_URI"))
    w = raw["workloads"]
    assert w["shapes"]["sqlite"]["append"]["1_per_tx_1_clients"]["peer"]["per_s"] > 0
    assert w["shapes"]["sqlite"]["peer_synchronous"] == "FULL"
    assert w["shapes"]["sqlite"]["ceiling"]["append"]["1_per_tx_1_clients"]["raw"]["per_s"] > 0
    assert w["shapes"]["sqlite"]["ceiling"]["read"]["raw_per_s"] > 0
    assert w["shapes"]["sqlite"]["contract_log"]["1_per_tx_1_clients"]["raw"]["per_s"] > 0
    assert w["commands"]["sqlite"]["clients"]["1"]["ours"]["operations"] > 0
    limit = w["commands"]["sqlite"]["limit"]
    assert limit["statements_all"] > limit["statements"] > limit["commands"]
    assert w["replay"]["replay"]["dead_letters"] == 0
    assert w["replay"]["rebuild_profile"]
    assert {"branch_member_page", "subtree_statistics", "member_history", "trivial"} <= set(
        w["graphql"]["queries"])
    assert set(w["graphql"]["answer_cache"]) == set(w["graphql"]["queries"])
    assert w["graphql"]["engine_floor"]["branch_member_page"]["engine_us"] > 0
    assert w["graphql"]["answers"]["hit"] > 0  # the cached run was answered from the cache
    assert w["graphql"]["answers_uncached"] == {"hit": 0.0, "miss": 0.0}
    assert w["scale"]["points"][0]["append"]["peak_rss_mib"] > 0
    assert w["scale"]["points"][0]["append_limit"]["events"] == \
        w["scale"]["points"][0]["append"]["events"]
    if servers:
        assert w["kafka"]["worker"]["events"] == w["kafka"]["events"]
        assert w["e2e"]["by_clients"]["1"]["visible"]["operations"] > 0
        assert "skipped" not in w["shapes"]["postgres"]

    md = (out / "benchmarks.md").read_text(encoding="utf-8")
    for heading in ("## Machine", "## How to reproduce", "## Targets",
                    "## Where the time goes", "## Every figure", "### Scale curve"):
        assert heading in md
    assert "Whole commands ≥ 1× the peer at 1 client" in md and "nproc" in md
    assert "replayed by the bare driver" in md
    assert "Store shapes ≥ 1.5× the peer" in md and "the database and codec alone" in md


def test_sizes_read_as_the_issue_writes_them():
    from bench.__main__ import parse_sizes

    assert parse_sizes("10k,100k,1M,7M") == [10_000, 100_000, 1_000_000, 7_000_000]
    assert parse_sizes("2500, 1.5m") == [2_500, 1_500_000]
