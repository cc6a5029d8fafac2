"""Metrics after requests, and the correlation id from request to stored event."""

from __future__ import annotations

import re
import uuid

from .test_mutations import ADMIT, SUBMIT, admission, application, propose


def sample(metrics_text: str, name: str, **labels: str) -> float:
    """The value of one sample, labels in any order; 0 when it is not there yet."""
    for line in metrics_text.splitlines():
        if not line.startswith(name + "{"):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line[len(name):line.rindex("}")]))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_count_graphql_requests_errors_and_commands(api):
    before = api.client.get("/metrics").text
    submitted = api.gql(SUBMIT.replace("mutation Submit", "mutation MetricsSubmit"),
                        {"input": application(api, born="2010-02-02")})
    member_id = submitted["data"]["submitApplication"]["memberId"]
    propose(api, member_id)
    api.gql(ADMIT.replace("mutation Admit", "mutation MetricsAdmit"), admission(member_id),
            organ="standing_committee")
    api.gql("query MetricsForbidden($id: ID!) { organisation(id: $id) { name } }",
            {"id": api.province.root})
    after = api.client.get("/metrics").text

    def grew(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    assert grew("partyorg_graphql_request_duration_seconds_count", operation="MetricsSubmit") == 1
    assert grew("partyorg_graphql_errors_total", operation="MetricsAdmit",
                kind="rule_violated") == 1
    assert grew("partyorg_graphql_errors_total", operation="MetricsForbidden",
                kind="forbidden") == 1
    assert grew("partyorg_commands_total", service="membership", command="SubmitApplication",
                outcome="ok") == 1
    assert grew("partyorg_commands_total", service="membership", command="AdmitMember",
                outcome="rule_violated") == 1
    assert grew("partyorg_command_duration_seconds_count", command="AdmitMember") == 1


def test_the_correlation_id_travels_from_the_request_to_the_stored_events(api):
    head = api.province.head()
    response = api.post(SUBMIT, {"input": application(api)},
                        token=api.token(api.province.commune_a),
                        headers={"X-Correlation-Id": "req-42"})
    assert response.headers["x-correlation-id"] == "req-42"
    events = api.province.membership.store.read_all(after_position=head)
    # the application and the claim of its citizen ID, appended together
    assert [e.correlation_id for e in events] == ["req-42", "req-42"]
    assert events[0].actor.user_id == "tester"
    assert events[0].actor.role == "organisation_commission"


def test_a_request_without_a_correlation_id_gets_one(api):
    first = api.client.get("/healthz").headers["x-correlation-id"]
    second = api.post("{ viewer { userId } }").headers["x-correlation-id"]
    assert first and second and first != second


def test_an_unusable_correlation_id_is_replaced(api):
    response = api.client.get("/healthz", headers={"X-Correlation-Id": "bad id with spaces"})
    assert uuid.UUID(response.headers["x-correlation-id"])
