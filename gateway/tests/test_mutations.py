"""Mutations through HTTP: state changes show in queries, refusals change nothing."""

from __future__ import annotations

import unicodedata

from gateway.auth import VIEWER

from .conftest import new_id, profile_input

REFUSAL = """
  __typename
  ... on CommandSucceeded { commandId duplicate }
  ... on Error { code message }
  ... on ValidationFailed { field }
  ... on RuleViolated { rule ruleVersion }
"""
OUTCOME = REFUSAL + """
  ... on MemberCommandSucceeded { memberId member { id fullName status organisationId } }
"""
ORG_OUTCOME = REFUSAL + """
  ... on OrganisationCommandSucceeded { organisationId organisation { id name status } }
"""
SUBMIT = f"""mutation Submit($input: SubmitApplicationInput!) {{
  submitApplication(input: $input) {{ {OUTCOME} }} }}"""
ADMIT = f"""mutation Admit($input: AdmitMemberInput!) {{
  admitMember(input: $input) {{ {OUTCOME} }} }}"""
MEMBER = """query Member($id: ID!) { member(id: $id) {
  fullName status admittedOn history { event effectiveOn actor } } }"""


def application(api, name: str = "Phạm Thu Hà", born: str = "2000-05-05", **extra):
    p = api.province
    return {"commandId": new_id(), "organisationId": p.branch_a,
            "profile": profile_input(name, born, "FEMALE"),
            "sponsors": [{"kind": "MEMBER", "memberId": p.members["an"], "knownSince": "2024-01-10"},
                         {"kind": "MEMBER", "memberId": p.members["binh"],
                          "knownSince": "2023-06-01"}],
            "submittedOn": "2026-10-01", **extra}


def submit(api, **kwargs) -> dict:
    body = api.gql(SUBMIT, {"input": application(api, **kwargs)})
    result = body["data"]["submitApplication"]
    assert result["__typename"] == "SubmitApplicationSucceeded", result
    return result


PROPOSE = f"""mutation Propose($input: ProposeAdmissionInput!) {{
  proposeAdmission(input: $input) {{ {OUTCOME} }} }}"""
BTV = {"organ": "standing_committee"}  # commune A's standing committee admits its branches'


def admission(member_id: str, **extra) -> dict:
    """The decision names no body: it is the one the token acts for."""
    return {"input": {"commandId": new_id(), "memberId": member_id, "decidedOn": "2026-11-02",
                      "consideredOn": "2026-10-28",
                      "decision": {"number": "15-QĐ/ĐU", "signer": "Đinh Văn Hải"}, **extra}}


def propose(api, member_id: str) -> None:
    proposed = api.gql(PROPOSE, {"input": {"commandId": new_id(), "memberId": member_id,
                                           "resolvedOn": "2026-10-28", "votesFor": 2,
                                           "officialMembers": 2, "number": "09-NQ/CB"}})
    assert proposed["data"]["proposeAdmission"]["__typename"] == "ProposeAdmissionSucceeded"


def test_an_admitted_applicant_shows_as_probationary_in_queries(api):
    applicant = submit(api)
    propose(api, applicant["memberId"])
    admitted = api.gql(ADMIT, admission(applicant["memberId"]), **BTV)["data"]["admitMember"]
    assert admitted["__typename"] == "AdmitMemberSucceeded"
    assert admitted["member"]["status"] == "PROBATIONARY"

    member = api.gql(MEMBER, {"id": applicant["memberId"]})["data"]["member"]
    assert member["status"] == "PROBATIONARY"
    assert member["admittedOn"] == "2026-11-02"
    assert [h["event"] for h in member["history"]][-1] == "MemberAdmitted"
    listed = api.gql("""query($org: ID!) { members(organisationId: $org,
        filter: {statuses: [PROBATIONARY]}) { totalCount edges { node { id } } } }""",
                     {"org": api.province.commune_a})["data"]["members"]
    assert listed["totalCount"] == 1
    assert listed["edges"][0]["node"]["id"] == applicant["memberId"]


def test_admitting_an_applicant_under_18_is_refused_naming_the_rule_and_appends_nothing(api):
    applicant = submit(api, name="Đỗ Minh Khôi", born="2009-06-01")
    propose(api, applicant["memberId"])
    head = api.province.head()

    result = api.gql(ADMIT, admission(applicant["memberId"]), **BTV)["data"]["admitMember"]

    assert result["__typename"] == "RuleViolated"
    assert result["code"] == "RULE_VIOLATED"
    assert result["rule"] == "admission.min_age_months"
    assert result["ruleVersion"] == "QĐ294-2025"
    assert "17 years" in result["message"]
    assert api.province.head() == head
    assert api.gql(MEMBER, {"id": applicant["memberId"]})["data"]["member"]["status"] == "APPLICANT"


def test_retrying_a_mutation_with_the_same_command_id_changes_nothing(api):
    variables = {"input": application(api)}
    first = api.gql(SUBMIT, variables)["data"]["submitApplication"]
    head = api.province.head()

    again = api.gql(SUBMIT, variables)["data"]["submitApplication"]

    assert first["duplicate"] is False
    assert again["__typename"] == "SubmitApplicationSucceeded"
    assert again["duplicate"] is True
    assert again["memberId"] == first["memberId"]
    assert api.province.head() == head
    applicants = api.gql("""query($org: ID!) { members(organisationId: $org,
        filter: {statuses: [APPLICANT]}) { totalCount } }""", {"org": api.province.branch_a})
    assert applicants["data"]["members"]["totalCount"] == 1


def test_reusing_a_command_id_for_a_different_command_is_a_conflict(api):
    variables = {"input": application(api)}
    api.gql(SUBMIT, variables)
    head = api.province.head()
    variables["input"]["submittedOn"] = "2026-10-02"

    result = api.gql(SUBMIT, variables)["data"]["submitApplication"]

    assert result["__typename"] == "Conflict"
    assert result["code"] == "COMMAND_ID_REUSED"
    assert api.province.head() == head


def test_a_command_id_that_is_not_a_uuid_is_a_validation_error(api):
    result = api.gql(SUBMIT, {"input": application(api, commandId="retry-1")})
    outcome = result["data"]["submitApplication"]
    assert outcome["__typename"] == "ValidationFailed"
    assert outcome["field"] == "commandId"


def test_a_bad_profile_field_is_named_by_its_input_path(api):
    variables = {"input": application(api)}
    variables["input"]["profile"]["citizenId"] = "03719"
    head = api.province.head()

    outcome = api.gql(SUBMIT, variables)["data"]["submitApplication"]

    assert outcome["__typename"] == "ValidationFailed"
    assert outcome["field"] == "profile.citizenId"
    assert outcome["message"].startswith("profile.citizenId: ")
    assert api.province.head() == head


def test_a_name_sent_decomposed_comes_back_composed(api):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
    assert nfd != "Nguyễn Thị Hằng"

    created = submit(api, name=nfd)

    assert created["member"]["fullName"] == "Nguyễn Thị Hằng"
    found = api.gql("""query($org: ID!, $name: String!) { members(organisationId: $org,
        filter: {nameContains: $name, statuses: [APPLICANT]}) { edges { node { fullName } } } }""",
                    {"org": api.province.branch_a, "name": unicodedata.normalize("NFD", "hằng")})
    assert [e["node"]["fullName"] for e in found["data"]["members"]["edges"]] == ["Nguyễn Thị Hằng"]


def test_a_viewer_cannot_change_anything(api):
    head = api.province.head()
    body = api.gql(SUBMIT, {"input": application(api)}, roles=(VIEWER,))
    outcome = body["data"]["submitApplication"]
    assert outcome["__typename"] == "Forbidden"
    assert outcome["code"] == "FORBIDDEN"
    assert api.province.head() == head


def test_organisation_commands_return_the_organisation(api):
    p = api.province
    created = api.gql(f"""mutation($input: CreateOrganisationInput!) {{
        createOrganisation(input: $input) {{ {ORG_OUTCOME} }} }}""", {"input": {
        "commandId": new_id(), "name": "Chi bộ thôn Tu Cổ", "type": "GRASSROOTS_BRANCH",
        "parentId": p.commune_a, "establishedOn": "2026-01-05"}})["data"]["createOrganisation"]
    assert created["organisation"]["name"] == "Chi bộ thôn Tu Cổ"

    merged = api.gql(f"""mutation($input: MergeOrganisationInput!) {{
        mergeOrganisation(input: $input) {{ {ORG_OUTCOME} }} }}""", {"input": {
        "commandId": new_id(), "organisationId": created["organisationId"],
        "intoOrganisationId": p.branch_a, "effectiveOn": "2026-11-01"}})["data"]
    assert merged["mergeOrganisation"]["organisationId"] == p.branch_a
    tree = api.gql("{ organisationTree { subtreeCounts { official onRolls } "
                   "descendants { level organisation { name } } } }")["data"]["organisationTree"]
    assert [d["organisation"]["name"] for d in tree["descendants"]] == ["Chi bộ thôn Bình Hải"]
    assert tree["subtreeCounts"] == {"official": 2, "onRolls": 2}


def test_a_branch_token_cannot_admit_and_the_refusal_names_the_rule(api):
    p = api.province
    applicant = submit(api)
    propose(api, applicant["memberId"])
    head = p.head()

    refused = api.gql(ADMIT, admission(applicant["memberId"]), org=p.branch_a,
                      organ="assembly")["data"]["admitMember"]
    no_organ = api.gql(ADMIT, admission(applicant["memberId"]))["data"]["admitMember"]
    named_other = api.gql(ADMIT, admission(applicant["memberId"], decision={
        "number": "15-QĐ/ĐU", "signer": "Đinh Văn Hải",
        "body": {"organisationId": p.commune_a, "organ": "INSPECTION_COMMITTEE"}}),
        **BTV)["data"]["admitMember"]

    assert (refused["__typename"], refused["rule"], refused["ruleVersion"]) == (
        "RuleViolated", "admission.deciding_body", "QĐ294-2025")
    assert "Đảng bộ xã Yên Mô" in refused["message"]  # the body that may
    assert no_organ["__typename"] == named_other["__typename"] == "Forbidden"
    assert p.head() == head
