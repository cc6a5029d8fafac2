"""A backdated fact that contradicts a later recorded one: refused through GraphQL as
ConflictsWithLaterFact, both facts named, nothing appended."""

from __future__ import annotations

from datetime import date

from services.membership.domain import commands as c

from .conftest import new_id

REFUSAL = """
  __typename
  ... on CommandSucceeded { commandId }
  ... on Error { code message }
  ... on ConflictsWithLaterFact { attempted attemptedOn later laterOn }
"""
TRANSFER = f"""mutation T($input: TransferMemberInput!) {{
  transferMember(input: $input) {{ {REFUSAL} }} }}"""
DEATH = f"""mutation D($input: RecordMemberDeathInput!) {{
  recordMemberDeath(input: $input) {{ {REFUSAL} }} }}"""


def test_a_death_dated_before_a_recorded_transfer_is_refused_naming_both(api):
    p = api.province
    other = p.system(c.CreateOrganisation("Chi bộ thôn Đông", "grassroots_branch", p.commune_a,
                                          date(2025, 8, 1)))["organisation_id"]
    moved = api.gql(TRANSFER, {"input": {"commandId": new_id(), "memberId": p.members["an"],
                                         "toOrganisationId": other,
                                         "effectiveOn": "2026-03-01",
                                         "decision": {"number": "31-QĐ/ĐU",
                                                      "signer": "Đinh Văn Hải"}}},
                    organ="committee")  # the commune's committee moves a member between its branches
    assert moved["data"]["transferMember"]["__typename"] == "TransferMemberSucceeded", moved
    head = p.head()

    body = api.gql(DEATH, {"input": {"commandId": new_id(), "memberId": p.members["an"],
                                     "diedOn": "2026-01-15"}})

    assert body["data"]["recordMemberDeath"] == {
        "__typename": "ConflictsWithLaterFact", "code": "CONFLICTS_WITH_LATER_FACT",
        "message": "MemberDied dated 2026-01-15 contradicts MemberTransferred recorded for "
                   "2026-03-01",
        "attempted": "MemberDied", "attemptedOn": "2026-01-15",
        "later": "MemberTransferred", "laterOn": "2026-03-01"}
    assert p.head() == head
