"""Two independent province deployments in this process (own folders, keys, clocks, gateways),
each seeded with the small ward-city shape under its own code, and a federation over them."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

import pytest

from demo.ward_city import seed_ward_city
from gateway.keys import KeySet
from kit.clock import FixedClock
from partyorg.embedded import build_platform
from partyorg.federated import ServedProvince, embedded_federation

TODAY_ISO = "2026-11-20"


@dataclass
class World:
    nb: ServedProvince
    hue: ServedProvince
    nb_root: str
    hue_root: str
    duplicate_cid: str

    def tokens(self, *provinces: ServedProvince, user: str = "auditor") -> str:
        roots = {"NB": self.nb_root, "HUE": self.hue_root}
        return ",".join(p.token(roots[p.code], user=user) for p in provinces)


def _province(tmp, code: str, name: str, seed: int, duplicate=None, city=None):
    clock = FixedClock()
    clock.set_today(date(2026, 11, 20))
    platform = build_platform(tmp / code, code, clock=clock)
    report = seed_ward_city(platform.membership, seed=seed, scale=0.3, progress=lambda _: None,
                            duplicate=duplicate, **({"city": city} if city else {}))
    platform.settle()
    key = KeySet.generate()
    return ServedProvince(code, name, platform, key), report


@pytest.fixture(scope="session")
def world(tmp_path_factory) -> World:
    tmp = tmp_path_factory.mktemp("provinces")
    nb, nb_report = _province(tmp, "NB", "Ninh Bình", 1,
                              city=("Đảng bộ thành phố Hoa Lư", date(1975, 9, 1)))
    someone = nb.platform.membership.queries.members(nb_report.root_id, first=1).items[0]
    from services.membership.api import ProfileInput

    profile = ProfileInput(full_name=someone.full_name, date_of_birth=someone.date_of_birth,
                           gender=someone.gender, ethnicity=someone.ethnicity,
                           hometown=someone.hometown, citizen_id=someone.citizen_id,
                           education=someone.education, political_theory=someone.political_theory,
                           occupation=someone.occupation)
    hue, hue_report = _province(tmp, "HUE", "Huế", 2, duplicate=profile)
    yield World(nb, hue, nb_report.root_id, hue_report.root_id, someone.citizen_id)
    nb.platform.close()
    hue.platform.close()


def run(coro):
    return asyncio.run(coro)


@pytest.fixture
def federation(world):
    return embedded_federation([world.nb, world.hue], timeout=5.0)


def ask(federation, query: str, authorization: str, variables=None) -> dict:
    async def go():
        creds = federation.credentials(f"Bearer {authorization}")
        return await federation.execute({"query": query, "variables": variables}, creds)
    return run(go())
