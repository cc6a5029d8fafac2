"""`partyorg demo` with a second province and the federation: the Yên Mô-shaped province (NB) on
PORT, a smaller ward-based city province (HUE, demo/ward_city.py) on PORT+1, each with its own
data folder, key and gateway, and the federation gateway over both on PORT+2, speaking to them
over HTTP as it would to deployments elsewhere. The second province seeds in seconds on a
thread; the last member it records is one of NB's (the same citizen ID on two provinces' rolls:
what the federation's citizenIdSearch finds). The central organisation commission's key set
(var/keys/central.key beside the province's key, as `partyorg central-token` uses it) is made on
first use; both provinces and the federation trust it, and the banner prints a central token:
the statistics of both provinces, summed, and nobody's file."""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time
from pathlib import Path
from typing import Any

from demo.transfers_between_provinces import Side, seed_transfers
from demo.ward_city import PROVINCE_CODE, seed_ward_city
from gateway.auth import CENTRAL, KeySet, issue_central_token, issue_token, load_or_create_key
from kit.peers import Peer, Peers
from kit.recipient_box import load_or_create_private_key, public_key_text
from partyorg.demo_data import PROVINCE, err, read_marker, root_id
from partyorg.embedded import EmbeddedPlatform, build_platform
from partyorg.federated import http_federation, serve_all
from partyorg.links import EmbeddedLinks, link_platforms
from services.membership.api import ProfileInput

NAMES = {PROVINCE: "Ninh Bình", PROVINCE_CODE: "Huế"}
MARKER = "demo-seed.json"
TRANSFERS_MARKER = "transfers-seeded.json"


def _folder(data: str | Path, code: str) -> Path:
    return Path(data) if code == PROVINCE else Path(data) / "provinces" / code


def demo_peers(args: argparse.Namespace, code: str) -> Peers | None:
    """The peers of one of the demo's provinces: the other one (each its own key, under its
    data folder's keys/, and the other's public key); None without the federation."""
    if not getattr(args, "federation", False):
        return None
    keys = {c: load_or_create_private_key(_folder(args.data, c) / "keys" / "peer.key")
            for c in NAMES}
    return Peers(code, keys[code], {c: Peer(c, NAMES[c], public_key_text(k.public_key()))
                                    for c, k in keys.items() if c != code})


def _first_member(nb: EmbeddedPlatform, wait: float = 120.0) -> ProfileInput | None:
    """One of NB's members, once its seeding has recorded one."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        roots = [o for o in nb.membership.queries.roots() if o.status == "active"]
        if roots:
            page = nb.membership.queries.members(roots[0].id, first=1)
            if page.items:
                m = page.items[0]
                return ProfileInput(
                    full_name=m.full_name, date_of_birth=m.date_of_birth, gender=m.gender,
                    ethnicity=m.ethnicity, hometown=m.hometown, citizen_id=m.citizen_id,
                    education=m.education, political_theory=m.political_theory,
                    occupation=m.occupation)
        time.sleep(0.5)
    return None


def _seed_second(folder: Path, platform: EmbeddedPlatform, nb: EmbeddedPlatform,
                 ready: threading.Event) -> None:
    marker = folder / MARKER
    try:
        if marker.exists():
            return
        err(f"seeding the second demo province into {folder} (thành phố Huế, by wards)")
        started = time.perf_counter()
        report = seed_ward_city(platform.membership, progress=err,
                                duplicate=lambda: _first_member(nb))
        marker.write_text(json.dumps({"state": "done", "root_id": report.root_id,
                                      "members": report.members}), encoding="utf-8")
        err(f"{PROVINCE_CODE} seeded: {report.members} members in "
            f"{time.perf_counter() - started:.1f} s")
    except Exception as exc:  # noqa: BLE001 - reported; the first province serves on
        err(f"seeding {PROVINCE_CODE} failed: {exc}")
    finally:
        ready.set()


def _root_when_ready(platform: EmbeddedPlatform, ready: threading.Event) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if any(o.status == "active" for o in platform.membership.queries.roots()):
            return root_id(platform.membership)
        if ready.wait(0.1) and not platform.membership.queries.roots():
            break
    raise SystemExit(f"the second province ({PROVINCE_CODE}) has no root organisation")


def central_keys(args: argparse.Namespace) -> KeySet:
    """The central commission's key set of the demo: central.key beside the province's key."""
    return load_or_create_key(Path(args.key).with_name("central.key"))


def trusted_central(args: argparse.Namespace) -> KeySet | None:
    """The central keys the first province's gateway trusts: the demo's with the federation,
    none (or PARTYORG_CENTRAL_JWKS) without."""
    return central_keys(args) if getattr(args, "federation", False) else None


def serve_demo(nb: EmbeddedPlatform, nb_app: Any, args: argparse.Namespace) -> None:
    """Serve NB's gateway (built by the caller), HUE's and the federation's, until stopped."""
    from gateway.server import create_app  # strawberry loads slowly: on demand

    folder = _folder(args.data, PROVINCE_CODE)
    folder.mkdir(parents=True, exist_ok=True)
    second = build_platform(folder, PROVINCE_CODE, peers=demo_peers(args, PROVINCE_CODE))
    links = link_platforms(nb, second)  # the saga of transfers between them
    ready = threading.Event()
    threading.Thread(target=_seed_second, args=(folder, second, nb, ready), daemon=True,
                     name="demo-seeding-hue").start()
    threading.Thread(target=_seed_transfers, args=(Path(args.data), nb, second, links, ready),
                     daemon=True, name="demo-seeding-transfers").start()
    hue_key = load_or_create_key(Path(args.key).with_name(f"signing-{PROVINCE_CODE}.key"))
    nb_key = load_or_create_key(args.key)
    central = central_keys(args)
    host, port = args.host, args.port
    urls = {code: f"http://{host}:{p}" for code, p in ((PROVINCE, port),
                                                       (PROVINCE_CODE, port + 1))}
    # the key sets in hand: this process serves the provinces' JWKS too, on the same event loop
    federation = http_federation([(code, NAMES[code], url) for code, url in urls.items()],
                                 audit=Path(args.data) / "federation" / "citizen-id-searches.db",
                                 issuers={PROVINCE: nb_key, PROVINCE_CODE: hue_key,
                                          CENTRAL: central})
    from federation.server import create_app as federation_app

    hue_root = _root_when_ready(second, ready)
    nb_token = issue_token(nb_key, user="demo-trung-uong", roles=["viewer"],
                           org=root_id(nb.membership), province=PROVINCE)
    hue_token = issue_token(hue_key, user="demo-trung-uong", roles=["viewer"], org=hue_root,
                            province=PROVINCE_CODE)
    central_token = issue_central_token(central, user="demo-ban-to-chuc-trung-uong")
    print(banner(urls, f"http://{host}:{port + 2}", hue_token, f"{nb_token},{hue_token}",
                 central_token), flush=True)
    try:
        asyncio.run(serve_all([(nb_app, host, port),
                               (create_app(second.services, hue_key, trusted=central), host,
                                port + 1),
                               (federation_app(federation), host, port + 2)]))
    finally:
        for link in links:
            link.close()
        second.close()


def _seed_transfers(data: Path, nb: EmbeddedPlatform, hue: EmbeddedPlatform,
                    links: tuple[EmbeddedLinks, ...], hue_ready: threading.Event) -> None:
    """Once both provinces are seeded (NB's seeding may run for minutes), the demo's transfers
    between them, once (a marker in the federation's folder)."""
    marker = data / "federation" / TRANSFERS_MARKER
    try:
        if marker.exists():
            return
        hue_ready.wait()
        while (read_marker(data) or {}).get("state") != "done":
            time.sleep(2.0)

        def settle() -> None:
            for side in links:
                side.settle()
            nb.settle()
            hue.settle()

        sent = seed_transfers(Side(PROVINCE, nb.membership, root_id(nb.membership)),
                              Side(PROVINCE_CODE, hue.membership, root_id(hue.membership)),
                              settle, nb.membership.clock.today(), progress=err)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps({"state": "done", "letters": sent}), encoding="utf-8")
        err(f"transfers between {PROVINCE} and {PROVINCE_CODE} seeded: {sent} letters")
    except Exception as exc:  # noqa: BLE001 - reported; both provinces serve on
        err(f"seeding the transfers between the provinces failed: {exc}")


def banner(urls: dict[str, str], federation: str, hue_token: str, both: str,
           central: str = "") -> str:
    query = ('{"query":"{ provinces { code health readModelLag } federatedCounts { total '
             '{ onRolls } byProvince { province counts { onRolls } } } }"}')
    return "\n".join([
        "",
        f"Second province ({PROVINCE_CODE}, {NAMES[PROVINCE_CODE]}, by wards): "
        f"{urls[PROVINCE_CODE]}/graphql",
        f"Federation over {PROVINCE} and {PROVINCE_CODE}:{' ' * 14}{federation}/graphql",
        "",
        f"Token for {PROVINCE_CODE} (viewer of the city's committee), 12 h:",
        f"  {hue_token}",
        "Tokens for the federation: one per province, comma-separated (each goes to its own "
        "province only):",
        f"  {both}",
        "Token of the central organisation commission (statistics of both provinces, no "
        "personal data), 12 h:",
        f"  {central}",
        "",
        "Try:",
        f"  curl -s {federation}/graphql -H 'Content-Type: application/json' \\",
        f"    -H 'Authorization: Bearer {both}' \\",
        f"    -d '{query}'",
        "The transfers between the two provinces, each side matched with the other's "
        "(seeded once both are):",
        f"  curl -s {federation}/graphql -H 'Content-Type: application/json' \\",
        f"    -H 'Authorization: Bearer {both}' \\",
        f"    -d '{RECONCILIATION}'",
        "",
    ])


RECONCILIATION = ('{"query":"{ transferReconciliation { totals { matched inTransit overdue '
                  'orphaned total } transfers { fromProvince toProvince letterNumber issuedOn '
                  'presentBy sendingState receivingState status } } }"}')
