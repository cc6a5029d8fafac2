"""`partyorg seed --distributed --transfers` (`make seed-transfers-up`): the demo's transfers
between `make up`'s two provinces (demo/transfers_between_provinces.py), through each province's
membership service over RPC; the link between them (its projection workers, PARTYORG_PEERS_FILE)
carries each letter across and each answer back, over the provinces' Kafka topics.

Run once both provinces are seeded (`make seed-up`, `make seed-up PROVINCE=HUE`); a province
pair that already exchanged letters is left as it is.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from demo import SeedError
from demo.transfers_between_provinces import Side, seed_transfers
from gateway.clients.rpc import RpcClient, ServiceUnavailable
from partyorg.distributed import Settings
from partyorg.local_provinces import PROVINCES, province_env
from services.membership.declaration import DECLARATION as MEMBERSHIP

OPEN = {"in_transit", "awaiting"}
LINK_WAIT_S = 60.0


def _settled(sides: list[Side]) -> bool:
    """Every letter either side knows is known to the other, open or closed on both alike."""
    seen = [{t.transfer_id: t.state in OPEN
             for t in s.membership.queries.transfers_between_provinces(s.root)} for s in sides]
    return seen[0] == seen[1]


def seed_transfers_up(env: Mapping[str, str], say: Callable[[str], None],
                      var: Path = Path("var"), timeout: float = 30) -> int:
    amqp = env.get("PARTYORG_AMQP_URI")
    if not amqp:
        raise SeedError("the distributed mode needs PARTYORG_AMQP_URI: `make up` writes it to "
                        "var/local-env.sh (set -a; . var/local-env.sh; set +a)")
    clients: dict[str, RpcClient] = {}
    try:
        sides = []
        for p in PROVINCES[:2]:
            settings = Settings.for_service(MEMBERSHIP, {**env, **province_env(p, env, var)})
            client = clients[p.code] = RpcClient.of(MEMBERSHIP, amqp, p.code, timeout=timeout,
                                                    service_name=settings.rpc_name)
            roots = [r for r in client.queries.roots() if r.status == "active"]
            if len(roots) != 1:
                raise SeedError(f"province {p.code} has {len(roots)} active roots: run `make up`")
            sides.append(Side(p.code, SimpleNamespace(service=client.service,
                                                      queries=client.queries), roots[0].id))
        if any(s.membership.queries.transfers_between_provinces(s.root) for s in sides):
            say("the provinces have exchanged letters already: nothing seeded")
            return 0

        def settle() -> None:
            deadline = time.monotonic() + LINK_WAIT_S
            while not _settled(sides):
                if time.monotonic() > deadline:
                    raise SeedError("the link between the provinces carried nothing for "
                                    f"{LINK_WAIT_S:g} s: are both projection workers running?")
                time.sleep(0.3)

        sent = seed_transfers(sides[0], sides[1], settle, date.today(), progress=say)
        say(f"transfers between {sides[0].code} and {sides[1].code} seeded: {sent} letters")
        return sent
    except ServiceUnavailable as exc:
        raise SeedError(f"a membership service did not answer ({exc}): is `make up` "
                        "running?") from exc
    finally:
        for client in clients.values():
            client.close()


def seed_transfers_from_environment(say: Callable[[str], None]) -> int:
    return seed_transfers_up(os.environ, say, Path(os.environ.get("PARTYORG_VAR_DIR", "var")))
