"""Meetings under the same subtree rules as membership: a commune A token never reads or changes
commune B's meetings, and a person on a meeting's record is linked to their file only when the
file is kept inside the caller's subtree."""

from __future__ import annotations

from datetime import date

import pytest

from services.membership.domain import commands as c

from .meetings_world import hold, meetings_api, mutate, schedule
from .test_scope import refused

PERIOD = 'from: "2026-01-01", to: "2026-10-31"'
SCOPED_QUERIES = {
    "meetings": "query($org: ID!) { meetings(organisationId: $org) { totalCount "
                "edges { node { id } } } }",
    "meetingStatistics": f"query($org: ID!) {{ meetingStatistics(organisationId: $org, {PERIOD})"
                         " { attendance { rate } byBranch { attendance { rate } } } }",
    "meetingCompliance": f"query($org: ID!) {{ meetingCompliance(organisationId: $org, {PERIOD})"
                         " { missedMonthlyMeetings { period } unexcusedAbsentees { fullName } } }",
}


@pytest.fixture
def api(tmp_path, clock):
    with meetings_api(tmp_path, clock) as api:
        yield api


@pytest.fixture
def far_meeting(api) -> str:
    """A meeting of commune B's branch, held by a province token."""
    p = api.province
    return hold(api, p.branch_b, "2026-10-05", unexcused=(p.members["cuong"],), org=p.root)


@pytest.mark.parametrize("field", sorted(SCOPED_QUERIES))
@pytest.mark.parametrize("target", ["commune_b", "branch_b", "root"])
def test_a_commune_a_token_is_refused_meetings_outside_its_subtree(api, far_meeting, field,
                                                                   target):
    body = api.gql(SCOPED_QUERIES[field], {"org": getattr(api.province, target)})
    refused(body, field)
    assert far_meeting not in str(body)


def test_a_meeting_of_another_commune_is_refused_by_id(api, far_meeting):
    body = api.gql("query($id: ID!) { meeting(id: $id) { id attendance { fullName } } }",
                   {"id": far_meeting})
    refused(body, "meeting")
    assert "Cường" not in str(body)
    member = api.gql('query($id: ID!) { memberAttendance(memberId: $id, from: "2026-01-01", '
                     'to: "2026-12-31") { meetings } }', {"id": api.province.members["cuong"]})
    refused(member, "memberAttendance")


def test_a_commune_a_token_cannot_schedule_or_change_commune_b_meetings(api, far_meeting):
    p = api.province
    head = p.meetings_head()
    scheduled = mutate(api, "scheduleMeeting", {
        "organisationId": p.branch_b, "kind": "REGULAR", "scheduledStart": "2026-12-03T19:30",
        "plannedMinutes": 90, "agenda": ["Nhiệm vụ"]})
    cadre = mutate(api, "recordSuperiorCadreAttendance", {
        "meetingId": far_meeting, "fullName": "Nguyễn Văn Tỉnh", "title": "Tỉnh ủy viên",
        "organisationName": "Tỉnh ủy"})
    # refused as ids that name nothing: not a word about commune B's branch or meeting
    assert (scheduled["__typename"], cadre["__typename"]) == ("NotFound", "NotFound")
    assert "Cường" not in str(cadre) and "Yên Thổ" not in str(scheduled)
    assert p.meetings_head() == head


def test_lists_inside_the_subtree_hold_only_its_own_branches(api, far_meeting):
    p = api.province
    mine = hold(api, p.branch_a, "2026-10-06")
    for org, expected in ((p.commune_a, [mine]), (p.root, [mine, far_meeting])):
        body = api.gql(SCOPED_QUERIES["meetings"], {"org": org}, org=org)
        assert [e["node"]["id"] for e in body["data"]["meetings"]["edges"]] == expected
    stats = api.gql("""query($org: ID!) { meetingStatistics(organisationId: $org,
        from: "2026-10-01", to: "2026-10-31") { byBranch { organisation { id } }
        byMember { edges { node { memberId } } } } }""", {"org": p.commune_a})
    stats = stats["data"]["meetingStatistics"]
    assert [b["organisation"]["id"] for b in stats["byBranch"]] == [p.branch_a]
    assert p.members["cuong"] not in {e["node"]["memberId"] for e in stats["byMember"]["edges"]}


def test_a_temporary_member_from_outside_is_on_the_record_but_their_file_is_refused(api):
    p = api.province
    cuong = p.members["cuong"]
    p.system(c.TransferMemberTemporarily(cuong, p.branch_a, date(2026, 9, 1), date(2027, 3, 1),
                                         "work"))
    meeting = hold(api, p.branch_a, "2026-10-05")

    body = api.gql("""query($id: ID!) { meeting(id: $id) { attendance { memberId fullName
        temporaryMember status member { id } } } }""", {"id": meeting})

    lines = {a["memberId"]: a for a in body["data"]["meeting"]["attendance"]}
    assert lines[cuong]["temporaryMember"] is True and lines[cuong]["status"] == "PRESENT"
    assert lines[cuong]["member"] is None
    assert all(lines[m]["member"] == {"id": m} for m in lines if m != cuong)
    assert [(e["path"][-1], e["extensions"]["code"]) for e in body["errors"]] == [
        ("member", "FORBIDDEN")]
    province = api.gql("""query($id: ID!) { meeting(id: $id) { attendance { member { id } } } }""",
                       {"id": meeting}, org=p.root)
    assert "errors" not in province


def test_a_token_without_a_known_role_reads_no_meetings(api):
    meeting = schedule(api, api.province.branch_a, "2026-12-03")
    body = api.gql("query($id: ID!) { meeting(id: $id) { id } }", {"id": meeting},
                   roles=("treasurer",))
    refused(body, "meeting")
