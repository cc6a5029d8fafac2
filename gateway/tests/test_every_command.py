"""Every membership command has a mutation, and each one works through HTTP."""

from __future__ import annotations

import re

from services.membership.api import ISSUED_BY_THE_LINK
from services.membership.application.handlers import HANDLERS
from services.membership.graphql.mutations import MembershipMutation

from .conftest import new_id, profile_input

MEMBER_RESULT = """__typename ... on Error { code message }
  ... on MemberCommandSucceeded { memberId member { status exempt cardNumber occupation
                                                    temporaryOrganisationId organisationId } }"""
ORGANISATION_RESULT = """__typename ... on Error { code message }
  ... on OrganisationCommandSucceeded { organisationId organisation { name status parentId } }"""


def camel(name: str) -> str:
    return name[0].lower() + name[1:]


def test_there_is_one_mutation_per_command():
    fields = {f.graphql_name or re.sub(r"_(\w)", lambda m: m.group(1).upper(), f.python_name)
              for f in MembershipMutation.__strawberry_definition__.fields}
    assert fields == {camel(command.__name__) for command in HANDLERS
                      if command not in ISSUED_BY_THE_LINK}


def test_each_mutation_changes_the_records_it_names(api):
    p = api.province
    token_org = p.root

    def run(mutation: str, /, by: tuple[str, str] | None = None, **fields) -> dict:
        """`by`: the body (organisation, organ) the token acts for; the decision names no body,
        so the token's is taken."""
        command = mutation[0].upper() + mutation[1:]
        selection = (ORGANISATION_RESULT if "Organisation" in command or "Authority" in command
                     else MEMBER_RESULT)
        org, organ = by or (token_org, None)
        if by:
            fields["decision"] = {"number": "21-QĐ/ĐU", "signer": "Đinh Văn Hải"}
        body = api.gql(f"mutation($input: {command}Input!) "
                       f"{{ {mutation}(input: $input) {{ {selection} }} }}",
                       {"input": {"commandId": new_id(), **fields}}, org=org, organ=organ)
        result = body["data"][mutation]
        assert result["__typename"] == f"{command}Succeeded", (mutation, body)
        return result

    a2 = run("createOrganisation", name="Chi bộ thôn Tu Cổ", type="GRASSROOTS_BRANCH",
             parentId=p.commune_a, establishedOn="2026-01-05")["organisationId"]
    renamed = run("renameOrganisation", organisationId=a2, name="Chi bộ thôn Tu Cổ 2",
                  effectiveOn="2026-02-01")
    assert renamed["organisation"]["name"] == "Chi bộ thôn Tu Cổ 2"
    moved = run("moveOrganisation", organisationId=a2, newParentId=p.commune_b,
                effectiveOn="2026-03-01")
    assert moved["organisation"]["parentId"] == p.commune_b
    merged = run("mergeOrganisation", organisationId=a2, intoOrganisationId=p.branch_b,
                 effectiveOn="2026-04-01")
    assert merged["organisationId"] == p.branch_b
    a3 = run("createOrganisation", name="Chi bộ Trường Tiểu học", type="GRASSROOTS_BRANCH",
             parentId=p.commune_a, establishedOn="2026-01-05")["organisationId"]
    dissolved = run("dissolveOrganisation", organisationId=a3, effectiveOn="2026-06-30",
                    reason="Sáp nhập trường")
    assert dissolved["organisation"]["status"] == "DISSOLVED"

    recorded = run("recordExistingMember", organisationId=p.branch_a,
                   profile=profile_input("Vũ Đức Thắng", "1990-04-04", serial=11),
                   status="PROBATIONARY", admittedOn="2025-09-15", ceremonyOn="2025-10-01")
    thang = recorded["memberId"]
    btv_a = (p.commune_a, "standing_committee")
    run("proposeOfficialRecognition", memberId=thang, resolvedOn="2026-10-01", votesFor=2,
        officialMembers=2)
    assert run("recogniseOfficialMember", by=btv_a, memberId=thang,
               decidedOn="2026-10-02")["member"]["status"] == "OFFICIAL"
    assert run("issuePartyCard", memberId=thang, cardNumber="37.012345",
               issuedOn="2026-10-10")["member"]["cardNumber"] == "37.012345"

    applicant = run("submitApplication", organisationId=p.branch_a,
                    profile=profile_input("Hoàng Thị Lan", "1998-12-12", "FEMALE", 12),
                    sponsors=[{"kind": "MEMBER", "memberId": p.members["an"],
                               "knownSince": "2024-01-01"},
                              {"kind": "YOUTH_UNION", "knownSince": "2024-01-01"}],
                    submittedOn="2026-09-01")["memberId"]
    run("proposeAdmission", memberId=applicant, resolvedOn="2026-10-01", votesFor=2,
        officialMembers=3, number="04-NQ/CB")
    run("admitMember", by=btv_a, memberId=applicant, decidedOn="2026-10-05",
        consideredOn="2026-10-01")
    run("holdAdmissionCeremony", memberId=applicant, heldOn="2026-11-05")
    assert run("removeFromProbationaryList", by=btv_a, memberId=applicant,
               decidedOn="2026-11-15",
               reason="Vi phạm tư cách")["member"]["status"] == "REMOVED_FROM_PROBATION"

    an, binh, cuong = p.members["an"], p.members["binh"], p.members["cuong"]
    away = run("transferMemberTemporarily", memberId=an, toOrganisationId=p.branch_b,
               startsOn="2026-11-01", endsOn="2027-03-01", purpose="WORK")
    assert away["member"]["temporaryOrganisationId"] == p.branch_b
    back = run("endTemporaryTransfer", memberId=an, endedOn="2026-11-12")
    assert back["member"]["temporaryOrganisationId"] is None
    assert run("transferMember", by=(p.root, "organisation_board"), memberId=binh,
               toOrganisationId=p.branch_b,
               effectiveOn="2026-11-10")["member"]["organisationId"] == p.branch_b
    branch_b = (p.branch_b, "assembly")
    assert run("exemptMember", by=branch_b, memberId=cuong, effectiveOn="2026-11-01",
               ground="OLD_AGE")["member"]["exempt"] is True
    assert run("endExemption", memberId=cuong, effectiveOn="2026-11-12")["member"]["exempt"] is False
    run("disciplineMember", by=branch_b, memberId=cuong, form="REPRIMAND",
        decidedOn="2026-11-13", reason="Không đóng đảng phí")
    assert run("updateMemberProfile", memberId=cuong, effectiveOn="2026-11-14",
               changes={"occupation": "Hưu trí"})["member"]["occupation"] == "Hưu trí"
    assert run("correctMemberFile", memberId=cuong, field="FULL_NAME", value="Lê Văn Cương",
               reason="Ghi sai tên", document="Căn cước công dân")["memberId"] == cuong
    assert api.gql("query($id: ID!) { member(id: $id) { fullName } }", {"id": cuong},
                   org=token_org)["data"]["member"]["fullName"] == "Lê Văn Cương"
    run("proposeRemovalFromRolls", memberId=an, ground="ABSENT_OR_UNPAID_THREE_MONTHS",
        resolvedOn="2026-11-14")
    assert run("removeMemberFromRolls", by=btv_a, memberId=an,
               ground="ABSENT_OR_UNPAID_THREE_MONTHS",
               decidedOn="2026-11-15")["member"]["status"] == "REMOVED_FROM_ROLLS"
    assert run("recordMemberDeath", memberId=binh,
               diedOn="2026-11-16")["member"]["status"] == "DECEASED"

    company = run("createOrganisation", name="Đảng bộ Công ty Điện lực",
                  type="GRASSROOTS_COMMITTEE", parentId=p.commune_a,
                  establishedOn="2026-01-05")["organisationId"]
    assert run("delegateAdmissionAuthority", by=btv_a, organisationId=company,
               effectiveOn="2026-11-16")["organisationId"] == company
    assert run("disciplineOrganisation", by=btv_a, organisationId=p.branch_a, form="WARNING",
               misconduct="CORRUPTION", decidedOn="2026-11-16",
               reason="Buông lỏng quản lý")["organisationId"] == p.branch_a
