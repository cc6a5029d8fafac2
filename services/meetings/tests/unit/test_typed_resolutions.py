"""Typed resolutions: ordinary ones need more than half of the members counted (QĐ 24 §9.3);
admission, official recognition and personnel need at least 2/3 of the branch's official
members. Each vote is recorded with its result; an admission names its applicant."""

from __future__ import annotations

import pytest

from kit.errors import InvalidInput, NotFound
from services.meetings.adapters.wire import CODEC
from services.meetings.domain import commands as c
from services.meetings.domain import events as e
from services.meetings.domain.resolutions import ResolutionType
from services.meetings.domain.values import AttendanceStatus

from .conftest import summoned

pytestmark = pytest.mark.unit


@pytest.fixture
def big_branch(history, directory):
    """Six official members and one probationary: four officials present, two absent with an
    approved reason, the probationary member present."""
    roster = [summoned(n) for n in ("Lê Văn An", "Trần Văn Bình", "Đỗ Văn Cường", "Vũ Văn Dũng",
                                     "Hoàng Văn Em", "Ngô Văn Giang")]
    roster.append(summoned("Đỗ Thị Mai", official=False))
    history.roster[:] = roster
    directory.rosters[history.branch] = roster
    meeting = history.opened()
    for i, m in enumerate(roster):
        history.attended(meeting, m.member_id, AttendanceStatus.ABSENT_EXCUSED if i in (4, 5)
                         else AttendanceStatus.PRESENT)
    return {"meeting": meeting, "roster": roster}


def vote(meeting: str, votes_for: int, kind: str = "ordinary", subject: str | None = None):
    return c.AdoptResolution(meeting, "Nghị quyết", votes_for, 0, 0, kind, subject)


def test_an_ordinary_resolution_counts_against_the_members_present_or_absent_without_reason(
        scenario, big_branch):
    # 7 summoned - 2 absent with reason - 1 probationary = 4; more than half is 3
    rejected = scenario.when(vote(big_branch["meeting"], 2)).one(e.ResolutionRejected)
    assert (rejected.denominator, rejected.required_votes) == (4, 3)
    adopted = scenario.when(vote(big_branch["meeting"], 3)).one(e.ResolutionAdopted)
    assert adopted.resolution_type is ResolutionType.ORDINARY


def test_an_admission_needs_two_thirds_of_all_the_branchs_official_members(
        scenario, history, directory, big_branch):
    applicant = directory.applicant(history.branch)
    # 6 official members, those absent with reason included: 2/3 is 4
    rejected = scenario.when(vote(big_branch["meeting"], 3, "admission", applicant))
    assert rejected.types == [e.ResolutionRejected]
    assert (rejected.one(e.ResolutionRejected).denominator,
            rejected.one(e.ResolutionRejected).required_votes) == (6, 4)
    adopted = scenario.when(vote(big_branch["meeting"], 4, "admission", applicant))
    assert adopted.one(e.ResolutionAdopted).subject_member_id == applicant
    assert adopted.one(e.ResolutionAdopted).resolution_type is ResolutionType.ADMISSION


def test_a_personnel_resolution_needs_two_thirds_too(scenario, big_branch):
    then = scenario.when(vote(big_branch["meeting"], 3, "personnel"))
    assert then.types == [e.ResolutionRejected]


def test_an_admission_names_an_applicant_to_this_branch(scenario, history, directory,
                                                        big_branch):
    meeting = big_branch["meeting"]
    assert scenario.refused(vote(meeting, 4, "admission"), InvalidInput).field == \
        "subject_member_id"
    member = big_branch["roster"][0].member_id
    assert scenario.refused(vote(meeting, 4, "admission", member), InvalidInput).field == \
        "subject_member_id"
    elsewhere = directory.applicant(history.other_commune)
    assert scenario.refused(vote(meeting, 4, "admission", elsewhere), InvalidInput).field == \
        "subject_member_id"
    scenario.refused(vote(meeting, 4, "admission", "9b1f0a52-8b8e-4d55-9a3e-2f1f6f0a9c11"),
                     NotFound)


def test_an_official_recognition_names_a_probationary_member_summoned(scenario, big_branch):
    meeting, roster = big_branch["meeting"], big_branch["roster"]
    error = scenario.refused(vote(meeting, 4, "official_recognition", roster[0].member_id),
                             InvalidInput)
    assert error.field == "subject_member_id"
    then = scenario.when(vote(meeting, 4, "official_recognition", roster[6].member_id))
    assert then.one(e.ResolutionAdopted).subject_member_id == roster[6].member_id


def test_an_unknown_resolution_type_is_bad_input(scenario, big_branch):
    error = scenario.refused(vote(big_branch["meeting"], 4, "amnesty"), InvalidInput)
    assert error.field == "resolution_type"


def test_a_resolution_of_version_one_reads_as_an_ordinary_one():
    data = {"meeting_id": "m", "resolution_id": "r", "title": "Nghị quyết tháng 5",
            "votes_for": 5, "votes_against": 1, "votes_abstaining": 0, "summoned": 12,
            "excluded": [], "denominator": 8, "rule_version": "HD42-2025"}
    old = CODEC.decode("meetings.ResolutionAdopted", 1, data)
    assert (old.resolution_type, old.subject_member_id, old.required_votes) == \
        (ResolutionType.ORDINARY, None, 5)


def test_an_official_recognition_without_its_member_is_bad_input(scenario, big_branch):
    error = scenario.refused(vote(big_branch["meeting"], 4, "official_recognition"),
                             InvalidInput)
    assert error.field == "subject_member_id"
