"""Two province deployments in this process for tests, each with its own folder, clock and
transfer key, knowing each other as peers, linked both ways as partyorg.links links them (or
left for the caller to link, e.g. over Kafka)."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from demo.ward_city import seed_ward_city
from kit.clock import FixedClock
from kit.envelope import Actor, CommandContext
from kit.peers import Peer, Peers
from kit.recipient_box import load_or_create_private_key
from partyorg.embedded import EmbeddedPlatform, build_platform
from partyorg.links import EmbeddedLinks, link_platforms

TODAY = date(2026, 11, 20)
_ids = itertools.count()


def peers_of(folder: Path, own: str, others: dict[str, tuple[str, str]]) -> Peers:
    """`others`: code -> (name, public key)."""
    return Peers(own, load_or_create_private_key(folder / "keys" / "peer.key"),
                 {code: Peer(code, name, key) for code, (name, key) in others.items()})


def public_key(folder: Path) -> str:
    return Peers("X", load_or_create_private_key(folder / "keys" / "peer.key")).public_key


@dataclass
class Province:
    code: str
    platform: EmbeddedPlatform
    root: str
    clock: FixedClock

    def run(self, command: Any, *, as_org: str | None = None, role: str =
            "organisation_commission") -> dict:
        context = CommandContext(str(uuid.UUID(int=next(_ids) + 10_000)), self.code,
                                 Actor(f"user-{self.code}", role))
        return self.platform.membership.service.execute(command, context,
                                                        as_org or self.root).ids

    def a_member(self, skip: int = 0):
        return self.platform.membership.queries.members(self.root, first=skip + 1).items[skip]

    def a_branch(self) -> str:
        return self.a_member(0).organisation_id


@dataclass
class Pair:
    nb: Province
    hue: Province
    links: tuple[EmbeddedLinks, ...]

    def settle(self) -> None:
        for _ in range(3):  # a step here answers a step there: until both are quiet
            for links in self.links:
                links.settle()
            self.nb.platform.settle()
            self.hue.platform.settle()


def open_province(folder: Path, code: str, peers: Peers, clock: FixedClock) -> EmbeddedPlatform:
    return build_platform(folder, code, clock=clock, peers=peers)


def build_pair(tmp: Path, *, seed_scale: float = 0.05, linked: bool = True) -> Pair:
    """`linked`: the two linked in this process through each other's logs (else the caller
    links them, e.g. over Kafka)."""
    folders = {"NB": tmp / "NB", "HUE": tmp / "HUE"}
    keys = {code: public_key(folder) for code, folder in folders.items()}
    names = {"NB": "Ninh Bình", "HUE": "Huế"}
    provinces = {}
    for code, folder in folders.items():
        other = "HUE" if code == "NB" else "NB"
        clock = FixedClock()
        clock.set_today(TODAY)
        platform = open_province(folder, code, peers_of(folder, code, {
            other: (names[other], keys[other])}), clock)
        report = seed_ward_city(platform.membership, seed=len(code), scale=seed_scale,
                                progress=lambda _: None)
        platform.settle()
        provinces[code] = Province(code, platform, report.root_id, clock)
    links = link_platforms(provinces["NB"].platform, provinces["HUE"].platform) if linked \
        else ()
    return Pair(provinces["NB"], provinces["HUE"], links)
