"""The level boundaries of the 100-point scale and the task conditions, on QĐ 366's rule book."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kit.errors import InvalidInput
from services.evaluations.domain.disqualifiers import Disqualifier
from services.evaluations.domain.levels import Level, Score, Tasks, classify
from services.evaluations.domain.rules import EVALUATION_RULES
from services.evaluations.domain.values import Disqualification

pytestmark = pytest.mark.unit

RULES = EVALUATION_RULES.in_force(date(2025, 12, 1))
ALL_ON_TIME = Tasks(total=10, on_time=10, exceeded=3, late=0, not_done=0)


def score(total: str) -> Score:
    """A score with 30 general points (or all of it, below 30) and the rest as results."""
    exact = Decimal(total)
    general = min(exact, Decimal(30))
    return Score(general_points=float(general), result_points=float(exact - general))


@pytest.mark.parametrize(("total", "level"), [
    ("100.0", Level.EXCELLENT), ("90.0", Level.EXCELLENT), ("89.9", Level.GOOD),
    ("70.0", Level.GOOD), ("69.9", Level.COMPLETED), ("50.0", Level.COMPLETED),
    ("49.9", Level.FAILED), ("49.5", Level.FAILED), ("0.0", Level.FAILED),
])
def test_each_boundary_of_the_scale(total: str, level: Level) -> None:
    assessment = classify(score(total), ALL_ON_TIME, collective=False, rules=RULES)
    assert assessment.level is level
    assert assessment.total_points == Decimal(total)
    assert assessment.rule_version == "QĐ366-2025"


def test_float_parts_are_added_exactly() -> None:
    # 20.1 + 69.8 is 89.89999… in floats; the scale compares 89.9
    assert classify(Score(20.1, 69.8), ALL_ON_TIME, collective=False,
                    rules=RULES).total_points == Decimal("89.9")
    assert classify(Score(20.2, 69.8), ALL_ON_TIME, collective=False,
                    rules=RULES).level is Level.EXCELLENT


def test_the_reasons_name_each_level_above_the_one_allowed() -> None:
    assessment = classify(score("69.9"), ALL_ON_TIME, collective=False, rules=RULES)
    assert [lvl for lvl, _ in assessment.blocked] == [Level.EXCELLENT, Level.GOOD]
    assert assessment.reasons == ("HTXS: 69.9 points, below 90", "HTT: 69.9 points, below 70")
    assert assessment.allows(Level.COMPLETED) and not assessment.allows(Level.GOOD)


def test_excellent_needs_thirty_percent_exceeded() -> None:
    exactly = Tasks(total=10, on_time=10, exceeded=3, late=0, not_done=0)
    short = Tasks(total=10, on_time=10, exceeded=2, late=0, not_done=0)
    assert classify(score("95.0"), exactly, collective=False, rules=RULES).level is Level.EXCELLENT
    below = classify(score("95.0"), short, collective=False, rules=RULES)
    assert below.level is Level.GOOD
    assert below.reasons == ("HTXS: 2 of 10 tasks exceeded, below 30 %",)


def test_a_late_task_keeps_from_good_and_excellent() -> None:
    one_late = Tasks(total=10, on_time=9, exceeded=5, late=1, not_done=0)
    assessment = classify(score("95.0"), one_late, collective=False, rules=RULES)
    assert assessment.level is Level.COMPLETED
    assert assessment.reasons[0] == "HTXS: 1 of 10 tasks not done on time"


def test_completed_allows_twenty_percent_late_and_nothing_undone() -> None:
    two_late = Tasks(total=10, on_time=8, exceeded=0, late=2, not_done=0)
    three_late = Tasks(total=10, on_time=7, exceeded=0, late=3, not_done=0)
    one_undone = Tasks(total=10, on_time=9, exceeded=0, late=0, not_done=1)
    at = classify(score("80.0"), two_late, collective=False, rules=RULES)
    assert at.level is Level.COMPLETED
    above = classify(score("80.0"), three_late, collective=False, rules=RULES)
    assert above.level is Level.FAILED
    assert "HT: 3 of 10 tasks late, above 20 %" in above.reasons
    undone = classify(score("80.0"), one_undone, collective=False, rules=RULES)
    assert undone.level is Level.FAILED
    assert "HT: 1 of 10 tasks not done" in undone.reasons


def test_a_disqualifier_caps_whatever_the_score() -> None:
    found = (Disqualification(Disqualifier.MEMBER_DISCIPLINED.value, "disciplined (reprimand)"),)
    assessment = classify(score("98.0"), ALL_ON_TIME, found, collective=False, rules=RULES)
    assert assessment.level is Level.FAILED
    assert assessment.disqualifiers == found
    assert assessment.reasons[-1] == "HT: disciplined (reprimand)"


def test_a_collective_with_a_member_disciplined_stops_at_good() -> None:
    found = (Disqualification(Disqualifier.MEMBERS_DISCIPLINED.value, "1 member disciplined"),)
    assessment = classify(score("98.0"), ALL_ON_TIME, found, collective=True, rules=RULES)
    assert assessment.level is Level.GOOD
    assert assessment.reasons == ("HTXS: 1 member disciplined",)


def test_before_qd_366_there_is_no_point_scale() -> None:
    qd124 = EVALUATION_RULES.in_force(date(2024, 12, 1))
    assert qd124.version == "QĐ124-2023"
    assert classify(score("40.0"), ALL_ON_TIME, collective=False, rules=qd124).level \
        is Level.EXCELLENT
    assert EVALUATION_RULES.in_force(date(2020, 1, 1)).version == "QĐ132-2018"


@pytest.mark.parametrize(("general", "result", "field"), [
    (30.1, 50.0, "general_points"), (10.0, 70.1, "result_points"), (-0.1, 10.0, "general_points"),
    (10.25, 10.0, "general_points"), ("abc", 10.0, "general_points"),
])
def test_a_score_out_of_range_or_too_precise_is_refused(general: object, result: float,
                                                        field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        classify(Score(general, result), ALL_ON_TIME, collective=False, rules=RULES)  # type: ignore[arg-type]
    assert refused.value.field == field


@pytest.mark.parametrize("tasks", [
    Tasks(total=10, on_time=9, exceeded=0, late=0, not_done=0),
    Tasks(total=10, on_time=5, exceeded=6, late=5, not_done=0),
    Tasks(total=-1, on_time=0, exceeded=0, late=0, not_done=-1),
])
def test_inconsistent_task_counts_are_refused(tasks: Tasks) -> None:
    with pytest.raises(InvalidInput):
        classify(score("80.0"), tasks, collective=False, rules=RULES)


def test_levels_are_ordered_best_first() -> None:
    assert Level.EXCELLENT > Level.GOOD > Level.COMPLETED > Level.FAILED
    assert sorted([Level.COMPLETED, Level.EXCELLENT, Level.FAILED]) == [
        Level.FAILED, Level.COMPLETED, Level.EXCELLENT]


@pytest.mark.parametrize(("general", "result", "level"), [
    ("20.0", "29.5", Level.FAILED), ("20.0", "30.0", Level.COMPLETED),
    ("29.9", "40.0", Level.COMPLETED), ("30.0", "40.0", Level.GOOD),
    ("29.9", "60.0", Level.GOOD), ("30.0", "60.0", Level.EXCELLENT),
])
def test_decimal_parts_meet_the_boundaries_exactly(general: str, result: str,
                                                   level: Level) -> None:
    scored = Score(Decimal(general), Decimal(result))  # type: ignore[arg-type]
    assert classify(scored, ALL_ON_TIME, collective=False, rules=RULES).level is level
