"""Meetings lists: relay-style pages whose edge cursors resume right after their edge, and
filters by period and status."""

from __future__ import annotations

import pytest

from .meetings_world import hold, meetings_api, schedule

PAGE = """query($org: ID!, $after: String, $n: Int!, $from: Date, $to: Date,
  $statuses: [MeetingStatus!]) { meetings(organisationId: $org, first: $n, after: $after,
  from: $from, to: $to, statuses: $statuses) { totalCount edges { cursor node { id status } }
  pageInfo { hasNextPage endCursor } } }"""


@pytest.fixture
def api(tmp_path, clock):
    with meetings_api(tmp_path, clock) as api:
        yield api


def page(api, **variables) -> dict:
    body = api.gql(PAGE, {"org": api.province.commune_a, "n": 50, **variables})
    assert "errors" not in body, body
    return body["data"]["meetings"]


def test_meetings_page_newest_first_and_edge_cursors_resume_after_their_edge(api):
    p = api.province
    held = [hold(api, p.branch_a, f"2026-{month:02d}-05") for month in (8, 9, 10)]
    planned = schedule(api, p.branch_a, "2026-12-03")
    newest_first = [planned, *reversed(held)]

    seen, after = [], None
    while True:
        one = page(api, n=1, after=after)
        assert one["totalCount"] == 4
        seen += [e["node"]["id"] for e in one["edges"]]
        after = one["pageInfo"]["endCursor"]
        if not one["pageInfo"]["hasNextPage"]:
            break
    assert seen == newest_first
    edges = page(api)["edges"]
    rest = page(api, after=edges[1]["cursor"])["edges"]
    assert [e["node"]["id"] for e in rest] == newest_first[2:]


def test_meetings_filter_by_period_and_status(api):
    p = api.province
    august = hold(api, p.branch_a, "2026-08-05")
    september = hold(api, p.branch_a, "2026-09-05")
    planned = schedule(api, p.branch_a, "2026-12-03")

    summer = page(api, **{"from": "2026-08-01", "to": "2026-08-31"})
    assert [e["node"]["id"] for e in summer["edges"]] == [august]
    ahead = page(api, statuses=["SCHEDULED"])
    assert [(e["node"]["id"], e["node"]["status"]) for e in ahead["edges"]] == [
        (planned, "SCHEDULED")]
    closed = page(api, statuses=["MINUTES_CLOSED", "CANCELLED"])
    assert [e["node"]["id"] for e in closed["edges"]] == [september, august]
    backwards = api.gql(PAGE, {"org": p.commune_a, "n": 5, "from": "2026-09-01",
                               "to": "2026-08-01"})
    assert backwards["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


def test_attendance_by_member_pages_in_name_order(api):
    p = api.province
    hold(api, p.branch_a, "2026-10-05")
    query = """query($org: ID!, $after: String) { meetingStatistics(organisationId: $org,
      from: "2026-10-01", to: "2026-10-31") { byMember(first: 2, after: $after) {
      totalCount edges { cursor node { fullName } } pageInfo { hasNextPage endCursor } } } }"""
    names, after = [], None
    while True:
        rows = api.gql(query, {"org": p.branch_a, "after": after})
        rows = rows["data"]["meetingStatistics"]["byMember"]
        assert rows["totalCount"] == 4
        assert rows["edges"][-1]["cursor"] == rows["pageInfo"]["endCursor"]
        names += [e["node"]["fullName"] for e in rows["edges"]]
        after = rows["pageInfo"]["endCursor"]
        if not rows["pageInfo"]["hasNextPage"]:
            break
    # by given name: An, Bình, Châu, Dũng
    assert names == ["Nguyễn Văn An", "Trần Thị Bình", "Phạm Minh Châu", "Đỗ Văn Dũng"]
