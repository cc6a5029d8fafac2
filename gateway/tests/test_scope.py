"""Subtree isolation: a token for commune A never sees or changes commune B's people."""

from __future__ import annotations

import pytest

from .conftest import new_id

FORBIDDEN = "FORBIDDEN"


def refused(body: dict, field: str) -> None:
    """The field answered null with a FORBIDDEN error at its path, and nothing else leaked."""
    assert body["data"] is None or body["data"].get(field) is None, body
    codes = {(e["path"][0], e["extensions"]["code"]) for e in body["errors"]}
    assert codes == {(field, FORBIDDEN)}, body


PERSON_QUERIES = {
    "members": "query($org: ID!) { members(organisationId: $org, filter: {statuses: "
               "[OFFICIAL, PROBATIONARY, APPLICANT]}) { totalCount edges { node { id } } } }",
    "membersAsOf": "query($org: ID!) { membersAsOf(organisationId: $org, asOf: \"2026-06-01\") "
                   "{ totalCount edges { node { statusThen member { id } } } } }",
    "badgesDue": "query($org: ID!) { badgesDue(organisationId: $org, from: \"2026-01-01\", "
                 "to: \"2030-12-31\") { totalCount edges { node { member { id } } } } }",
    "organisationTree": "query($org: ID!) { organisationTree(rootId: $org) "
                        "{ subtreeCounts { official } } }",
    "organisation": "query($org: ID!) { organisation(id: $org) { name } }",
    "workQueue": "query($org: ID!) { workQueue(organisationId: $org, asOf: \"2026-11-20\") "
                 "{ totalCount edges { node { kind member { id } } } } }",
}


@pytest.mark.parametrize("field", sorted(PERSON_QUERIES))
@pytest.mark.parametrize("target", ["commune_b", "branch_b", "root"])
def test_a_commune_a_token_is_refused_everything_outside_its_subtree(api, field, target):
    org = getattr(api.province, target)
    refused(api.gql(PERSON_QUERIES[field], {"org": org}), field)


@pytest.mark.parametrize("field", sorted(PERSON_QUERIES))
def test_the_same_queries_answer_inside_the_subtree(api, field):
    body = api.gql(PERSON_QUERIES[field], {"org": api.province.branch_a})
    assert "errors" not in body, body
    assert body["data"][field] is not None


def test_a_member_of_another_commune_is_refused_with_their_history(api):
    body = api.gql("query($id: ID!) { member(id: $id) { fullName history { event details } } }",
                   {"id": api.province.members["cuong"]})
    refused(body, "member")
    assert "Cường" not in str(body)


def test_lists_inside_the_subtree_hold_only_its_own_people(api):
    p = api.province
    members = api.gql(PERSON_QUERIES["members"], {"org": p.commune_a})["data"]["members"]
    badges = api.gql(PERSON_QUERIES["badgesDue"], {"org": p.commune_a})["data"]["badgesDue"]
    tree = api.gql("{ organisationTree { organisation { id } subtreeCounts { official } "
                   "descendants { organisation { id } } } }")["data"]["organisationTree"]

    mine = {p.members["an"], p.members["binh"]}
    assert {e["node"]["id"] for e in members["edges"]} == mine
    assert {e["node"]["member"]["id"] for e in badges["edges"]} <= mine
    assert badges["totalCount"] == len(badges["edges"]) > 0
    assert tree["organisation"]["id"] == p.commune_a  # the token's organisation by default
    assert tree["subtreeCounts"]["official"] == 2
    assert [d["organisation"]["id"] for d in tree["descendants"]] == [p.branch_a]


def test_the_province_token_sees_both_communes(api):
    p = api.province
    body = api.gql(PERSON_QUERIES["members"], {"org": p.root}, org=p.root)
    assert body["data"]["members"]["totalCount"] == 3
    tree = api.gql("{ organisationTree { subtreeCounts { official } } }", org=p.root)
    assert tree["data"]["organisationTree"]["subtreeCounts"]["official"] == 3


def test_a_commune_a_token_cannot_change_a_commune_b_member(api):
    p = api.province
    head = p.head()
    body = api.gql("""mutation($input: ExemptMemberInput!) { exemptMember(input: $input) {
        __typename ... on Error { code message } ... on MemberCommandSucceeded { member { id } } } }""",
                   {"input": {"commandId": new_id(), "memberId": p.members["cuong"],
                              "effectiveOn": "2026-11-01", "ground": "OLD_AGE",
                              "decision": {"number": "3-NQ/CB", "signer": "Lê Văn Ba"}}},
                   organ="committee")
    assert body["data"]["exemptMember"]["__typename"] == "NotFound"  # as an id naming nobody
    assert "Cường" not in str(body) and "Yên" not in str(body)
    assert p.head() == head


def test_a_member_transferred_out_of_the_subtree_is_no_longer_visible(api):
    """Commune A cannot send a member to commune B (outside its subtree); the province can."""
    p = api.province
    an = p.members["an"]
    transfer = """mutation($input: TransferMemberInput!) { transferMember(input: $input) {
        __typename ... on MemberCommandSucceeded { memberId member { id fullName } } } }"""
    fields = {"memberId": an, "toOrganisationId": p.branch_b, "effectiveOn": "2026-11-10",
              "decision": {"number": "15-GGT/TU", "signer": "Lê Văn Ba"}}
    refused_here = api.gql(transfer, {"input": {"commandId": new_id(), **fields}},
                           organ="committee")
    assert refused_here["data"]["transferMember"]["__typename"] == "NotFound"

    # the letter of the Ban Tổ chức Tỉnh ủy, the body the province's token acts for
    body = api.gql(transfer, {"input": {"commandId": new_id(), **fields}}, org=p.root,
                   organ="organisation_board")

    result = body["data"]["transferMember"]
    assert result["__typename"] == "TransferMemberSucceeded"
    assert result["memberId"] == an and result["member"]["id"] == an
    refused(api.gql("query($id: ID!) { member(id: $id) { id } }", {"id": an}), "member")

    then = api.gql(PERSON_QUERIES["membersAsOf"], {"org": p.branch_a})
    rows = then["data"]["membersAsOf"]["edges"]
    assert sorted(str(r["node"]["member"] and r["node"]["member"]["id"]) for r in rows) == sorted(
        ["None", p.members["binh"]])
    assert {r["node"]["statusThen"] for r in rows} == {"OFFICIAL"}
    assert [e["extensions"]["code"] for e in then["errors"]] == [FORBIDDEN]
    assert api.gql(f'{{ member(id: "{an}") {{ id }} }}', org=p.commune_b)["data"]["member"]


def test_a_token_without_a_known_role_reads_nothing(api):
    body = api.gql(PERSON_QUERIES["members"], {"org": api.province.branch_a},
                   roles=("treasurer",))
    refused(body, "members")
