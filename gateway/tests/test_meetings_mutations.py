"""Meetings mutations through HTTP: one per command, typed refusals that change nothing,
idempotent retries, NFC text, read-only viewers."""

from __future__ import annotations

import importlib
import re
import unicodedata

import pytest

from gateway.auth import VIEWER
from gateway.schema import build_schema
from partyorg.services import SERVICES
from services.meetings.application.handlers import HANDLERS
from services.meetings.graphql.mutations import MeetingsMutation

from .conftest import new_id
from .meetings_world import meetings_api, mutate, schedule, succeed, summoned


@pytest.fixture
def api(tmp_path, clock):
    with meetings_api(tmp_path, clock) as api:
        yield api


def names(mutation_type: type) -> set[str]:
    return {f.graphql_name or re.sub(r"_(\w)", lambda m: m.group(1).upper(), f.python_name)
            for f in mutation_type.__strawberry_definition__.fields}


def test_there_is_one_mutation_per_meetings_command():
    assert names(MeetingsMutation) == {c.__name__[0].lower() + c.__name__[1:] for c in HANDLERS}
    served = set(build_schema()._schema.mutation_type.fields)
    # and the mutations of the schema are those of the declared services' parts, no more
    parts = [importlib.import_module(d.graphql).MUTATION for d in SERVICES if d.graphql]
    assert names(MeetingsMutation) <= served == set().union(*map(names, parts))


def test_rescheduling_cancelling_and_single_attendance_work_through_http(api):
    p = api.province
    moved = schedule(api, p.branch_a, "2026-11-25")
    result = succeed(api, "rescheduleMeeting", {"meetingId": moved, "reason": "Trùng lịch họp xã",
                                                "scheduledStart": "2026-11-27T19:30:00"})
    assert result["meeting"]["status"] == "SCHEDULED"
    cancelled = succeed(api, "cancelMeeting", {"meetingId": moved, "reason": "Mưa bão"})
    assert cancelled["meeting"]["status"] == "CANCELLED"
    meeting = api.gql('query($id: ID!) { meeting(id: $id) { scheduledStart cancelReason } }',
                      {"id": moved})["data"]["meeting"]
    assert meeting == {"scheduledStart": "2026-11-27T19:30:00+07:00", "cancelReason": "Mưa bão"}

    held = schedule(api, p.branch_a, "2026-11-05")
    succeed(api, "openMeeting", {"meetingId": held, "startedAt": "2026-11-05T19:35:00+07:00"})
    an = summoned(api, held)["Nguyễn Văn An"]
    succeed(api, "recordAttendance", {"meetingId": held, "memberId": an, "status": "PRESENT"})
    lines = api.gql('query($id: ID!) { meeting(id: $id) { startedAt attendance { memberId status '
                    '} } }', {"id": held})["data"]["meeting"]
    assert lines["startedAt"] == "2026-11-05T19:35:00+07:00"
    assert {(a["memberId"] == an, a["status"]) for a in lines["attendance"]} == {
        (True, "PRESENT"), (False, None)}


def test_a_resolution_without_a_majority_is_recorded_as_rejected(api):
    p = api.province
    meeting = schedule(api, p.branch_a, "2026-11-05")
    succeed(api, "openMeeting", {"meetingId": meeting, "startedAt": "2026-11-05T19:30:00"})
    succeed(api, "recordAttendanceSheet", {"meetingId": meeting, "entries": [
        {"memberId": m, "status": "PRESENT"} for m in summoned(api, meeting).values()]})

    result = succeed(api, "adoptResolution", {"meetingId": meeting, "title": "Nghị quyết",
                                              "votesFor": 2, "votesAgainst": 2,
                                              "votesAbstaining": 0})

    record = api.gql("""query($id: ID!) { meeting(id: $id) { resolutions { id resolutionType
        passed denominator requiredVotes } } }""", {"id": meeting})["data"]["meeting"]
    assert record["resolutions"] == [{"id": result["resolutionId"], "resolutionType": "ORDINARY",
                                      "passed": False, "denominator": 4, "requiredVotes": 3}]


def test_refusals_name_the_input_field_and_change_nothing(api):
    p = api.province
    head = p.meetings_head()
    short = mutate(api, "scheduleMeeting", {
        "organisationId": p.branch_a, "kind": "COMBINED", "scheduledStart": "2026-12-03T19:30",
        "plannedMinutes": 90, "agenda": ["Chuyên đề"], "topic": "Học tập và làm theo Bác"})
    assert (short["__typename"], short["rule"]) == ("RuleViolated",
                                                    "duration.min_minutes.combined")
    no_agenda = mutate(api, "scheduleMeeting", {
        "organisationId": p.branch_a, "kind": "REGULAR", "scheduledStart": "2026-12-03T19:30",
        "plannedMinutes": 90, "agenda": []})
    assert (no_agenda["__typename"], no_agenda["field"]) == ("ValidationFailed", "agenda")
    meeting = schedule(api, p.branch_a, "2026-11-05")
    head = p.meetings_head()
    succeed(api, "openMeeting", {"meetingId": meeting, "startedAt": "2026-11-05T19:30:00"})
    bad = mutate(api, "recordAttendanceSheet", {"meetingId": meeting, "entries": [
        {"memberId": p.members["an"], "status": "PRESENT"},
        {"memberId": p.members["cuong"], "status": "PRESENT"}]})
    assert (bad["__typename"], bad["field"]) == ("ValidationFailed", "entries[1].memberId")
    future = mutate(api, "closeMeeting", {"meetingId": meeting, "endedAt": "2026-12-01T10:00"})
    assert (future["__typename"], future["field"]) == ("ValidationFailed", "endedAt")
    unknown = mutate(api, "closeMinutes", {"meetingId": new_id()})
    assert unknown["__typename"] == "NotFound"
    early = mutate(api, "closeMinutes", {"meetingId": meeting})
    assert early["__typename"] == "InvalidState"
    assert p.meetings_head() == head + 1  # only the opening


def test_retrying_with_the_same_command_id_changes_nothing_and_reuse_is_a_conflict(api):
    p = api.province
    fields = {"organisationId": p.branch_a, "kind": "REGULAR",
              "scheduledStart": "2026-12-03T19:30:00", "plannedMinutes": 90,
              "agenda": ["Nhiệm vụ tháng 12"]}
    command_id = new_id()
    first = succeed(api, "scheduleMeeting", fields, command_id=command_id)
    head = p.meetings_head()

    again = succeed(api, "scheduleMeeting", fields, command_id=command_id)
    reused = mutate(api, "scheduleMeeting", {**fields, "plannedMinutes": 100},
                    command_id=command_id)

    assert (first["duplicate"], again["duplicate"]) == (False, True)
    assert again["meetingId"] == first["meetingId"]
    assert (reused["__typename"], reused["code"]) == ("Conflict", "COMMAND_ID_REUSED")
    assert p.meetings_head() == head
    listed = api.gql('query($org: ID!) { meetings(organisationId: $org) { totalCount } }',
                     {"org": p.branch_a})
    assert listed["data"]["meetings"]["totalCount"] == 1


def test_a_topic_sent_decomposed_comes_back_composed(api):
    topic = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    nfd = unicodedata.normalize("NFD", topic)
    assert nfd != topic
    meeting = schedule(api, api.province.branch_a, "2026-12-03", kind="THEMATIC", topic=nfd)
    found = api.gql('query($id: ID!) { meeting(id: $id) { kind topic } }', {"id": meeting})
    assert found["data"]["meeting"] == {"kind": "THEMATIC", "topic": topic}


def test_a_viewer_reads_meetings_but_cannot_change_them(api):
    p = api.province
    meeting = schedule(api, p.branch_a, "2026-12-03")
    head = p.meetings_head()
    result = mutate(api, "cancelMeeting", {"meetingId": meeting, "reason": "Thử"},
                    roles=(VIEWER,))
    assert (result["__typename"], result["code"]) == ("Forbidden", "FORBIDDEN")
    assert p.meetings_head() == head
    read = api.gql('query($org: ID!) { meetings(organisationId: $org) { edges { node { id } } } }',
                   {"org": p.branch_a}, roles=(VIEWER,))
    assert [e["node"]["id"] for e in read["data"]["meetings"]["edges"]] == [meeting]
