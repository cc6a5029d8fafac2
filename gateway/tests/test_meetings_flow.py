"""Through GraphQL only: hold a branch meeting, then watch the statistics and compliance lists
answer differently (the issue's "Done means")."""

from __future__ import annotations

import pytest

from .meetings_world import hold, meetings_api, succeed, summoned

OCTOBER = {"from": "2026-10-01", "to": "2026-10-31"}
REPORT = """query Report($org: ID!, $from: Date!, $to: Date!) {
  meetingStatistics(organisationId: $org, from: $from, to: $to) {
    attendance { present absentExcused absentUnexcused expected meetings rate }
    byBranch { organisation { name } attendance { meetings rate } }
  }
  meetingCompliance(organisationId: $org, from: $from, to: $to) {
    missedMonthlyMeetings { organisation { name } period held required ruleVersion }
    missedThematicMeetings { period }
    superiorCadreAttendance { assignedOn status organisation { name } cadres { fullName } }
    materialsIssues { issue meeting { id materialsPublishedAt } }
    shortMeetings { id actualMinutes minimumMinutes }
    unexcusedAbsentees { fullName count }
  }
}"""
CADRE = ("Nguyễn Văn Tỉnh", "Ủy viên Ban Thường vụ Tỉnh ủy", "Tỉnh ủy Ninh Bình")


@pytest.fixture
def api(tmp_path, clock):
    with meetings_api(tmp_path, clock) as api:
        yield api


def report(api, org: str, period: dict = OCTOBER) -> dict:
    body = api.gql(REPORT, {"org": org, **period})
    assert "errors" not in body, body
    return body["data"]


def test_a_meeting_held_through_graphql_changes_the_branch_statistics_and_compliance(api):
    p = api.province
    hold(api, p.branch_b, "2026-06-05", org=p.commune_b)  # the records begin: months since count
    before = report(api, p.branch_a)
    assert before["meetingStatistics"]["attendance"] == {
        "present": 0, "absentExcused": 0, "absentUnexcused": 0, "expected": 0, "meetings": 0,
        "rate": None}
    assert [(m["organisation"]["name"], m["period"], m["held"]) for m in
            before["meetingCompliance"]["missedMonthlyMeetings"]] == [
        ("Chi bộ thôn Bình Hải", "2026-10", 0)]
    assert [(v["assignedOn"], v["status"]) for v in
            before["meetingCompliance"]["superiorCadreAttendance"]] == [
        ("2026-10-03", "NO_MEETING")]

    meeting = succeed(api, "scheduleMeeting", {
        "organisationId": p.branch_a, "kind": "REGULAR", "scheduledStart": "2026-10-03T19:30:00",
        "plannedMinutes": 90, "agenda": ["Kiểm điểm tháng 9", "Nhiệm vụ tháng 10"]})["meetingId"]
    succeed(api, "publishMaterials", {"meetingId": meeting, "title": "Tài liệu tháng 10",
                                      "publishedAt": "2026-10-03T08:00:00"})
    opened = succeed(api, "openMeeting", {"meetingId": meeting,
                                          "startedAt": "2026-10-03T19:30:00"})
    assert opened["meeting"]["status"] == "OPENED"
    ids = summoned(api, meeting)
    assert sorted(ids) == ["Nguyễn Văn An", "Phạm Minh Châu", "Trần Thị Bình", "Đỗ Văn Dũng"]
    succeed(api, "recordAttendance", {"meetingId": meeting, "memberId": ids["Phạm Minh Châu"],
                                      "status": "ABSENT_EXCUSED", "reason": "Đi công tác"})
    succeed(api, "recordAttendanceSheet", {"meetingId": meeting, "entries": [
        {"memberId": ids["Nguyễn Văn An"], "status": "PRESENT"},
        {"memberId": ids["Trần Thị Bình"], "status": "PRESENT"},
        {"memberId": ids["Đỗ Văn Dũng"], "status": "ABSENT_UNEXCUSED"}]})
    succeed(api, "recordSuperiorCadreAttendance", {
        "meetingId": meeting, "fullName": CADRE[0], "title": CADRE[1],
        "organisationName": CADRE[2]})
    adopted = succeed(api, "adoptResolution", {
        "meetingId": meeting, "title": "Nghị quyết tháng 10", "votesFor": 2, "votesAgainst": 0,
        "votesAbstaining": 0})
    succeed(api, "closeMeeting", {"meetingId": meeting, "endedAt": "2026-10-03T20:30:00"})
    closed = succeed(api, "closeMinutes", {"meetingId": meeting})
    assert closed["meeting"]["status"] == "MINUTES_CLOSED"

    after = report(api, p.branch_a)
    stats, compliance = after["meetingStatistics"], after["meetingCompliance"]
    assert stats["attendance"] == {"present": 2, "absentExcused": 1, "absentUnexcused": 1,
                                   "expected": 4, "meetings": 1, "rate": 0.5}
    assert stats["byBranch"] == [{"organisation": {"name": "Chi bộ thôn Bình Hải"},
                                  "attendance": {"meetings": 1, "rate": 0.5}}]
    assert compliance["missedMonthlyMeetings"] == []
    assert compliance["missedThematicMeetings"] == []  # the quarter is not over yet
    assert compliance["superiorCadreAttendance"] == [{
        "assignedOn": "2026-10-03", "status": "ATTENDED",
        "organisation": {"name": "Chi bộ thôn Bình Hải"}, "cadres": [{"fullName": CADRE[0]}]}]
    assert compliance["materialsIssues"] == [{"issue": "LATE", "meeting": {
        "id": meeting, "materialsPublishedAt": "2026-10-03T08:00:00+07:00"}}]
    assert compliance["shortMeetings"] == [{"id": meeting, "actualMinutes": 60,
                                            "minimumMinutes": 90}]

    record = api.gql("""query($id: ID!) { meeting(id: $id) { status summoned present
        absentExcused absentUnexcused agenda superiorCadres { fullName title }
        resolutions { id title votesFor summoned denominator excluded { memberId reason } }
        attendance { fullName status reason member { fullName } } } }""",
                     {"id": meeting})["data"]["meeting"]
    assert (record["summoned"], record["present"], record["absentExcused"],
            record["absentUnexcused"]) == (4, 2, 1, 1)
    assert record["agenda"] == ["Kiểm điểm tháng 9", "Nhiệm vụ tháng 10"]
    assert record["resolutions"] == [{
        "id": adopted["resolutionId"], "title": "Nghị quyết tháng 10", "votesFor": 2,
        "summoned": 4, "denominator": 3,
        "excluded": [{"memberId": ids["Phạm Minh Châu"], "reason": "ABSENT_EXCUSED"}]}]
    chau = next(a for a in record["attendance"] if a["fullName"] == "Phạm Minh Châu")
    assert chau == {"fullName": "Phạm Minh Châu", "status": "ABSENT_EXCUSED",
                    "reason": "Đi công tác", "member": {"fullName": "Phạm Minh Châu"}}


def test_the_third_unexcused_absence_in_a_year_puts_the_member_on_the_list(api):
    p = api.province
    dung = p.members["dung"]
    hold(api, p.branch_a, "2026-08-05", unexcused=(dung,))
    hold(api, p.branch_a, "2026-09-05", unexcused=(dung,))
    assert report(api, p.commune_a)["meetingCompliance"]["unexcusedAbsentees"] == []

    third = hold(api, p.branch_a, "2026-10-05", unexcused=(dung,))

    listed = api.gql("""query($org: ID!) { meetingCompliance(organisationId: $org,
        from: "2026-01-01", to: "2026-12-31") { unexcusedAbsentees { fullName count threshold
        reachedOn meetingIds organisation { name } member { id status } } } }""",
                     {"org": p.commune_a})["data"]["meetingCompliance"]["unexcusedAbsentees"]
    assert len(listed) == 1
    assert listed[0]["fullName"] == "Đỗ Văn Dũng"
    assert (listed[0]["count"], listed[0]["threshold"], listed[0]["reachedOn"]) == (
        3, 3, "2026-10-05")
    assert listed[0]["meetingIds"][-1] == third
    assert listed[0]["organisation"]["name"] == "Chi bộ thôn Bình Hải"
    assert listed[0]["member"] == {"id": dung, "status": "OFFICIAL"}

    by_member = api.gql("""query($org: ID!) { meetingStatistics(organisationId: $org,
        from: "2026-08-01", to: "2026-10-31") { byMember(first: 10) { totalCount
        edges { node { fullName attendance { present absentUnexcused rate } } } } } }""",
                        {"org": p.branch_a})["data"]["meetingStatistics"]["byMember"]
    assert by_member["totalCount"] == 4
    rows = {e["node"]["fullName"]: e["node"]["attendance"] for e in by_member["edges"]}
    assert rows["Đỗ Văn Dũng"] == {"present": 0, "absentUnexcused": 3, "rate": 0.0}
    assert rows["Nguyễn Văn An"] == {"present": 3, "absentUnexcused": 0, "rate": 1.0}
    member = api.gql("""query($id: ID!) { memberAttendance(memberId: $id, from: "2026-01-01",
        to: "2026-12-31") { meetings absentUnexcused } }""", {"id": dung})
    assert member["data"]["memberAttendance"] == {"meetings": 3, "absentUnexcused": 3}


def test_a_quarter_without_a_thematic_meeting_is_listed_until_one_is_held(api):
    p = api.province
    hold(api, p.branch_b, "2026-06-05", org=p.commune_b)  # the records begin: months since count
    q3 = {"from": "2026-07-01", "to": "2026-09-30"}
    missed = report(api, p.branch_a, q3)["meetingCompliance"]["missedThematicMeetings"]
    assert [m["period"] for m in missed] == ["2026-Q3"]

    hold(api, p.branch_a, "2026-09-10", kind="COMBINED", lasted=125, materials_on="2026-09-08")

    again = report(api, p.branch_a, q3)["meetingCompliance"]
    assert again["missedThematicMeetings"] == []
    assert [m["period"] for m in again["missedMonthlyMeetings"]] == ["2026-07", "2026-08"]
    assert again["materialsIssues"] == [] and again["shortMeetings"] == []
