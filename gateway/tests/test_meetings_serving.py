"""Serving meetings: without the meetings service (membership-only gateways) the meetings fields
answer a typed error and membership keeps working; abusive meetings queries are refused."""

from __future__ import annotations

from .meetings_world import hold, meetings_api, mutate

STATS = """query($org: ID!) { viewer { userId }
  meetingStatistics(organisationId: $org, from: "2026-01-01", to: "2026-10-31") {
    attendance { rate } }
  meetings(organisationId: $org) { totalCount } }"""


def test_without_the_meetings_service_its_fields_say_so_and_membership_still_answers(
        tmp_path, clock):
    with meetings_api(tmp_path, clock, with_meetings=False) as api:
        p = api.province
        body = api.gql(STATS, {"org": p.branch_a})
        assert body["data"]["viewer"] == {"userId": "tester"}
        assert body["data"]["meetingStatistics"] is None and body["data"]["meetings"] is None
        assert sorted((e["path"][0], e["extensions"]["code"]) for e in body["errors"]) == [
            ("meetingStatistics", "SERVICE_UNAVAILABLE"), ("meetings", "SERVICE_UNAVAILABLE")]
        assert "meetings service is not connected" in body["errors"][0]["message"]

        head = p.meetings_head()
        result = mutate(api, "scheduleMeeting", {
            "organisationId": p.branch_a, "kind": "REGULAR", "plannedMinutes": 90,
            "scheduledStart": "2026-12-03T19:30", "agenda": ["Nhiệm vụ"]})
        assert (result["__typename"], result["code"]) == ("ServiceUnavailable",
                                                          "SERVICE_UNAVAILABLE")
        assert p.meetings_head() == head
        members = api.gql("query($org: ID!) { members(organisationId: $org) { totalCount } }",
                          {"org": p.branch_a})
        assert members["data"]["members"]["totalCount"] == 4
        assert "meetings" not in api.client.get("/healthz").json()


def test_health_reports_the_meetings_store_and_read_models(tmp_path, clock):
    with meetings_api(tmp_path, clock) as api:
        hold(api, api.province.branch_a, "2026-10-05")
        health = api.client.get("/healthz").json()
        assert health["meetings"] == {"storeHead": api.province.meetings_head(),
                                      "projectionsBehind": {}}


def test_a_meetings_query_asking_for_too_many_people_is_refused_with_its_cost(tmp_path, clock):
    with meetings_api(tmp_path, clock) as api:
        meeting = hold(api, api.province.branch_a, "2026-10-05")
        many = """query Abuse($org: ID!) { meetings(organisationId: $org, first: 200) {
            edges { node { attendance { member { fullName history { event } } } } } } }"""
        body = api.gql(many, {"org": api.province.commune_a})
        assert body.get("data") is None
        assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"

        one = api.gql("""query($id: ID!) { meeting(id: $id) { attendance {
            member { fullName history { event } } } } }""", {"id": meeting})
        assert "errors" not in one
        assert len(one["data"]["meeting"]["attendance"]) == 4
