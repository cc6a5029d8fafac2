"""Personnel on the real embedded path: every declared service on SQLite files in tmp_path, one
fixed clock; membership driven through its own commands (organisations, members, discipline),
whose published events personnel's own view follows."""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from gateway.auth import ORGANISATION_COMMISSION, issue_token, load_or_create_key
from kit.clock import FixedClock
from kit.envelope import Actor, CommandContext
from partyorg.embedded import build_platform
from services.membership.domain import commands as m
from services.personnel import api as c

TODAY = date(2026, 3, 2)
_serials = itertools.count(1)


def decided(on: date = date(2026, 3, 1)) -> c.DecisionInput:
    return c.DecisionInput("15-QĐ/TU", on, "Nguyễn Văn Thành")


class World:
    def __init__(self, platform, clock: FixedClock) -> None:
        self.platform = platform
        self.clock = clock
        self.membership = platform.membership
        self.personnel = platform.personnel
        self.queries = platform.personnel.queries
        self.province = self.organisation("Đảng bộ tỉnh Ninh Bình", "provincial_committee", None)
        self.commune = self.organisation("Đảng bộ xã Yên Mô", "commune_committee", self.province)
        self.branch = self.organisation("Chi bộ thôn Kênh", "grassroots_branch", self.commune)

    def context(self) -> CommandContext:
        return CommandContext(str(uuid.uuid4()), "NB", Actor("u-ban-to-chuc", "system"))

    def member_command(self, command: object) -> dict[str, str]:
        return self.membership.service.execute(command, self.context()).ids

    def run(self, command: object) -> dict[str, str]:
        return self.personnel.service.execute(command, self.context()).ids

    def organisation(self, name: str, type: str, parent: str | None) -> str:
        return self.member_command(m.CreateOrganisation(name, type, parent, date(2010, 1, 1)))[
            "organisation_id"]

    def member(self, name: str, born: date, gender: str = "male") -> str:
        digit = {1900: 0, 2000: 2}[born.year // 100 * 100] + (gender == "female")
        profile = m.ProfileInput(
            full_name=name, date_of_birth=born, gender=gender, ethnicity="Kinh",
            hometown="Yên Mô, Ninh Bình",
            citizen_id=f"037{digit}{born.year % 100:02d}{next(_serials):06d}",
            education="upper_secondary", political_theory="advanced", occupation="Cán bộ")
        return self.member_command(m.RecordExistingMember(
            self.branch, profile, "official", date(2005, 3, 1), ceremony_on=date(2005, 3, 1),
            official_from=date(2006, 3, 1)))["member_id"]

    def discipline(self, member_id: str, form: str, on: date) -> None:
        self.member_command(m.DisciplineMember(
            member_id, form, on, "Vi phạm quy định", decision=m.DecisionInput(
                "7-QĐ/ĐU", "Nguyễn Văn Thành", m.DecidingBodyInput(self.commune, "committee"))))

    def post(self, title: str, rank: int, head: bool = False) -> str:
        return self.run(c.RegisterPost(title, "standing_committee", "province", self.province,
                                       self.province, rank, head))["post_id"]

    def member_cadre(self, member_id: str) -> str:
        return self.run(c.OpenCadreFile(self.province, "advanced", "bachelor", date(2026, 1, 5),
                                        member_id=member_id))["cadre_id"]

    def cadre(self, name: str, born: date, gender: str) -> str:
        return self.run(c.OpenCadreFile(self.province, "advanced", "master", date(2026, 1, 5),
                                        person=c.PersonInput(name, born, gender)))["cadre_id"]

    def plan(self, post: str, cadre: str, cycle: str = "2030-2035") -> None:
        self.run(c.AddCadreToPlan(post, cadre, cycle, decision=decided()))


@pytest.fixture
def world(tmp_path):
    clock = FixedClock()
    clock.set_today(TODAY)
    platform = build_platform(tmp_path, clock=clock)
    try:
        yield World(platform, clock)
    finally:
        platform.close()


@pytest.fixture
def gateway(world, tmp_path):
    """Ask the gateway, embedded over these services, as a token of `org` (roles, organ)."""
    with asking(world, tmp_path) as ask:
        yield ask


@contextmanager
def asking(world: World, tmp_path: Path, query_processes: int = 0) -> Iterator[Any]:
    """The gateway's `ask` over these services; with `query_processes`, every settled query is
    sent to one of them once they are up (gateway/query_processes.py)."""
    from gateway.server import create_app
    from partyorg.query_side import query_side

    key = load_or_create_key(tmp_path / "key")
    side = query_side(world.platform, tmp_path, query_processes, alone_here=False)
    with TestClient(create_app(world.platform.services, key, query_side=side)) as client:
        def ask(query: str, variables: dict, org: str, roles=(ORGANISATION_COMMISSION,),
                organ: str | None = None, user: str = "u-ban-to-chuc") -> dict:
            token = issue_token(key, user=user, roles=roles, org=org, province="NB",
                                organ=organ)
            response = client.post("/graphql", json={"query": query, "variables": variables},
                                   headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 200, response.text
            return response.json()
        deadline = time.monotonic() + 60
        while client.get("/healthz").json().get("queryProcesses", {}).get("up", 0) < \
                query_processes:
            assert time.monotonic() < deadline, "the query processes did not start"
            time.sleep(0.1)
        yield ask
