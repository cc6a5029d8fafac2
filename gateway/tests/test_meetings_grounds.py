"""Through GraphQL: dues recorded at meetings, the grounds for xóa tên a branch's records show
(`removalGrounds`), and typed resolutions linked to the member they decide about."""

from __future__ import annotations

from datetime import date

import pytest

from services.membership.domain import commands as c

from .conftest import profile
from .meetings_world import meetings_api, schedule, succeed, summoned

GROUNDS = """query($org: ID!) { meetingCompliance(organisationId: $org, from: "2026-01-01",
    to: "2026-12-31") { removalGrounds { fullName ground months threshold foundOn
    organisation { name } member { fullName } } } }"""


@pytest.fixture
def api(tmp_path, clock):
    with meetings_api(tmp_path, clock) as api:
        yield api


def opened(api, branch: str, day: str) -> tuple[str, dict[str, str]]:
    """A meeting opened with everyone present: its id, and full name -> member id."""
    meeting = schedule(api, branch, day)
    succeed(api, "openMeeting", {"meetingId": meeting, "startedAt": f"{day}T19:30:00"})
    ids = summoned(api, meeting)
    succeed(api, "recordAttendanceSheet", {"meetingId": meeting, "entries": [
        {"memberId": m, "status": "PRESENT"} for m in ids.values()]})
    return meeting, ids


def close(api, meeting: str, day: str) -> None:
    succeed(api, "closeMeeting", {"meetingId": meeting, "endedAt": f"{day}T21:05:00"})
    succeed(api, "closeMinutes", {"meetingId": meeting})


def test_three_months_of_dues_unpaid_show_as_a_ground_with_their_months(api):
    p = api.province
    for day in ("2026-08-05", "2026-09-05", "2026-10-05"):
        meeting, ids = opened(api, p.branch_a, day)
        succeed(api, "recordDuesPayments", {"meetingId": meeting, "payments": [
            {"memberId": m, "months": [day[:7]], "amount": 30000}
            for name, m in ids.items() if name != "Đỗ Văn Dũng"]})
        close(api, meeting, day)

    grounds = api.gql(GROUNDS, {"org": p.commune_a})["data"]["meetingCompliance"]
    assert grounds["removalGrounds"] == [{
        "fullName": "Đỗ Văn Dũng", "ground": "DUES",
        "months": ["2026-08", "2026-09", "2026-10"], "threshold": 3, "foundOn": "2026-10-05",
        "organisation": {"name": "Chi bộ thôn Bình Hải"}, "member": {"fullName": "Đỗ Văn Dũng"}}]
    other = api.gql(GROUNDS, {"org": p.commune_b}, org=p.commune_b)["data"]["meetingCompliance"]
    assert other["removalGrounds"] == []


def test_a_payment_for_a_month_written_otherwise_is_refused_naming_the_field(api):
    p = api.province
    meeting, ids = opened(api, p.branch_a, "2026-10-05")
    body = api.gql("""mutation($input: RecordDuesPaymentsInput!) { recordDuesPayments(
        input: $input) { __typename ... on ValidationFailed { field } } }""",
                   {"input": {"commandId": "8d7f6f2e-3c1b-4e55-9a0b-1c2d3e4f5a6b",
                              "meetingId": meeting, "payments": [
                                  {"memberId": ids["Nguyễn Văn An"], "months": ["10/2026"]}]}})
    assert body["data"]["recordDuesPayments"] == {"__typename": "ValidationFailed",
                                                  "field": "payments[0].months"}


def test_an_admission_resolution_links_to_its_applicant(api):
    p = api.province
    applicant = p.system(c.SubmitApplication(
        p.branch_a, profile("Phạm Thị Hoa", date(2001, 2, 3), "female", 41),
        tuple(c.SponsorInput("member", date(2020, 1, 1), p.members[k]) for k in ("an", "chau")),
        date(2026, 9, 1)))["member_id"]
    meeting, _ = opened(api, p.branch_a, "2026-10-05")
    adopted = succeed(api, "adoptResolution", {
        "meetingId": meeting, "title": "Nghị quyết đề nghị kết nạp đảng viên", "votesFor": 3,
        "votesAgainst": 1, "votesAbstaining": 0, "resolutionType": "ADMISSION",
        "subjectMemberId": applicant})
    record = api.gql("""query($id: ID!) { meeting(id: $id) { resolutions { id resolutionType
        passed requiredVotes denominator subjectMemberId subject { fullName } } } }""",
                     {"id": meeting})["data"]["meeting"]
    assert record["resolutions"] == [{
        "id": adopted["resolutionId"], "resolutionType": "ADMISSION", "passed": True,
        "requiredVotes": 3, "denominator": 4, "subjectMemberId": applicant,
        "subject": {"fullName": "Phạm Thị Hoa"}}]
