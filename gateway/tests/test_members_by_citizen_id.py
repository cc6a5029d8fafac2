"""membersByCitizenId: the files recording one citizen ID (the province's side of the
federation's search across provinces), within the caller's subtree only."""

from __future__ import annotations

from datetime import date

from .conftest import profile

QUERY = """query($c: String!) { membersByCitizenId(citizenId: $c) { id fullName citizenId } }"""


def test_the_file_recording_a_citizen_id_is_found_written_with_spaces_or_not(api):
    p = api.province
    cid = profile("Lê Văn Cường", date(1958, 1, 15), "male", 3).citizen_id
    spaced = f"{cid[:3]} {cid[3:6]} {cid[6:]}"
    for asked in (cid, spaced):
        found = api.gql(QUERY, {"c": asked}, org=p.root)["data"]["membersByCitizenId"]
        assert found == [{"id": p.members["cuong"], "fullName": "Lê Văn Cường", "citizenId": cid}]


def test_a_file_outside_the_callers_subtree_is_not_shown(api):
    p = api.province
    cid = profile("Lê Văn Cường", date(1958, 1, 15), "male", 3).citizen_id
    assert api.gql(QUERY, {"c": cid}, org=p.commune_a)["data"]["membersByCitizenId"] == []
    assert api.gql(QUERY, {"c": "037099000000"}, org=p.root)["data"]["membersByCitizenId"] == []


def test_a_malformed_citizen_id_is_refused_naming_the_argument(api):
    answer = api.gql(QUERY, {"c": "12-34"}, org=api.province.root)
    assert answer["data"]["membersByCitizenId"] is None
    assert answer["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "citizenId" in answer["errors"][0]["message"]
