"""The steps of one evaluation through the service: self-assessment, comments, appraisal,
decision, correction; each refusal typed, with nothing appended."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput, InvalidState, NotFound, RuleViolated
from services.evaluations.application.ids import annual_evaluation_id
from services.evaluations.domain import commands as c
from services.evaluations.domain import events as e
from services.evaluations.domain.disqualifiers import Discipline
from services.evaluations.domain.levels import Level
from services.evaluations.domain.values import AssessmentForm, SubjectKind, Tasks

from .conftest import RULES_NOW, TASKS_EXCELLENT, TASKS_GOOD, decision

pytestmark = pytest.mark.unit


def assess(period, subject, **changes):
    fields = dict(period_id=period, subject_id=subject, form="2B", general_points=28.0,
                  result_points=65.0, tasks=TASKS_GOOD, self_proposed_level="htt",
                  submitted_on=date(2025, 12, 10))
    return c.SubmitSelfAssessment(**{**fields, **changes})


def test_a_member_on_the_roll_assesses_themself(scenario, world):
    member, = world.members(1)
    period = world.opened()
    then = scenario.when(assess(period, member, general_points=28.5, result_points=61.5))
    assessed = then.one(e.SelfAssessmentSubmitted)
    assert assessed.evaluation_id == annual_evaluation_id(member, 2025)
    assert (assessed.subject_kind, assessed.organisation_id, assessed.grassroots_id) == (
        SubjectKind.MEMBER, world.branch, world.grassroots)
    assert (assessed.form, assessed.general_points, assessed.result_points) == (
        AssessmentForm.CIVIL_SERVANT, 28.5, 61.5)
    assert assessed.tasks == Tasks(10, 10, 1, 0, 0)
    assert assessed.rule_version == RULES_NOW
    assert then.result.ids == {"period_id": period, "subject_id": member}


@pytest.mark.parametrize(("changes", "field"), [
    ({"general_points": 30.5}, "general_points"),
    ({"result_points": 70.1}, "result_points"),
    ({"result_points": -1.0}, "result_points"),
    ({"general_points": 28.25}, "general_points"),
    ({"tasks": c.TasksInput(10, 9, 0, 0, 0)}, "tasks"),
    ({"tasks": c.TasksInput(10, 8, 9, 2, 0)}, "tasks.exceeded"),
    ({"form": "collective"}, "form"),
    ({"form": "3A"}, "form"),
    ({"self_proposed_level": "excellent"}, "self_proposed_level"),
    ({"targets_met_percent": 80.0}, "targets_met_percent"),
])
def test_a_malformed_self_assessment_is_refused_naming_the_field(scenario, world, changes, field):
    member, = world.members(1)
    period = world.opened()
    error = scenario.refused(assess(period, member, **changes), InvalidInput)
    assert error.field == field


def test_someone_not_on_the_roll_does_not_assess(scenario, world):
    world.members(1)
    period = world.opened(root=world.grassroots)
    outsider = world.view.member(world.elsewhere)  # on the rolls elsewhere, not in this subtree
    scenario.refused(assess(period, outsider), NotFound)


def test_the_appraisal_computes_the_ceiling_from_score_tasks_and_facts(scenario, world):
    member, disciplined = world.members(2)
    world.view.disciplines[disciplined] = (Discipline(date(2025, 6, 1), "reprimand"),)
    period = world.opened()
    world.assessed(period, member, 29.0, 62.0, TASKS_EXCELLENT, level="htxs")
    appraised = scenario.when(c.AppraiseEvaluation(period, member, "htxs", date(2025, 12, 20))
                              ).one(e.EvaluationAppraised)
    assert (appraised.allowed_level, appraised.total_points) == (Level.EXCELLENT, 91.0)
    world.assessed(period, disciplined, 29.0, 62.0, TASKS_EXCELLENT, level="htxs")
    error = scenario.refused(c.AppraiseEvaluation(period, disciplined, "htt", date(2025, 12, 20)),
                             RuleViolated)
    assert (error.rule, error.rule_version) == ("classification.ceiling", RULES_NOW)
    assert "disciplined (reprimand) on 01/06/2025" in error.message
    appraised = scenario.when(c.AppraiseEvaluation(period, disciplined, "kht",
                                                   date(2025, 12, 20))).one(e.EvaluationAppraised)
    assert appraised.allowed_level is Level.FAILED
    assert [d.code for d in appraised.disqualifiers] == ["member_disciplined"]


@pytest.mark.parametrize(("general", "result", "allowed"), [
    (20.0, 29.5, Level.FAILED), (20.0, 30.0, Level.COMPLETED), (29.9, 40.0, Level.COMPLETED),
    (30.0, 40.0, Level.GOOD), (29.9, 60.0, Level.GOOD), (30.0, 60.0, Level.EXCELLENT)])
def test_the_ceiling_turns_at_each_boundary(scenario, world, general, result, allowed):
    member, = world.members(1)
    period = world.opened()
    world.assessed(period, member, general, result, TASKS_EXCELLENT, level="ht")
    appraised = scenario.when(c.AppraiseEvaluation(period, member, "kht", date(2025, 12, 20))
                              ).one(e.EvaluationAppraised)
    assert appraised.allowed_level is allowed


def test_steps_keep_their_order(scenario, world):
    member, = world.members(1)
    period = world.opened()
    scenario.refused(c.AppraiseEvaluation(period, member, "htt", date(2025, 12, 20)),
                     InvalidState)
    world.assessed(period, member)
    scenario.refused(c.DecideClassification(period, member, "htt",
                                            decision=decision(world.grassroots)), InvalidState)
    world.appraised(period, member)
    scenario.refused(assess(period, member), InvalidState)  # appraised: no longer changed
    world.decided(period, member)
    scenario.refused(c.DecideClassification(period, member, "ht",
                                            decision=decision(world.grassroots)), InvalidState)


def test_collective_comments_name_the_meeting_and_a_suggested_level(scenario, world):
    member, = world.members(1)
    period = world.opened()
    world.assessed(period, member)
    meeting = "0f0e0d0c-0b0a-4000-8000-000000000001"
    then = scenario.when(c.RecordCollectiveComments(period, member, "  Gương mẫu, nhiệt tình ",
                                                    "htt", date(2025, 12, 15), meeting))
    assert then.one(e.CollectiveCommentsRecorded) == e.CollectiveCommentsRecorded(
        annual_evaluation_id(member, 2025), meeting, "Gương mẫu, nhiệt tình", Level.GOOD,
        date(2025, 12, 15))


def test_a_decision_records_the_body_the_rules_give_and_the_rule_versions(scenario, world):
    member, = world.members(1)
    period = world.opened()
    decided = world.through(period, member, "htt").one(e.ClassificationDecided)
    assert (decided.level, decided.allowed_level, decided.previous_level) == (
        Level.GOOD, Level.GOOD, None)
    assert (decided.decision.organisation_id, decided.decision.organ.value) == (
        world.grassroots, "committee")
    assert decided.decision.rule_version == "evaluations-authority-2023.1"
    assert decided.rule_version == RULES_NOW


def test_a_decision_above_the_appraisals_ceiling_is_refused(scenario, world):
    member, = world.members(1)
    period = world.opened()
    world.assessed(period, member, 25.0, 50.0)  # 75: HTT at best
    world.appraised(period, member, "ht")
    error = scenario.refused(c.DecideClassification(period, member, "htxs",
                                                    decision=decision(world.grassroots)),
                             RuleViolated)
    assert error.rule == "classification.ceiling"


def test_a_correction_records_its_reason_and_the_level_it_replaces(scenario, world):
    member, = world.members(1)
    period = world.opened()
    world.through(period, member, "htt")
    then = scenario.when(c.CorrectClassification(
        period, member, "ht", "Phát hiện vi phạm sau khi xếp loại",
        decision=decision(world.grassroots, on=date(2026, 1, 5))))
    corrected = then.one(e.ClassificationCorrected)
    assert (corrected.previous_level, corrected.level, corrected.reason) == (
        Level.GOOD, Level.COMPLETED, "Phát hiện vi phạm sau khi xếp loại")
    error = scenario.refused(c.CorrectClassification(
        period, member, "ht", "again", decision=decision(world.grassroots,
                                                         on=date(2026, 1, 6))), InvalidInput)
    assert error.field == "level"


def test_a_retried_command_appends_once(scenario, world):
    member, = world.members(1)
    period = world.opened()
    first = scenario.when(assess(period, member), command_id="5d5d5d5d-0000-4000-8000-000000000001")
    again = scenario.when(assess(period, member), command_id="5d5d5d5d-0000-4000-8000-000000000001")
    assert len(first.events) == 1 and again.events == []
    assert again.result.duplicate and again.result.ids == first.result.ids
