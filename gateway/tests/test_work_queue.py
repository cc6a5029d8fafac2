"""workQueue over HTTP: each token sees the work due in its own subtree, with the rule and the
working days left."""

from __future__ import annotations

from datetime import date

from services.membership.domain import commands as c

from .conftest import profile

QUERY = """query($org: ID!, $asOf: Date!) { workQueue(organisationId: $org, asOf: $asOf) {
  totalCount edges { cursor node { kind member { fullName } organisationName rule { id version }
  calendarVersion since dueOn daysLeft overdue detail } } pageInfo { hasNextPage } } }"""


def probationary(province, name: str = "Phạm Thị Dung") -> str:
    return province.system(c.RecordExistingMember(
        province.branch_a, profile(name, date(1998, 2, 14), "female", 9), "probationary",
        date(2025, 9, 10), ceremony_on=date(2025, 9, 10)))["member_id"]


def test_a_commune_token_sees_its_own_overdue_vote_and_not_the_other_communes_badge(api):
    p = api.province
    probationary(p)

    mine = api.gql(QUERY, {"org": p.commune_a, "asOf": "2026-11-20"}, org=p.commune_a)
    province = api.gql(QUERY, {"org": p.root, "asOf": "2026-11-20"}, org=p.root)

    [vote] = [e["node"] for e in mine["data"]["workQueue"]["edges"]]
    assert (vote["kind"], vote["member"]["fullName"], vote["overdue"]) == (
        "recognition_vote", "Phạm Thị Dung", True)
    assert vote["rule"] == {"id": "recognition.vote_working_days", "version": "QĐ294-2025"}
    assert vote["since"] == "2026-09-10" and vote["daysLeft"] < 0
    every = [(e["node"]["kind"], e["node"]["member"]["fullName"])
             for e in province["data"]["workQueue"]["edges"]]
    # Lê Văn Cường (commune B) reaches 40 years on 1/12/2026: the badge of 3/2/2027
    assert every == [("recognition_vote", "Phạm Thị Dung"),
                     ("badge_presentation", "Lê Văn Cường")]
    badge = province["data"]["workQueue"]["edges"][1]["node"]
    assert (badge["dueOn"], badge["detail"], badge["organisationName"]) == (
        "2027-02-03", "40 năm tuổi đảng", "Chi bộ thôn Yên Thổ")


def test_another_subtree_is_refused(api):
    body = api.gql(QUERY, {"org": api.province.commune_b, "asOf": "2026-11-20"},
                   org=api.province.commune_a)
    assert body["data"] is None or body["data"]["workQueue"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]


def test_the_edges_page_on_in_due_order(api):
    p = api.province
    probationary(p)
    query = """query($org: ID!, $after: String) { workQueue(organisationId: $org,
      asOf: "2026-11-20", first: 1, after: $after) { edges { cursor node { kind } }
      pageInfo { hasNextPage endCursor } } }"""
    first = api.gql(query, {"org": p.root}, org=p.root)["data"]["workQueue"]
    assert first["edges"][0]["cursor"] == first["pageInfo"]["endCursor"]
    rest = api.gql(query, {"org": p.root, "after": first["pageInfo"]["endCursor"]},
                   org=p.root)["data"]["workQueue"]
    assert [e["node"]["kind"] for e in first["edges"] + rest["edges"]] == [
        "recognition_vote", "badge_presentation"]
    assert rest["pageInfo"]["hasNextPage"] is False
