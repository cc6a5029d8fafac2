"""Names through GraphQL: a person's or an organisation's name in Vietnamese (or any script)
round-trips exactly, NFC whatever form it arrives in; a name made of anything else is refused
with ValidationFailed naming the input field, and nothing is written."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from kit.clock import FixedClock

from .conftest import new_id, profile_input
from .meetings_world import meetings_api, schedule, succeed

PEOPLE = ["Nguyễn Thị Ánh", "Hà Văn Đồng", "Lò Văn Páo", "H'Hen Niê", "Nông Thị Xuân",
          "Y Moan Ênuôl", "Ksor H’Bơ Khăp"]
ORGANISATIONS = ["Đảng bộ xã Yên Mô", "Chi bộ thôn Đông Thôn", "Chi bộ thôn 3",
                 "Chi bộ Trường THCS Nguyễn Du (cơ sở 2)"]
NOT_NAMES = ["Trần Văn 😀", "...", "Lê Văn <b>", "Nguyễn@Văn"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    clock = FixedClock()
    clock.set_today(date(2026, 11, 20))
    with meetings_api(tmp_path_factory.mktemp("names"), clock) as api:
        yield api


def heads(api) -> tuple[int, int]:
    return api.province.head(), api.province.meetings_head()


def _record(api, name: str, serial: int) -> dict:
    gender = "FEMALE" if " Thị " in name or name.startswith("H") else "MALE"
    return _answer(api, "recordExistingMember", {
        "organisationId": api.province.branch_a, "status": "OFFICIAL",
        "admittedOn": "2000-05-19", "officialFrom": "2001-05-19",
        "profile": profile_input(name, "1970-01-01", gender, serial)}, "memberId")


def _member_name(api, member_id: str) -> str:
    body = api.gql("query($id: ID!) { member(id: $id) { fullName } }", {"id": member_id})
    return body["data"]["member"]["fullName"]


@pytest.mark.parametrize("spelling", [str, nfd], ids=["nfc", "nfd"])
def test_a_persons_name_round_trips_exactly(api, spelling):
    for serial, name in enumerate(PEOPLE, start=100 if spelling is str else 200):
        recorded = _record(api, spelling(name), serial)
        assert recorded["__typename"] == "RecordExistingMemberSucceeded", recorded
        assert _member_name(api, recorded["memberId"]) == name


@pytest.mark.parametrize("spelling", [str, nfd], ids=["nfc", "nfd"])
def test_an_organisations_name_round_trips_exactly(api, spelling):
    for name in ORGANISATIONS:
        created = _answer(api, "createOrganisation", {
            "name": spelling(name), "type": "GRASSROOTS_BRANCH",
            "parentId": api.province.commune_a, "establishedOn": "2026-01-05"},
            "organisationId")
        assert created["__typename"] == "CreateOrganisationSucceeded", created
        body = api.gql("query($id: ID!) { organisation(id: $id) { name } }",
                       {"id": created["organisationId"]})
        assert body["data"]["organisation"]["name"] == name


def test_a_superior_cadres_names_round_trip_exactly(api):
    meeting = schedule(api, api.province.branch_a, "2026-11-03")
    succeed(api, "openMeeting", {"meetingId": meeting, "startedAt": "2026-11-03T19:30:00"})
    succeed(api, "recordSuperiorCadreAttendance", {
        "meetingId": meeting, "fullName": nfd("H'Hen Niê"), "title": "Phó Bí thư Đảng ủy",
        "organisationName": nfd("Đảng bộ xã Yên Mô")})

    body = api.gql("query($id: ID!) { meeting(id: $id) { superiorCadres { fullName "
                   "organisationName } } }", {"id": meeting})
    assert body["data"]["meeting"]["superiorCadres"] == [
        {"fullName": "H'Hen Niê", "organisationName": "Đảng bộ xã Yên Mô"}]


@pytest.mark.parametrize("bad", NOT_NAMES)
def test_a_name_of_anything_else_is_refused_naming_the_input_field(api, bad):
    p = api.province
    before = heads(api)
    member = p.members["an"]
    meeting = schedule(api, p.branch_a, "2026-11-05", hour="08:00")
    succeed(api, "openMeeting", {"meetingId": meeting, "startedAt": "2026-11-05T08:00:00"})
    after_setup = heads(api)
    assert after_setup != before
    refusals = {
        "createOrganisation": ({"name": bad, "type": "GRASSROOTS_BRANCH",
                                "parentId": p.commune_a, "establishedOn": "2026-01-05"}, "name"),
        "renameOrganisation": ({"organisationId": p.branch_a, "name": bad,
                                "effectiveOn": "2026-02-01"}, "name"),
        "recordExistingMember": ({"organisationId": p.branch_a, "status": "OFFICIAL",
                                  "admittedOn": "2000-05-19", "officialFrom": "2001-05-19",
                                  "profile": profile_input(bad, "1970-01-01", serial=300)},
                                 "profile.fullName"),
        "updateMemberProfile": ({"memberId": member, "effectiveOn": "2026-11-01",
                                 "changes": {"fullName": bad}}, "changes.fullName"),
        "recordSuperiorCadreAttendance": ({"meetingId": meeting, "fullName": bad, "title": "x",
                                           "organisationName": "Đảng bộ xã Yên Mô"}, "fullName"),
    }
    refusals["recordSuperiorCadreAttendance (organisation)"] = (
        {"meetingId": meeting, "fullName": "Lò Văn Páo", "title": "x", "organisationName": bad},
        "organisationName")

    for mutation, (fields, field) in refusals.items():
        result = _answer(api, mutation.split(" ")[0], fields)
        assert (result["__typename"], result["code"], result["field"]) == (
            "ValidationFailed", "INVALID_INPUT", field), (mutation, result)
    assert heads(api) == after_setup


def _answer(api, mutation: str, fields: dict, returns: str = "commandId") -> dict:
    command = mutation[0].upper() + mutation[1:]
    body = api.gql(f"mutation M($input: {command}Input!) {{ {mutation}(input: $input) "
                   "{ __typename ... on Error { code message } ... on ValidationFailed { field } "
                   f"... on {command}Succeeded {{ {returns} }} }} }}",
                   {"input": {"commandId": new_id(), **fields}})
    assert "errors" not in body, body
    return body["data"][mutation]
