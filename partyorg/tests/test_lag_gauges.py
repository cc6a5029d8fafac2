"""Every declared service's read models in the embedded default: their lag, on this process's
/metrics, is the head of each store they read minus their committed checkpoint, read when
scraped. While the catch-up is blocked (another connection holds the read-model database's write
lock) it grows with every append; the counters are there at 0 before anything happened."""

from __future__ import annotations

import sqlite3
import time
import uuid
from datetime import UTC, datetime

import pytest

from kit.envelope import Actor, CommandContext, NewEvent
from kit.store import StreamAppend
from kit.testing.prometheus import scrape_registry, values
from partyorg.embedded import build_platform
from partyorg.services import SERVICES

LAG = "partyorg_projection_lag_events"
CHECKPOINT = "partyorg_projection_checkpoint_position"


def append_nothing(service) -> None:
    """An event of a type no projection handles, announced as a command's would be."""
    result = service.store.append(
        [StreamAppend(f"lagtest-{uuid.uuid4()}", 0, [
            NewEvent("lagtest.Nothing", 1, {}, datetime.now(UTC))])],
        CommandContext(str(uuid.uuid4()), "NB", Actor("lag-test", "system")))
    service.appended(result)


def by_pair(metrics, name) -> dict[tuple[str, str], float]:
    return {(dict(k)["projection"], dict(k)["source"]): v for k, v in values(metrics, name).items()}


def eventually(probe, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while not (found := probe()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
    return found


@pytest.mark.parametrize("declaration", SERVICES, ids=lambda d: d.name)
def test_a_blocked_catch_up_shows_its_lag_growing_on_every_source(declaration, tmp_path):
    platform = build_platform(tmp_path)
    try:
        service = platform[declaration.name]
        read = {source: platform[name] for name in declaration.follows
                for source in [f"{name}.events"]} | {"store": service}
        expected = {(p.name, source) for p in service.runner.projections
                    for source in (getattr(p, "sources", None) or ("store",))}
        assert set(by_pair(scrape_registry(), LAG)) >= expected
        assert all(by_pair(scrape_registry(), LAG)[pair] == 0 for pair in expected)

        blocker = sqlite3.connect(tmp_path / f"{declaration.name}-read.db", timeout=0)
        blocker.execute("BEGIN IMMEDIATE")  # the catch-up's write transaction now waits
        try:
            before = by_pair(scrape_registry(), CHECKPOINT)
            for n in (1, 2, 3):
                for source_service in read.values():
                    append_nothing(source_service)
                lag = eventually(lambda n=n: (got := by_pair(scrape_registry(), LAG)) and all(
                    got[pair] == n for pair in expected) and got)
                assert {pair: lag[pair] for pair in expected} == dict.fromkeys(expected, n)
            after = by_pair(scrape_registry(), CHECKPOINT)
            assert {p: after[p] for p in expected} == {p: before[p] for p in expected}
        finally:
            blocker.rollback()
            blocker.close()
        eventually(lambda: all(by_pair(scrape_registry(), LAG)[pair] == 0 for pair in expected))
    finally:
        platform.close()


@pytest.mark.parametrize("declaration", SERVICES, ids=lambda d: d.name)
def test_every_command_and_projection_counter_is_exported_at_0_from_the_start(declaration,
                                                                            tmp_path):
    platform = build_platform(tmp_path)
    try:
        service = platform[declaration.name]
        metrics = scrape_registry()
        commands = values(metrics, "partyorg_commands_total")
        for command in declaration.handlers:
            for outcome in ("ok", "error"):
                key = (("command", command.__name__), ("outcome", outcome),
                       ("service", declaration.name))
                assert key in commands, key
        parked = {dict(k)["projection"] for k in values(metrics, "partyorg_dead_letters_total")}
        assert {p.name for p in service.runner.projections} <= parked
        appended = {dict(k)["type"] for k in values(metrics, "partyorg_events_appended_total")
                    if dict(k)["service"] == declaration.name}
        assert {w.cls.__name__ for w in declaration.codec.types()} <= appended
    finally:
        platform.close()
