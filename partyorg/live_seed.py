"""`partyorg demo` on a fresh folder: serve at once, seed meanwhile.

The seeding takes a minute or more, and grows with the demo; a new user gets a gateway to query
within seconds instead. One platform serves and seeds: its catch-up threads are the only writers
of the read models (the seeder's own catch-ups take the same runners' locks), so queries watch
the province fill in. While the seeding runs, the platform's today is the demo's last day (its
history is written as of then); after, the system's.
"""

from __future__ import annotations

import argparse
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

from demo import DEMO_TODAY
from gateway.auth import load_or_create_key
from kit.clock import BUSINESS_TZ, SystemClock
from partyorg import tokens
from partyorg.demo_banner import banner, demo_access, token_command
from partyorg.demo_data import PROVINCE, err, seed
from partyorg.embedded import EmbeddedPlatform, build_platform

ROOT_WAIT_SECONDS = 120.0  # the organisations come first: a second or two of the seeding


class DemoClock:
    """The demo's today while it is seeded, then the system's."""

    def __init__(self, held: date) -> None:
        self._held: date | None = held
        self._system = SystemClock()

    def now(self) -> datetime:
        held = self._held
        if held is None:
            return self._system.now()
        return datetime(held.year, held.month, held.day, 9, tzinfo=BUSINESS_TZ).astimezone(UTC)

    def today(self) -> date:
        held = self._held
        return self._system.today() if held is None else held

    def release(self) -> None:
        self._held = None


class LiveSeeding:
    """`seed()` on a thread of its own, into a platform that serves meanwhile."""

    def __init__(self, data: Path, platform: EmbeddedPlatform, clock: DemoClock,
                 seed_value: int, scale: float) -> None:
        self.data, self.platform, self.clock = data, platform, clock
        self.seed_value, self.scale = seed_value, scale
        self.done = threading.Event()
        self.error: BaseException | None = None
        self.marker: dict | None = None
        self._thread = threading.Thread(target=self._run, name="demo-seeding", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            self.marker = seed(self.data, seed_value=self.seed_value, scale=self.scale,
                               platform=self.platform)
        except BaseException as exc:  # reported, and the server keeps serving what was seeded
            self.error = exc
            err(f"seeding failed: {exc}\nthe data so far stays served; run `make demo` again "
                "to resume the seeding")
        finally:
            self.clock.release()
            self.done.set()

    def root_ready(self, timeout: float = ROOT_WAIT_SECONDS) -> bool:
        """Wait until the province's root organisation can be read (or the seeding ended)."""
        deadline = time.monotonic() + timeout
        queries = self.platform.membership.queries
        while time.monotonic() < deadline:
            if any(o.status == "active" for o in queries.roots()):
                return True
            if self.done.wait(0.2):  # refused before it began (another seed's data), or quick
                return self.error is None and any(o.status == "active" for o in queries.roots())
        return False


def serve_while_seeding(args: argparse.Namespace, started: float) -> int:
    from gateway.server import create_app, serve  # strawberry loads slowly: on demand

    data, key_path = Path(args.data), Path(args.key)
    clock = DemoClock(DEMO_TODAY)
    from partyorg.federated_demo import demo_peers

    platform = build_platform(data, PROVINCE, clock=clock, peers=demo_peers(args, PROVINCE))
    seeding = LiveSeeding(data, platform, clock, args.seed, args.scale)
    seeding.start()
    try:
        if not seeding.root_ready():
            err("the seeding wrote no province to serve")
            return 1
        key = load_or_create_key(key_path)
        tokens.remember_served(data, key_path, args.host, args.port)
        print(banner(demo_access(platform.membership, key), args.host, args.port,
                     token_command(data, key_path)), flush=True)
        print(f"serving {time.perf_counter() - started:.1f} s after the start; the seeding goes "
              "on meanwhile (counts grow until it prints `seeded:`)", flush=True)
        from partyorg.federated_demo import trusted_central

        app = create_app(platform.services, key, answer_cache=not args.no_answer_cache,
                         trusted=trusted_central(args))
        if getattr(args, "federation", False):  # a second province and the federation beside
            from partyorg.federated_demo import serve_demo

            serve_demo(platform, app, args)
        else:
            serve(app, args.host, args.port)
    finally:
        platform.close()
    return 0 if seeding.error is None else 1
