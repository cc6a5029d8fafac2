"""The demo's data folder: seeded once (resumable; a marker says which seeding it holds and
whether it finished), opened, and its organisations found."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from demo import DEMO_TODAY, SeedError, seed_demo
from kit.clock import FixedClock
from partyorg.embedded import EmbeddedPlatform, EmbeddedService, build_platform

DEFAULT_DATA = "var/demo"
DEFAULT_KEY = "var/keys/signing.key"
MARKER = "demo-seed.json"  # which seeding the folder holds, and whether it finished
PROVINCE = "NB"


def err(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def read_marker(data: Path) -> dict | None:
    marker = data / MARKER
    return json.loads(marker.read_text(encoding="utf-8")) if marker.exists() else None


def write_marker(data: Path, marker: dict) -> None:
    data.mkdir(parents=True, exist_ok=True)
    (data / MARKER).write_text(json.dumps(marker, ensure_ascii=False, indent=2), encoding="utf-8")


def seed(data: Path, *, seed_value: int = 2025, scale: float = 1.0,
         platform: EmbeddedPlatform | None = None) -> dict:
    """Seed the demo into `data` unless that already finished there; return the marker.

    Commands carry ids derived from the seed, so an interrupted seeding resumes where it stopped:
    what was stored comes back as duplicates. The marker says which seeding a folder holds.
    `platform`: one already open on `data` (serving meanwhile, its clock at the demo's today);
    by default a bulk-loading one of its own, closed at the end.
    """
    marker = read_marker(data)
    if marker is not None and marker["state"] == "done":
        err(f"{data}: already seeded ({marker['commands']} commands, seed {marker['seed']}, "
            f"scale {marker['scale']}); reusing it")
        if not marker.get("meetings"):
            err(f"{data} was seeded before the demo had meetings: remove it to seed them too")
        return marker
    if marker is not None and (marker["seed"], marker["scale"]) != (seed_value, scale):
        raise SeedError(f"{data} holds an unfinished seeding with seed {marker['seed']} and scale "
                        f"{marker['scale']}: resume it with those, or remove the folder")
    own = platform is None
    if platform is None:
        clock = FixedClock()
        clock.set_today(DEMO_TODAY)  # the demo's history ends on this day, whatever the date now
        platform = build_platform(data, PROVINCE, clock=clock, catch_up_after_commands=False)
    membership = platform.membership
    try:
        if membership.store.head_position():
            if marker is None:
                raise SeedError(f"{data} holds data that this seeder did not write: "
                                "serve it with `partyorg serve`, or seed into another folder")
            err(f"{data}: a seeding was interrupted; resuming it")
        write_marker(data, {"state": "seeding", "seed": seed_value, "scale": scale})
        err(f"seeding the demo province into {data} (Yên Mô, Ninh Bình; today = "
            f"{DEMO_TODAY:%d/%m/%Y})")
        report = seed_demo(membership, seed=seed_value, scale=scale, progress=err,
                           meetings=platform.meetings,
                           evaluations=platform.services.get("evaluations"),
                           personnel=platform.services.get("personnel"))
    finally:
        if own:
            platform.close()
    marker = {"state": "done", "seed": report.seed, "scale": report.scale,
              "today": report.today.isoformat(), "commands": report.commands,
              "duplicates": report.duplicates, "events": report.events,
              "seconds": round(report.seconds, 1), "root_id": report.root_id,
              "district_id": report.district_id,
              "seeded_at": datetime.now(UTC).isoformat(timespec="seconds"),
              "by_command": dict(report.by_command),
              "meetings": report.meetings.to_dict() if report.meetings else None,
              "evaluations": report.evaluations.to_dict() if report.evaluations else None,
              "personnel": report.personnel.to_dict() if report.personnel else None}
    write_marker(data, marker)
    held = (f"; {report.meetings.held} meetings held ({report.meetings.commands} commands, "
            f"{report.meetings.events} events)" if report.meetings else "")
    err(f"seeded: {report.commands} commands, {report.events} events{held} in "
        f"{report.seconds:.1f} s")
    return marker


def open_data(data: Path, peers: Any = None) -> EmbeddedPlatform:
    """Both services on the folder's data (a folder seeded before meetings existed gets an
    empty meetings log; its roster view is built from membership's log). `peers`: the other
    provinces it transfers members to (kit.peers), for the demo's federation."""
    if not (data / "membership-events.db").exists():
        raise SystemExit(f"no data in {data}: run `partyorg demo` or `partyorg seed` first")
    return build_platform(data, PROVINCE, peers=peers)


def root_id(membership: EmbeddedService) -> str:
    roots = [o for o in membership.queries.roots() if o.status == "active"]
    if not roots:
        raise SystemExit("the data has no active root organisation")
    return roots[0].id


def sample_branch(membership: EmbeddedService, root: str) -> tuple[str, str]:
    """A village branch to show a branch-scoped token with: thôn Kênh of Yên Thành, if present."""
    tree = membership.queries.organisation_tree(root)
    nodes, best = [tree], None
    while nodes:
        node = nodes.pop()
        nodes.extend(node.children)
        o = node.organisation
        if o.type != "sub_branch":
            continue
        if o.name == "Chi bộ thôn Kênh":
            return o.id, o.name
        size = sum(node.own_counts.get(s, 0) for s in ("official", "probationary"))
        if best is None or size > best[0]:
            best = (size, o.id, o.name)
    if best is None:
        return root, "(no branch)"
    return best[1], best[2]
