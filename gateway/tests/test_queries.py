"""Queries: relay-style pages, trees now and as of a past date, a member's story."""

from __future__ import annotations

from datetime import date

from services.membership.domain import commands as c

PAGE = """query($org: ID!, $after: String) { members(organisationId: $org, first: 1,
  after: $after) { totalCount edges { cursor node { fullName } }
  pageInfo { hasNextPage endCursor } } }"""


def test_members_page_through_in_vietnamese_name_order(api):
    p = api.province
    seen, after = [], None
    while True:
        page = api.gql(PAGE, {"org": p.root, "after": after}, org=p.root)["data"]["members"]
        assert page["totalCount"] == 3
        assert page["edges"][-1]["cursor"] == page["pageInfo"]["endCursor"]
        seen += [e["node"]["fullName"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
    # by given name: An, Bình, Cường
    assert seen == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]


def test_an_edge_cursor_resumes_right_after_its_edge(api):
    p = api.province
    query = """query($org: ID!, $after: String, $n: Int!) { members(organisationId: $org,
      first: $n, after: $after) { edges { cursor node { fullName } } } }"""
    edges = api.gql(query, {"org": p.root, "n": 3}, org=p.root)["data"]["members"]["edges"]
    rest = api.gql(query, {"org": p.root, "n": 3, "after": edges[0]["cursor"]},
                   org=p.root)["data"]["members"]["edges"]
    assert [e["node"]["fullName"] for e in rest] == [e["node"]["fullName"] for e in edges[1:]]


def test_filters_narrow_the_member_list(api):
    query = """query($org: ID!, $f: MemberFilter) { members(organisationId: $org, filter: $f)
      { totalCount edges { node { fullName } } } }"""
    org = api.province.root
    women = api.gql(query, {"org": org, "f": {"gender": "FEMALE"}}, org=org)["data"]["members"]
    assert [e["node"]["fullName"] for e in women["edges"]] == ["Trần Thị Bình"]
    by_name = api.gql(query, {"org": org, "f": {"nameContains": "cuong"}}, org=org)
    assert by_name["data"]["members"]["totalCount"] == 1
    exempt = api.gql(query, {"org": org, "f": {"exempt": True}}, org=org)
    assert exempt["data"]["members"]["totalCount"] == 0


def test_the_tree_as_of_a_past_date_shows_it_before_a_merge(api):
    p = api.province
    p.system(c.MergeOrganisation(p.branch_b, p.branch_a, date(2026, 10, 1)))
    query = """query($asOf: Date) { organisationTree(asOf: $asOf) { subtreeCounts { official }
      descendants { level organisation { id } ownCounts { official } } } }"""

    now = api.gql(query, {"asOf": None}, org=p.root)["data"]["organisationTree"]
    before = api.gql(query, {"asOf": "2026-09-01"}, org=p.root)["data"]["organisationTree"]

    assert now["subtreeCounts"]["official"] == before["subtreeCounts"]["official"] == 3
    branches_now = {d["organisation"]["id"]: d["ownCounts"]["official"]
                    for d in now["descendants"] if d["level"] == 2}
    branches_before = {d["organisation"]["id"]: d["ownCounts"]["official"]
                       for d in before["descendants"] if d["level"] == 2}
    assert branches_now == {p.branch_a: 3}
    assert branches_before == {p.branch_a: 2, p.branch_b: 1}


def test_a_member_carries_their_organisation_and_history(api):
    p = api.province
    member = api.gql("""query($id: ID!) { member(id: $id) { fullName gender status
        organisation { id name } history { event effectiveOn actor details } } }""",
                     {"id": p.members["binh"]})["data"]["member"]
    assert member["gender"] == "FEMALE" and member["status"] == "OFFICIAL"
    assert member["organisation"] == {"id": p.branch_a, "name": "Chi bộ thôn Bình Hải"}
    assert [h["event"] for h in member["history"]] == ["ExistingMemberRecorded"]
    assert member["history"][0]["effectiveOn"] == "1996-09-02"


def test_badges_due_list_members_reaching_a_badge_year(api):
    p = api.province
    badges = api.gql("""query($org: ID!) { badgesDue(organisationId: $org, from: "2026-01-01",
        to: "2026-12-31") { totalCount edges { node { years dueOn member { fullName } } } } }""",
                     {"org": p.root}, org=p.root)["data"]["badgesDue"]
    assert badges["totalCount"] == len(badges["edges"])
    assert {(e["node"]["member"]["fullName"], e["node"]["years"]) for e in badges["edges"]} == {
        ("Trần Thị Bình", 30), ("Lê Văn Cường", 40)}
