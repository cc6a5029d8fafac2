"""Who decides, the HTXS quota per grassroots organisation, the head and the collective, the
two-years-running facts, TSVM, and what a caller outside the subtree sees."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import Forbidden, InvalidState, NotFound, RuleViolated
from services.evaluations.domain import commands as c
from services.evaluations.domain import events as e
from services.evaluations.domain.levels import Level

from .conftest import TASKS_EXCELLENT, acting, decision

pytestmark = pytest.mark.unit


def ready(world, period, member, level="htxs"):
    """Assessed at 95 with the tasks HTXS needs, appraised at `level`."""
    world.assessed(period, member, 29.0, 66.0, TASKS_EXCELLENT, level=level)
    world.appraised(period, member, level)


def test_a_members_classification_is_decided_by_the_grassroots_committee_only(scenario, world):
    member, = world.members(1)
    period = world.opened()
    ready(world, period, member, "htt")
    error = scenario.refused(c.DecideClassification(
        period, member, "htt", decision=decision(world.branch)), RuleViolated)
    assert error.rule == "classification.member.deciding_body"
    assert error.details["may_decide"] == [{"organisation_id": world.grassroots,
                                            "organ": "committee"}]
    scenario.refused(c.DecideClassification(
        period, member, "htt", decision=decision(world.grassroots, "standing_committee")),
        RuleViolated)


def test_a_grassroots_organisation_is_classified_by_the_standing_committee_above(scenario, world):
    world.members(1)
    period = world.opened()
    world.assessed(period, world.grassroots, form="collective")
    world.appraised(period, world.grassroots)
    error = scenario.refused(c.DecideClassification(
        period, world.grassroots, "htt", decision=decision(world.grassroots)), RuleViolated)
    assert error.rule == "classification.grassroots.deciding_body"
    decided = world.decided(period, world.grassroots, body=world.province,
                            organ="standing_committee").one(e.ClassificationDecided)
    assert decided.decision.body.organ.value == "standing_committee"


def test_a_token_acting_for_another_body_is_forbidden_and_one_without_organ_decides_nothing(
        scenario, world):
    member, = world.members(1)
    period = world.opened()
    ready(world, period, member, "htt")
    command = c.DecideClassification(period, member, "htt", decision=decision(world.grassroots))
    with pytest.raises(Forbidden):
        acting(scenario, command, world.grassroots, "standing_committee")
    with pytest.raises(Forbidden):
        acting(scenario, command, world.grassroots, "")
    result = acting(scenario, c.DecideClassification(
        period, member, "htt", decision=c.DecisionInput("3-QĐ/ĐU", "Lê Văn Bình",
                                                        date(2025, 12, 28))),
        world.grassroots, "committee")
    assert result.events == ("ClassificationDecided",)


def test_htxs_beyond_a_fifth_of_those_rated_htt_is_refused_with_the_headroom(scenario, world):
    good = world.members(4) + world.members(1, world.other_branch)  # one grassroots, 2 branches
    excellent = world.members(2)
    period = world.opened()
    for member in good:
        world.through(period, member, "htt")
    for member in excellent:
        ready(world, period, member)
    world.decided(period, excellent[0], "htxs")  # 1 of 6 rated HTT or better: floor(1.2) = 1
    error = scenario.refused(c.DecideClassification(
        period, excellent[1], "htxs", decision=decision(world.grassroots)), RuleViolated)
    assert (error.rule, error.details["headroom"]) == ("quota.excellent", 0)
    assert "headroom 0" in error.message
    world.decided(period, excellent[1], "htt")  # HTT is never refused by the quota


def test_the_quota_is_counted_per_grassroots_organisation(scenario, world):
    here = world.members(5)
    there = world.view.member(world.elsewhere)
    period = world.opened()
    for member in here:
        world.through(period, member, "htt")
    ready(world, period, there)
    error = scenario.refused(c.DecideClassification(
        period, there, "htxs", decision=decision(world.elsewhere)), RuleViolated)
    assert error.details["headroom"] == 0  # the five HTT elsewhere do not count here


def test_a_head_is_not_rated_above_the_collective_decided_first(scenario, world):
    head, = world.members(1)
    period = world.opened()
    world.assessed(period, head, 29.0, 66.0, TASKS_EXCELLENT, form="2A", level="htxs",
                   heads=world.branch)
    world.appraised(period, head, "htxs")
    scenario.refused(c.DecideClassification(period, head, "htt",
                                            decision=decision(world.grassroots)), InvalidState)
    world.assessed(period, world.branch, form="collective")
    world.appraised(period, world.branch)
    world.decided(period, world.branch, "htt")
    error = scenario.refused(c.DecideClassification(
        period, head, "htxs", decision=decision(world.grassroots)), RuleViolated)
    assert error.rule == "head.not_above_collective"
    world.decided(period, head, "htt")


def test_kht_two_years_running_tells_membership_and_htt_two_years_tells_personnel(scenario,
                                                                                   world):
    failing, good = world.members(2)
    last_year = world.opened(2024)
    world.through(last_year, failing, "kht", general=10.0, result=20.0, year=2024)
    world.through(last_year, good, "htt", year=2024)
    period = world.opened(2025)
    then = world.through(period, failing, "kht", general=10.0, result=20.0)
    told = then.one(e.UnsatisfactoryTwoYearsRunning)
    assert (told.member_id, told.years, told.grassroots_id) == (
        failing, (2024, 2025), world.grassroots)
    assert then.one(e.ClassificationDecided).previous_level is Level.FAILED
    then = world.through(period, good, "htt")
    assert then.one(e.GoodStandingTwoYearsRunning).levels == (Level.GOOD, Level.GOOD)
    assert not any(isinstance(ev, e.UnsatisfactoryTwoYearsRunning) for ev in then.events)


def test_a_correction_to_kht_after_a_kht_year_tells_it_once(scenario, world):
    member, = world.members(1)
    world.through(world.opened(2024), member, "kht", general=10.0, result=20.0, year=2024)
    period = world.opened(2025)
    world.through(period, member, "ht", general=20.0, result=40.0)
    then = scenario.when(c.CorrectClassification(
        period, member, "kht", "kỷ luật phát hiện sau",
        decision=decision(world.grassroots, on=date(2026, 1, 5))))
    assert then.types == [e.ClassificationCorrected, e.UnsatisfactoryTwoYearsRunning]


def test_an_organisation_rated_htxs_is_recognised_with_its_run_of_years(scenario, world):
    world.members(1)
    # the quota counts organisations per superior: four siblings at HTT make room for one HTXS
    siblings = [world.view.organisation(world.province, grassroots=True) for _ in range(3)]
    for year in (2023, 2024):
        period = world.opened(year)
        for sibling in (*siblings, world.elsewhere):
            world.through(period, sibling, "htt", form="collective", body=world.province,
                          organ="standing_committee", year=year)
        world.assessed(period, world.grassroots, 29.0, 66.0, TASKS_EXCELLENT, form="collective",
                       level="htxs", on=date(year, 12, 10))
        world.appraised(period, world.grassroots, "htxs", on=date(year, 12, 20))
        world.decided(period, world.grassroots, "htxs", body=world.province,
                      organ="standing_committee", on=date(year, 12, 28))
    command = c.RecognisePartyOrganisation(period, world.grassroots, decision=decision(
        world.province, "standing_committee", date(2025, 1, 5)))
    recognised = scenario.when(command).one(e.PartyOrganisationRecognised)
    assert (recognised.year, recognised.years_running, recognised.five_years_running) == (
        2024, 2, False)
    scenario.refused(command, InvalidState)  # once a year


def test_an_organisation_not_rated_htxs_is_not_recognised(scenario, world):
    world.members(1)
    period = world.opened()
    world.through(period, world.branch, "htt", form="collective")
    error = scenario.refused(c.RecognisePartyOrganisation(
        period, world.branch, decision=decision(world.grassroots)), RuleViolated)
    assert error.rule == "tsvm.requires_level"


def test_a_caller_sees_only_the_subjects_of_its_subtree(scenario, world):
    mine, = world.members(1)
    theirs = world.view.member(world.elsewhere)
    period = world.opened()  # the province's campaign: both grassroots organisations on it
    command = c.SubmitSelfAssessment(period, theirs, "2B", 28.0, 65.0,
                                     c.TasksInput(10, 10, 1, 0, 0), "htt", date(2025, 12, 10))
    with pytest.raises(NotFound) as caught:
        acting(scenario, command, world.grassroots)
    assert caught.value.details["kind"] == "subject"
    result = acting(scenario, c.SubmitSelfAssessment(
        period, mine, "2B", 28.0, 65.0, c.TasksInput(10, 10, 1, 0, 0), "htt",
        date(2025, 12, 10)), world.grassroots)
    assert result.events == ("SelfAssessmentSubmitted",)
    with pytest.raises(NotFound):  # a period of a subtree the caller does not overlap
        acting(scenario, c.AppraiseEvaluation(world.opened(2025, root=world.elsewhere), theirs,
                                              "htt", date(2025, 12, 20)), world.grassroots)
