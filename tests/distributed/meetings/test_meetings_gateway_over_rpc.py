"""The gateway process with meetings reached over RPC (RpcClient): a newcomer holds a meeting
through GraphQL only and sees the branch's statistics change; a gateway whose meetings service
does not answer keeps serving membership and says so on /healthz."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx

MUTATE = """mutation M($input: {command}Input!) {{ {name}(input: $input) {{ __typename
  ... on Error {{ code message }} ... on MeetingCommandSucceeded {{ meetingId }} }} }}"""
STATISTICS = """query S($org: ID!, $day: Date!) {
  meetingStatistics(organisationId: $org, from: $day, to: $day) {
    attendance { present absentExcused absentUnexcused expected meetings rate } } }"""
SUMMONED = "query($id: ID!) { meeting(id: $id) { status attendance { memberId fullName } } }"


def test_through_graphql_a_meeting_held_over_rpc_changes_the_branch_attendance_rate(
        meetings, meetings_gateway):
    commune = meetings.commune("Đảng bộ xã Kim Mỹ")
    branch, ids = meetings.branch(commune, "Chi bộ xóm Trại", ("Mai Văn Hùng", "male"),
                                  ("Vũ Thị Lan", "female"))
    start = meetings.now() - timedelta(hours=4)
    local = lambda moment: moment.replace(tzinfo=None).isoformat()  # noqa: E731 - read in HCM
    gql = meetings_gateway.gql

    def mutate(name: str, **fields: Any) -> dict:
        command = name[0].upper() + name[1:]
        result = gql(MUTATE.format(command=command, name=name),
                     {"input": {"commandId": str(uuid.uuid4()), **fields}}, org=commune)[name]
        assert result["__typename"] == f"{command}Succeeded", result
        return result

    day = {"org": branch, "day": start.date().isoformat()}
    before = gql(STATISTICS, day, org=commune)["meetingStatistics"]["attendance"]
    meeting = mutate("scheduleMeeting", organisationId=branch, kind="REGULAR",
                     scheduledStart=local(start), plannedMinutes=90,
                     agenda=["Kiểm điểm công tác tháng"])["meetingId"]
    mutate("openMeeting", meetingId=meeting, startedAt=local(start))
    mutate("recordAttendanceSheet", meetingId=meeting, entries=[
        {"memberId": ids["Mai Văn Hùng"], "status": "PRESENT"},
        {"memberId": ids["Vũ Thị Lan"], "status": "ABSENT_EXCUSED", "reason": "Ốm"}])
    mutate("closeMeeting", meetingId=meeting, endedAt=local(start + timedelta(minutes=95)))
    mutate("closeMinutes", meetingId=meeting)
    after = gql(STATISTICS, day, org=commune)["meetingStatistics"]["attendance"]
    record = gql(SUMMONED, {"id": meeting}, org=commune)["meeting"]
    health = httpx.get(f"{meetings_gateway.url}/healthz", timeout=5).json()

    assert before == {"present": 0, "absentExcused": 0, "absentUnexcused": 0, "expected": 0,
                      "meetings": 0, "rate": None}
    assert after == {"present": 1, "absentExcused": 1, "absentUnexcused": 0, "expected": 2,
                     "meetings": 1, "rate": 0.5}
    assert record["status"] == "MINUTES_CLOSED"
    assert sorted(a["fullName"] for a in record["attendance"]) == ["Mai Văn Hùng", "Vũ Thị Lan"]
    assert health["status"] == "ok" and set(health["meetings"]) == {"storeHead",
                                                                   "projectionsBehind"}


def test_a_gateway_whose_meetings_service_does_not_answer_stays_in_service_and_says_so(
        topology, gateway):
    # the session's membership gateway (../conftest.py) names a meetings service nobody runs
    with httpx.Client(timeout=20) as client:
        health = client.get(f"{gateway.url}/healthz")
        organisation = gateway.gql(client, "query($id: ID!) { organisation(id: $id) { name } }",
                                   {"id": topology.root}, org=topology.root)

    assert health.status_code == 200 and health.json()["meetings"] == {"status": "unavailable"}
    assert organisation["data"]["organisation"]["name"] == "Đảng bộ tỉnh Ninh Bình"
