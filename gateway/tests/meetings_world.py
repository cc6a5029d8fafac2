"""Both services served over real HTTP: the province of conftest.py (communes A and B, a branch
in each) on the embedded platform, so meetings summon the members membership keeps.

Tree and members are set up through membership as the system; everything under test goes
through the gateway with tokens. `hold` runs a whole meeting through GraphQL mutations only.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx is what we pin
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

from gateway.server import create_app
from kit.clock import FixedClock
from partyorg.embedded import EmbeddedPlatform, build_platform
from services.membership.domain import commands as c
from services.membership.tests.letters import OtherProvince

from .conftest import KEY, Api, Province, new_id, profile

OUTCOME = """__typename
  ... on Error { code message }
  ... on ValidationFailed { field }
  ... on RuleViolated { rule ruleVersion }
  ... on MeetingCommandSucceeded { commandId duplicate meetingId meeting { id status } }"""


@dataclass
class MeetingsProvince(Province):
    platform: EmbeddedPlatform | None = None

    def meetings_head(self) -> int:
        return self.platform.meetings.store.head_position()


def build_province(tmp_path, clock: FixedClock) -> MeetingsProvince:
    hue = OtherProvince(tmp_path)  # letters from another province's deployment
    platform = build_platform(tmp_path, province="NB", clock=clock,
                              peers=hue.peers_of("NB", tmp_path))
    p = MeetingsProvince(platform.membership, platform=platform)
    p.other_province = hue
    org = c.CreateOrganisation
    p.root = p.system(org("Đảng bộ tỉnh Ninh Bình", "provincial_committee", None,
                          date(2025, 7, 1)))["organisation_id"]
    p.commune_a = p.system(org("Đảng bộ xã Yên Mô", "commune_committee", p.root,
                               date(2025, 7, 1)))["organisation_id"]
    p.commune_b = p.system(org("Đảng bộ xã Yên Từ", "commune_committee", p.root,
                               date(2025, 7, 1)))["organisation_id"]
    p.branch_a = p.system(org("Chi bộ thôn Bình Hải", "grassroots_branch", p.commune_a,
                              date(2025, 7, 2)))["organisation_id"]
    p.branch_b = p.system(org("Chi bộ thôn Yên Thổ", "grassroots_branch", p.commune_b,
                              date(2025, 7, 2)))["organisation_id"]
    for key, branch, name, born, serial in [
        ("an", p.branch_a, "Nguyễn Văn An", date(1960, 3, 2), 1),
        ("binh", p.branch_a, "Trần Thị Bình", date(1975, 8, 9), 2),
        ("chau", p.branch_a, "Phạm Minh Châu", date(1982, 4, 4), 3),
        ("dung", p.branch_a, "Đỗ Văn Dũng", date(1990, 6, 6), 4),
        ("cuong", p.branch_b, "Lê Văn Cường", date(1958, 1, 15), 5),
    ]:
        gender = "female" if "Thị" in name else "male"
        p.members[key] = p.system(c.RecordExistingMember(
            branch, profile(name, born, gender, serial), "official", date(2010, 5, 19),
            official_from=date(2011, 5, 19)))["member_id"]
    return p


@contextmanager
def meetings_api(tmp_path, clock: FixedClock, *, with_meetings: bool = True) -> Iterator[Api]:
    p = build_province(tmp_path, clock)
    served = p.platform.services if with_meetings else {"membership": p.platform.membership}
    app = create_app(served, KEY)
    try:
        with TestClient(app) as client:
            yield Api(client, p)
    finally:
        p.platform.close()


def mutate(api: Api, name: str, fields: dict[str, Any], *, org: str | None = None,
           roles: tuple[str, ...] | None = None, command_id: str | None = None) -> dict:
    """Run one meetings mutation (name in camelCase) and return its result object."""
    command = name[0].upper() + name[1:]
    extra = {"roles": roles} if roles else {}
    outcome = OUTCOME + (" ... on AdoptResolutionSucceeded { resolutionId }"
                         if name == "adoptResolution" else "")
    body = api.gql(f"mutation M($input: {command}Input!) {{ {name}(input: $input) "
                   f"{{ {outcome} }} }}",
                   {"input": {"commandId": command_id or new_id(), **fields}}, org=org, **extra)
    assert "errors" not in body, body
    return body["data"][name]


def succeed(api: Api, name: str, fields: dict[str, Any], **kwargs: Any) -> dict:
    result = mutate(api, name, fields, **kwargs)
    command = name[0].upper() + name[1:]
    assert result["__typename"] == f"{command}Succeeded", result
    return result


def schedule(api: Api, branch: str, day: str, *, kind: str = "REGULAR", minutes: int = 90,
             hour: str = "19:30", topic: str | None = None, **kwargs: Any) -> str:
    fields = {"organisationId": branch, "kind": kind, "scheduledStart": f"{day}T{hour}:00",
              "plannedMinutes": minutes,
              "agenda": ["Đánh giá kết quả tháng", "Nhiệm vụ tháng tới"]}
    if topic is not None:
        fields["topic"] = topic
    return succeed(api, "scheduleMeeting", fields, **kwargs)["meetingId"]


def summoned(api: Api, meeting: str, org: str | None = None) -> dict[str, str]:
    """The frozen summoned list: full name -> member id."""
    body = api.gql("query($id: ID!) { meeting(id: $id) { attendance { memberId fullName } } }",
                   {"id": meeting}, org=org)
    return {a["fullName"]: a["memberId"] for a in body["data"]["meeting"]["attendance"]}


def hold(api: Api, branch: str, day: str, *, unexcused: tuple[str, ...] = (),
         excused: dict[str, str] | None = None, lasted: int = 95,
         materials_on: str | None = None, cadre: tuple[str, str, str] | None = None,
         kind: str = "REGULAR", org: str | None = None) -> str:
    """A whole meeting through GraphQL: everyone present unless named (by member id) absent."""
    topic = "Học tập và làm theo tư tưởng Hồ Chí Minh" if kind != "REGULAR" else None
    minutes = 120 if kind == "COMBINED" else 90
    meeting = schedule(api, branch, day, kind=kind, minutes=minutes, topic=topic, org=org)
    if materials_on:
        succeed(api, "publishMaterials", {"meetingId": meeting, "title": "Tài liệu sinh hoạt",
                                          "publishedAt": f"{materials_on}T08:00:00"}, org=org)
    succeed(api, "openMeeting", {"meetingId": meeting, "startedAt": f"{day}T19:30:00"}, org=org)
    excused = excused or {}
    entries = [{"memberId": m, "status": "ABSENT_UNEXCUSED"} if m in unexcused else
               {"memberId": m, "status": "ABSENT_EXCUSED", "reason": excused[m]} if m in excused
               else {"memberId": m, "status": "PRESENT"}
               for m in summoned(api, meeting, org).values()]
    succeed(api, "recordAttendanceSheet", {"meetingId": meeting, "entries": entries}, org=org)
    if cadre:
        succeed(api, "recordSuperiorCadreAttendance",
                {"meetingId": meeting, "fullName": cadre[0], "title": cadre[1],
                 "organisationName": cadre[2]}, org=org)
    ended = f"{day}T{19 + (30 + lasted) // 60:02d}:{(30 + lasted) % 60:02d}:00"
    succeed(api, "closeMeeting", {"meetingId": meeting, "endedAt": ended}, org=org)
    succeed(api, "closeMinutes", {"meetingId": meeting}, org=org)
    return meeting
