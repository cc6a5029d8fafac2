"""The issue's election path through GraphQL alone: convene a commune's congress, be refused a
list whose số dư breaks 30 % (naming the rule), nominate a valid one, count the ballot, and
approve the results as the province; then who reads them: the organisation's subtree with any
reading role, nobody outside it; mutations only by the organisation commission."""

from __future__ import annotations

import uuid
from datetime import date

from gateway.auth import VIEWER

from .congress_scenario import NAMES

RESULT = "__typename ... on Error { code message } ... on RuleViolated { rule ruleVersion }"
CONGRESS = """query($id: ID!) { congress(id: $id) { term kind summoned directSecretary
  elections { body seats surplus candidates { fullName } rounds { present valid
  votes { fullName votes } } elected { fullName } furtherRoundNeeded
  approval { organ number organisationId } } } }"""


def mutate(gateway, name: str, fields: dict, org: str, *ids: str, **token) -> dict:
    kind = f"{name[0].upper()}{name[1:]}"
    query = (f"mutation($input: {kind}Input!) {{ {name}(input: $input) {{ {RESULT} "
             f"... on {kind}Succeeded {{ {' '.join(ids) or 'duplicate'} }} }} }}")
    body = gateway(query, {"input": {"commandId": str(uuid.uuid4()), **fields}}, org, **token)
    assert "errors" not in body, body
    return body["data"][name]


def test_a_list_breaking_30_percent_is_refused_a_valid_one_is_elected_and_approved(world,
                                                                               gateway):
    members = [world.member(n, date(1980 + i, 1, 1)) for i, n in enumerate(NAMES)]
    congress = mutate(gateway, "conveneCongress", {
        "organisationId": world.commune, "term": "2025-2030", "kind": "delegates",
        "noticeOn": "2026-03-02", "opensOn": "2026-04-20", "delegates": 12},
        world.province, "congressId")["congressId"]

    too_many = mutate(gateway, "nominateCandidates", {
        "congressId": congress, "body": "committee", "seats": 5, "candidates": members},
        world.province)
    assert (too_many["__typename"], too_many["rule"], too_many["ruleVersion"]) == \
        ("RuleViolated", "election.max_surplus_share", "CT45-2025")
    assert "at most 30/100 of the seats: 1" in too_many["message"]

    listed = mutate(gateway, "nominateCandidates", {
        "congressId": congress, "body": "committee", "seats": 5, "candidates": members[:6]},
        world.province, "electionId")
    assert listed["__typename"] == "NominateCandidatesSucceeded", listed
    election = listed["electionId"]
    counted = mutate(gateway, "recordBallotResults", {
        "congressId": congress, "electionId": election, "heldOn": "2026-04-20", "present": 11,
        "issued": 11, "returned": 11, "valid": 10,
        "votes": [{"memberId": m, "votes": v} for m, v in zip(members, [10, 9, 9, 8, 7, 3],
                                                                strict=False)]},
        world.province)
    assert counted["__typename"] == "RecordBallotResultsSucceeded", counted
    approved = mutate(gateway, "approveElectionResults", {
        "congressId": congress, "electionId": election, "decision": {
            "number": "30-QĐ/TU", "decidedOn": "2026-04-25", "signer": "Nguyễn Văn Thành"}},
        world.province, organ="standing_committee")
    assert approved["__typename"] == "ApproveElectionResultsSucceeded", approved

    read = gateway(CONGRESS, {"id": congress}, world.province)["data"]["congress"]
    [committee] = read["elections"]
    assert (read["summoned"], read["directSecretary"], committee["surplus"]) == (12, True, 1)
    assert sorted(p["fullName"] for p in committee["elected"]) == sorted(NAMES[:5])
    assert committee["approval"] == {"organ": "standing_committee", "number": "30-QĐ/TU",
                                     "organisationId": world.province}
    seats = gateway("""query($o: ID!) { committeeMembers(organisationId: $o, term: "2025-2030")
      { fullName how approved } }""", {"o": world.commune}, world.commune,
                    roles=(VIEWER,))["data"]["committeeMembers"]
    assert len(seats) == 5 and all(s["how"] == "elected" and s["approved"] for s in seats)


def test_congress_results_are_read_within_the_subtree_and_recorded_by_the_commission(world,
                                                                                 gateway):
    other = world.organisation("Đảng bộ xã Yên Thái", "commune_committee", world.province)
    congress = mutate(gateway, "conveneCongress", {
        "organisationId": world.commune, "term": "2025-2030", "kind": "delegates",
        "noticeOn": "2026-03-02", "opensOn": "2026-04-20", "delegates": 12},
        world.commune, "congressId")["congressId"]

    def read(org: str, **token) -> dict:
        return gateway(CONGRESS, {"id": congress}, org, **token)

    assert read(world.commune, roles=(VIEWER,))["data"]["congress"]["summoned"] == 12
    assert read(world.province, roles=(VIEWER,))["data"]["congress"]["kind"] == "delegates"
    for outside in (other, world.branch):  # another commune; a branch below the commune
        refused = read(outside)
        assert refused["data"] is None or refused["data"]["congress"] is None
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    by_viewer = mutate(gateway, "nominateCandidates", {
        "congressId": congress, "body": "committee", "seats": 1, "candidates": []},
        world.commune, roles=(VIEWER,))
    assert (by_viewer["__typename"], by_viewer["code"]) == ("Forbidden", "FORBIDDEN")
    by_other = mutate(gateway, "nominateCandidates", {
        "congressId": congress, "body": "committee", "seats": 1, "candidates": []}, other)
    assert by_other["__typename"] == "NotFound"
