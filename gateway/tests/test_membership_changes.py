"""The 2025 membership changes over HTTP: suspension in the member, the lists and the counts;
a transfer letter in transit, received by the other commune's branch, overdue past its limit;
letters out of and into the province; a temporary stay extended; formation thresholds."""

from __future__ import annotations

from .conftest import new_id, profile_input

MEMBER = """__typename ... on Error { code message } ... on RuleViolated { rule ruleVersion }
  ... on MemberCommandSucceeded { memberId member { status organisationId suspended suspendedOn
      inTransitToOrganisationId transitPresentBy temporaryOrganisationId temporaryUntil } }"""


def run(api, mutation: str, org: str, **fields) -> dict:
    command = mutation[0].upper() + mutation[1:]
    body = api.gql(f"mutation($input: {command}Input!) {{ {mutation}(input: $input) "
                   f"{{ {MEMBER} }} }}", {"input": {"commandId": new_id(), **fields}}, org=org)
    assert "errors" not in body, body
    return body["data"][mutation]


def test_a_suspended_member_is_flagged_listed_and_counted_then_and_now(api):
    p = api.province
    an = p.members["an"]
    done = run(api, "suspendMember", p.commune_a, memberId=an, effectiveOn="2026-10-01",
               ground="DETAINED", reason="Bị tạm giam")
    assert done["member"]["suspended"] is True and done["member"]["suspendedOn"] == "2026-10-01"

    body = api.gql("""query($org: ID!) {
      members(organisationId: $org, filter: {suspended: true}) { totalCount }
      organisationTree(rootId: $org) { ownCounts { official suspended } }
      then: organisationTree(rootId: $org, asOf: "2026-10-15") { ownCounts { suspended } }
      before: organisationTree(rootId: $org, asOf: "2026-09-30") { ownCounts { suspended } }
      membersAsOf(organisationId: $org, asOf: "2026-10-15") {
        edges { node { suspendedThen member { fullName } } } } }""", {"org": p.branch_a})["data"]
    assert body["members"]["totalCount"] == 1
    assert body["organisationTree"]["ownCounts"] == {"official": 2, "suspended": 1}
    assert (body["then"]["ownCounts"]["suspended"], body["before"]["ownCounts"]["suspended"]) \
        == (1, 0)
    assert {e["node"]["member"]["fullName"]: e["node"]["suspendedThen"]
            for e in body["membersAsOf"]["edges"]} == {"Nguyễn Văn An": True,
                                                        "Trần Thị Bình": False}

    ended = run(api, "endSuspension", p.commune_a, memberId=an, effectiveOn="2026-11-02",
                reason="Được tại ngoại")
    assert ended["member"]["suspended"] is False


def test_a_letter_in_transit_is_received_by_the_other_communes_branch(api):
    p = api.province
    binh = p.members["binh"]
    issued = run(api, "issueTransferLetter", p.root, memberId=binh, issuedOn="2026-11-10",
                 letterNumber="31-GGT/BTCTU", toOrganisationId=p.branch_b, movedOn="2026-11-02")
    member = issued["member"]
    assert (member["organisationId"], member["inTransitToOrganisationId"]) == (p.branch_a,
                                                                             p.branch_b)
    assert member["transitPresentBy"] > "2026-12-01"  # 30 working days on

    listed = api.gql("""query($org: ID!) { transfers(organisationId: $org) {
        status overdue presentBy calendarVersion fullName } }""", {"org": p.commune_b},
                     org=p.commune_b)["data"]["transfers"]
    assert [(t["status"], t["overdue"], t["fullName"]) for t in listed] == [
        ("in_transit", False, "Trần Thị Bình")]
    assert listed[0]["calendarVersion"].startswith("holidays-")

    received = run(api, "receiveTransferredMember", p.commune_b, memberId=binh,
                   receivedOn="2026-11-18")
    assert received["__typename"] == "ReceiveTransferredMemberSucceeded", received
    assert (received["member"]["organisationId"],
            received["member"]["inTransitToOrganisationId"]) == (p.branch_b, None)


def test_a_letter_past_its_limit_is_overdue_and_received_only_with_the_reason(api):
    p = api.province
    an = p.members["an"]
    run(api, "issueTransferLetter", p.root, memberId=an, issuedOn="2026-08-03",
        letterNumber="20-GGT/BTCTU", toOrganisationId=p.branch_b)
    listed = api.gql("query($org: ID!) { transfers(organisationId: $org) { overdue } }",
                     {"org": p.root}, org=p.root)["data"]["transfers"]
    assert listed == [{"overdue": True}]

    late = run(api, "receiveTransferredMember", p.commune_b, memberId=an,
               receivedOn="2026-11-16")
    assert (late["__typename"], late["rule"]) == ("RuleViolated",
                                                  "transfer.present_letter_working_days")
    run(api, "receiveTransferredMember", p.commune_b, memberId=an, receivedOn="2026-11-16",
        lateReason="Đảng viên ốm dài ngày")
    assert api.gql("query($org: ID!) { transfers(organisationId: $org) { overdue } }",
                   {"org": p.root}, org=p.root)["data"]["transfers"] == []


def test_members_leave_and_join_across_the_provinces_border(api):
    p = api.province
    out = run(api, "issueTransferLetter", p.commune_a, memberId=p.members["binh"],
              issuedOn="2026-11-03", letterNumber="5-GGT/BTCTU",
              destination={"province": "Thành phố Hà Nội", "organisation": "Chi bộ phường 3"})
    assert out["member"]["status"] == "TRANSFERRED_OUT"

    came = run(api, "receiveMemberFromProvince", p.commune_a, organisationId=p.branch_a,
               profile=profile_input("Lê Văn Thành", "1975-08-09", serial=13), status="OFFICIAL",
               admittedOn="2001-04-02", ceremonyOn="2001-04-02", officialFrom="2002-04-02",
               fromProvince="Tỉnh Thanh Hóa", fromOrganisation="Chi bộ thôn Nga Sơn",
               letterNumber="9-GGT/HU", letterIssuedOn="2026-11-01", receivedOn="2026-11-10")
    assert (came["member"]["status"], came["member"]["organisationId"]) == ("OFFICIAL",
                                                                            p.branch_a)
    counts = api.gql("query($org: ID!) { organisationTree(rootId: $org) { ownCounts { "
                     "official transferredOut } } }", {"org": p.branch_a})["data"]
    assert counts["organisationTree"]["ownCounts"] == {"official": 2, "transferredOut": 1}


def test_a_temporary_stay_is_extended_within_the_limit(api):
    p = api.province
    an = p.members["an"]
    run(api, "transferMemberTemporarily", p.root, memberId=an, toOrganisationId=p.branch_b,
        startsOn="2026-09-01", endsOn="2026-12-01", purpose="WORK")
    too_long = run(api, "extendTemporaryTransfer", p.commune_a, memberId=an,
                   endsOn="2027-09-01", extendedOn="2026-11-15")
    assert too_long["rule"] == "transfer.temporary_max_months_work"
    extended = run(api, "extendTemporaryTransfer", p.commune_a, memberId=an,
                   endsOn="2027-06-01", extendedOn="2026-11-15")
    assert extended["member"]["temporaryUntil"] == "2027-06-01"


def test_formation_thresholds_name_the_branches_short_of_official_members(api):
    p = api.province
    body = api.gql("""query($org: ID!) { formationThresholdBreaches(rootId: $org) {
        organisation { name } rule ruleVersion threshold count } }""", {"org": p.root},
                   org=p.root)["data"]["formationThresholdBreaches"]
    assert sorted((b["organisation"]["name"], b["rule"], b["threshold"], b["count"])
                  for b in body) == [
        ("Chi bộ thôn Bình Hải", "organisation.min_official_members", 3, 2),
        ("Chi bộ thôn Yên Thổ", "organisation.min_official_members", 3, 1)]
    assert {b["ruleVersion"] for b in body} == {"QĐ294-2025"}
