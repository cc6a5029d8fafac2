"""A small province served over real HTTP: two communes (A, B), a branch in each, members.

The tree is set up through the membership service as the system (only the system creates the
root); everything under test goes through the gateway with tokens.
"""

from __future__ import annotations

import uuid
import warnings
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx is what we pin
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

from gateway.auth import ORGANISATION_COMMISSION, issue_token
from gateway.keys import KeySet
from gateway.server import create_app
from kit.clock import FixedClock
from kit.envelope import CommandContext
from partyorg.embedded import EmbeddedService, build_service
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c

TODAY = date(2026, 11, 20)
KEY = KeySet.generate()  # the test province's signing keys, in memory


def new_id() -> str:
    return str(uuid.uuid4())


def profile(name: str, born: date, gender: str = "male", serial: int = 1) -> c.ProfileInput:
    century = (0 if born.year < 2000 else 2) + (1 if gender == "female" else 0)
    citizen_id = f"037{century}{born.year % 100:02d}{serial:06d}"
    return c.ProfileInput(full_name=name, date_of_birth=born, gender=gender, ethnicity="Kinh",
                          hometown="Yên Mô, Ninh Bình", citizen_id=citizen_id,
                          education="upper_secondary", political_theory="elementary",
                          occupation="Giáo viên")


def profile_input(name: str, born: str, gender: str = "MALE", serial: int = 7) -> dict[str, Any]:
    """The same profile as GraphQL variables."""
    year = int(born[:4])
    century = (0 if year < 2000 else 2) + (1 if gender == "FEMALE" else 0)
    return {"fullName": name, "dateOfBirth": born, "gender": gender, "ethnicity": "Kinh",
            "hometown": "Yên Mô, Ninh Bình", "citizenId": f"037{century}{year % 100:02d}{serial:06d}",
            "education": "UPPER_SECONDARY", "politicalTheory": "ELEMENTARY",
            "occupation": "Nông dân"}


@dataclass
class Province:
    membership: EmbeddedService
    root: str = ""
    commune_a: str = ""
    commune_b: str = ""
    branch_a: str = ""
    branch_b: str = ""
    members: dict[str, str] = field(default_factory=dict)

    def system(self, command: object) -> dict[str, str]:
        return self.membership.service.execute(command, CommandContext(new_id(), "NB")).ids

    def head(self) -> int:
        return self.membership.store.head_position()


@dataclass
class Api:
    client: TestClient
    province: Province

    def token(self, org: str, roles: tuple[str, ...] = (ORGANISATION_COMMISSION,),
              ttl_hours: float = 1, organ: str | None = None) -> str:
        return issue_token(KEY, user="tester", roles=list(roles), org=org, province="NB",
                           ttl_hours=ttl_hours, organ=organ)

    def post(self, query: str, variables: dict | None = None, *, token: str | None = None,
             headers: dict | None = None):
        h = dict(headers or {})
        if token:
            h["Authorization"] = f"Bearer {token}"
        return self.client.post("/graphql", json={"query": query, "variables": variables or {}},
                                headers=h)

    def gql(self, query: str, variables: dict | None = None, *, org: str | None = None,
            roles: tuple[str, ...] = (ORGANISATION_COMMISSION,),
            organ: str | None = None) -> dict[str, Any]:
        """Run an operation as a user of `org` (default: commune A), acting for its `organ`
        when given, and return the JSON body."""
        token = self.token(org or self.province.commune_a, roles, organ=organ)
        response = self.post(query, variables, token=token)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def clock() -> FixedClock:
    clock = FixedClock()
    clock.set_today(TODAY)
    return clock


@pytest.fixture
def province(tmp_path, clock) -> Province:
    membership = build_service(MEMBERSHIP, tmp_path, province="NB", clock=clock)
    p = Province(membership)
    p.root = p.system(c.CreateOrganisation("Đảng bộ tỉnh Ninh Bình", "provincial_committee",
                                           None, date(2025, 7, 1)))["organisation_id"]
    p.commune_a = p.system(c.CreateOrganisation("Đảng bộ xã Yên Mô", "commune_committee",
                                                p.root, date(2025, 7, 1)))["organisation_id"]
    p.commune_b = p.system(c.CreateOrganisation("Đảng bộ xã Yên Từ", "commune_committee",
                                                p.root, date(2025, 7, 1)))["organisation_id"]
    p.branch_a = p.system(c.CreateOrganisation("Chi bộ thôn Bình Hải", "grassroots_branch",
                                               p.commune_a, date(2025, 7, 2)))["organisation_id"]
    p.branch_b = p.system(c.CreateOrganisation("Chi bộ thôn Yên Thổ", "grassroots_branch",
                                               p.commune_b, date(2025, 7, 2)))["organisation_id"]
    for key, org, name, born, admitted, serial in [
        ("an", p.branch_a, "Nguyễn Văn An", date(1960, 3, 2), date(1990, 5, 19), 1),
        ("binh", p.branch_a, "Trần Thị Bình", date(1975, 8, 9), date(1996, 9, 2), 2),
        ("cuong", p.branch_b, "Lê Văn Cường", date(1958, 1, 15), date(1986, 12, 1), 3),
    ]:
        gender = "female" if "Thị" in name else "male"
        p.members[key] = p.system(c.RecordExistingMember(
            org, profile(name, born, gender, serial), "official", admitted,
            official_from=date(admitted.year + 1, admitted.month, 1)))["member_id"]
    yield p
    membership.close()


@pytest.fixture
def api(province) -> Api:
    with TestClient(create_app({"membership": province.membership}, KEY)) as client:
        yield Api(client, province)
