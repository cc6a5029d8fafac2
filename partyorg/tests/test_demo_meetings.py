"""The demo's year of meetings (small scale, seed 2025): every statistic and compliance list has
real numbers, meetings summon the rolls of their day, and the same seed gives the same year."""

from __future__ import annotations

import json
import warnings
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from demo import DEMO_TODAY, MEETINGS_FROM
from gateway.auth import load_or_create_key
from gateway.server import create_app
from kit.clock import BUSINESS_TZ
from partyorg import demo_banner, demo_data
from partyorg.embedded import build_platform

from .conftest import SMALL

with warnings.catch_warnings():  # starlette nudges towards httpx2; httpx is what we pin
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient

YEAR = (MEETINGS_FROM, DEMO_TODAY)


@pytest.fixture(scope="module")
def platform(demo):
    built = build_platform(demo.data, demo_data.PROVINCE)
    yield built
    built.close()


@pytest.fixture(scope="module")
def meetings(platform):
    """The meetings service's queries over the seeded demo year."""
    return platform.meetings.queries


def test_attendance_is_around_nine_in_ten_with_a_few_chronic_absentees(demo, meetings):
    root = demo.marker["root_id"]
    rate = meetings.attendance_rate(root, *YEAR)
    assert rate.meetings > 300 and rate.unrecorded == 0
    assert 0.86 <= rate.rate <= 0.95
    assert rate.absent_excused > rate.absent_unexcused > 0
    absentees = meetings.unexcused_absentees(root, 2026)
    assert 1 <= len(absentees) <= 5
    assert all(a.count >= a.threshold == 3 for a in absentees)
    branches = [b for b in meetings.attendance_by_branch(root, *YEAR) if b.attendance.meetings]
    assert len(branches) > 20
    assert all(0.7 < b.attendance.rate <= 1 for b in branches)


def test_every_compliance_list_has_findings_but_most_branches_comply(demo, meetings):
    root = demo.marker["root_id"]
    held = meetings.attendance_by_branch(root, *YEAR)
    meeting_branches = sum(1 for b in held if b.attendance.meetings)
    monthly = meetings.missed_monthly_meetings(root, *YEAR)
    thematic = meetings.missed_thematic_meetings(root, *YEAR)
    assert 0 < len(monthly) < meeting_branches * 11 * 0.05  # 12/2025 – 10/2026 are over
    assert 0 < len(thematic) < meeting_branches * 4 * 0.2  # 2025-Q4 – 2026-Q3 are over
    assert {m.requirement for m in thematic} == {"thematic_quarterly"}
    visits = Counter(v.status for v in meetings.superior_cadre_attendance(root, *YEAR))
    assert visits["attended"] > 0 and visits["no_cadre"] > 0 and visits["no_meeting"] > 0
    materials = Counter(i.issue for i in meetings.materials_issues(root, *YEAR))
    assert materials["late"] > 0
    short = meetings.short_meetings(root, *YEAR)
    assert short and all(m.actual_minutes < m.minimum_minutes for m in short)


def test_held_meetings_are_closed_with_resolutions_and_next_month_is_called(demo, meetings):
    root = demo.marker["root_id"]
    page = meetings.meetings(root, first=200)
    assert page.total == demo.marker["meetings"]["meetings"]
    statuses = Counter(m.status for m in page.items)
    assert set(statuses) <= {"minutes_closed", "cancelled", "scheduled"}
    now = datetime.combine(DEMO_TODAY, datetime.min.time(), BUSINESS_TZ)
    upcoming = meetings.meetings(root, statuses=["scheduled"], first=200).items
    assert upcoming and all(m.scheduled_start > now for m in upcoming)
    closed = [m for m in page.items if m.status == "minutes_closed"][:30]
    kinds = Counter(m.kind for m in meetings.meetings(root, from_=YEAR[0], first=200).items)
    assert kinds["regular"] > kinds["combined"] > kinds["thematic"] > 0
    with_resolution = 0
    for m in closed:
        detail = meetings.meeting(m.id)
        # everyone expected that day is marked (the exempt and those away may be left unmarked)
        expected = [a for a in detail.attendance
                    if not (a.exempt or a.temporarily_transferred_out or a.suspended)]
        assert detail.agenda and detail.summary.present + detail.summary.absent_excused + \
            detail.summary.absent_unexcused >= len(expected) - 2
        for r in detail.resolutions:
            assert r.votes_for * 2 > r.denominator
            with_resolution += 1
    assert with_resolution >= len(closed) - 2


def test_meetings_summon_the_rolls_of_their_day(demo, platform, meetings):
    """Members admitted during the year are summoned from their admission on, not before."""
    membership = platform.membership.queries
    checked = 0
    for member in membership.members(demo.marker["root_id"], statuses=["probationary"],
                                     first=200).items:
        admitted = member.admitted_on
        if admitted is None or not YEAR[0] + timedelta(days=40) < admitted < YEAR[1]:
            continue
        for m in meetings.meetings(member.organisation_id, from_=YEAR[0], first=200).items:
            if m.status != "minutes_closed":
                continue
            summoned = {a.member_id for a in meetings.meeting(m.id).attendance}
            assert (member.id in summoned) == (m.started_at.date() >= admitted), (m, member)
            checked += 1
    assert checked > 5


def test_the_same_seed_gives_the_same_year_and_a_resumed_seeding_appends_nothing(demo, meetings,
                                                                                 tmp_path):
    again = demo_data.seed(tmp_path / "again", scale=SMALL)
    assert {**again["meetings"], "seconds": 0} == {**demo.marker["meetings"], "seconds": 0}
    other = build_platform(tmp_path / "again", demo_data.PROVINCE)
    try:
        assert other.meetings.queries.attendance_rate(again["root_id"], *YEAR) == \
            meetings.attendance_rate(demo.marker["root_id"], *YEAR)
        head = other.meetings.store.head_position()
    finally:
        other.close()
    demo_data.write_marker(tmp_path / "again", {"state": "seeding", "seed": 2025, "scale": SMALL})
    resumed = demo_data.seed(tmp_path / "again", scale=SMALL)
    reseeded = resumed["meetings"]
    assert reseeded["duplicates"] == reseeded["commands"] == again["meetings"]["commands"]
    reopened = build_platform(tmp_path / "again", demo_data.PROVINCE)
    try:
        assert reopened.meetings.store.head_position() == head
    finally:
        reopened.close()


def test_the_seeded_meetings_answer_over_graphql_as_the_banner_shows(demo, platform, tmp_path):
    key = load_or_create_key(tmp_path / "signing.key")
    access = demo_banner.demo_access(platform.membership, key)
    assert demo_banner.meetings_query(access.branch_id) in demo_banner.banner(access, "127.0.0.1", 8000)
    client = TestClient(create_app(platform.services, key))
    response = client.post("/graphql", content=demo_banner.meetings_query(access.branch_id),
                           headers={"Authorization": f"Bearer {access.branch_token}",
                                    "Content-Type": "application/json"})
    data = json.loads(response.content)["data"]
    assert data["meetingStatistics"]["attendance"]["meetings"] >= 11
    edges = data["meetings"]["edges"]
    assert edges[0]["node"]["status"] == "SCHEDULED"  # next month's, already called
    assert edges[1]["node"]["summoned"] > 0  # (a small demo's branch may have none present)
    assert date.fromisoformat(edges[1]["node"]["scheduledStart"][:10]) < DEMO_TODAY


def test_branches_find_grounds_for_xoa_ten_and_vote_on_admissions(demo, meetings):
    root = demo.marker["root_id"]
    grounds = meetings.removal_grounds(root, 2026)
    assert {g.ground for g in grounds} == {"absences", "dues"}
    assert all(len(g.months) >= g.threshold == 3 for g in grounds)
    assert len(grounds) < 20  # a few members, not the province
    resolutions, after = [], None
    while True:
        page = meetings.meetings(root, statuses=["minutes_closed"], first=200, after=after)
        resolutions += [r for m in page.items for r in meetings.meeting(m.id).resolutions]
        if not page.has_next:
            break
        after = page.end_cursor
    admissions = [r for r in resolutions if r.resolution_type == "admission"]
    assert admissions and all(r.subject_member_id and r.required_votes * 3 >= r.denominator * 2
                              for r in admissions)
    assert all(r.passed for r in resolutions)  # the demo's branches carry what they vote on
    assert {r.resolution_type for r in resolutions} == {"ordinary", "admission"}
