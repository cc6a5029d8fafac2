"""A citizen ID already on a living person's file, over HTTP: CONFLICT, naming the holder only
to a token that may see them."""

from __future__ import annotations

from .conftest import new_id, profile_input
from .test_mutations import application

SUBMIT = """mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) {
  __typename ... on Error { code message } ... on SubmitApplicationSucceeded { memberId } } }"""


def test_a_number_on_the_rolls_is_refused_as_a_conflict_naming_the_holder_within_scope(api):
    p = api.province
    first = api.gql(SUBMIT, {"input": application(api)})["data"]["submitApplication"]
    assert first["__typename"] == "SubmitApplicationSucceeded"

    again = api.gql(SUBMIT, {"input": application(api, name="Phạm Thị Hà")}, org=p.commune_a)
    refusal = again["data"]["submitApplication"]

    assert (refusal["__typename"], refusal["code"]) == ("Conflict", "CONFLICT")
    assert first["memberId"] in refusal["message"]


def test_a_token_that_cannot_see_the_holder_learns_no_id(api):
    p = api.province
    first = api.gql(SUBMIT, {"input": application(api)})["data"]["submitApplication"]
    elsewhere = {**application(api, name="Phạm Thị Hà"), "organisationId": p.branch_b,
                 "commandId": new_id(),
                 "sponsors": [{"kind": "MEMBER", "memberId": p.members["cuong"],
                               "knownSince": "2024-01-10"},
                              {"kind": "YOUTH_UNION", "knownSince": "2024-01-10"}]}

    refusal = api.gql(SUBMIT, {"input": elsewhere},
                      org=p.commune_b)["data"]["submitApplication"]

    assert refusal["__typename"] == "Conflict", refusal
    assert first["memberId"] not in refusal["message"]
    assert "already recorded in this province" in refusal["message"]
    assert profile_input("x", "2000-05-05", "FEMALE")["citizenId"] == \
        elsewhere["profile"]["citizenId"]  # the same number, asked from commune B
