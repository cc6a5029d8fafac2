"""Each disqualifier, read from the facts of the year (the membership view fills them)."""

from __future__ import annotations

from datetime import date

import pytest

from services.evaluations.domain.disqualifiers import (
    Discipline,
    Disqualifier,
    SubjectFacts,
    find_disqualifiers,
)
from services.evaluations.domain.levels import Level, Score, Tasks, classify
from services.evaluations.domain.rules import EVALUATION_RULES

pytestmark = pytest.mark.unit

RULES = EVALUATION_RULES.in_force(date(2025, 12, 1))
EXCELLENT_WORK = (Score(29.0, 68.0), Tasks(total=10, on_time=10, exceeded=4, late=0, not_done=0))


def codes(facts: SubjectFacts) -> list[str]:
    return [d.code for d in find_disqualifiers(facts, RULES)]


def level(facts: SubjectFacts) -> Level:
    found = find_disqualifiers(facts, RULES)
    return classify(*EXCELLENT_WORK, found, collective=facts.collective, rules=RULES).level


def test_a_clean_member_and_a_clean_collective_have_none() -> None:
    assert codes(SubjectFacts(2025, collective=False)) == []
    clean = SubjectFacts(2025, collective=True, sub_units=10, targets_met_percent=100.0)
    assert codes(clean) == []
    assert level(clean) is Level.EXCELLENT


@pytest.mark.parametrize("form", ["reprimand", "warning", "dismissal", "expulsion"])
def test_a_member_disciplined_in_the_year_fails(form: str) -> None:
    facts = SubjectFacts(2025, collective=False, disciplines=(Discipline(date(2025, 3, 4), form),))
    assert codes(facts) == [Disqualifier.MEMBER_DISCIPLINED]
    assert find_disqualifiers(facts, RULES)[0].detail == f"disciplined ({form}) on 04/03/2025"
    assert level(facts) is Level.FAILED


def test_a_discipline_of_another_year_does_not_count() -> None:
    facts = SubjectFacts(2025, collective=False,
                         disciplines=(Discipline(date(2024, 12, 31), "warning"),))
    assert codes(facts) == []


def test_a_collective_disciplined_fails() -> None:
    facts = SubjectFacts(2025, collective=True,
                         disciplines=(Discipline(date(2025, 6, 1), "warning"),))
    assert codes(facts) == [Disqualifier.ORGANISATION_DISCIPLINED]
    assert level(facts) is Level.FAILED


def test_more_than_a_fifth_of_the_sub_units_disciplined_fails() -> None:
    at_fifth = SubjectFacts(2025, collective=True, sub_units=10, sub_units_disciplined=2)
    above = SubjectFacts(2025, collective=True, sub_units=10, sub_units_disciplined=3)
    assert codes(at_fifth) == []
    assert codes(above) == [Disqualifier.SUB_UNITS_DISCIPLINED]
    assert level(above) is Level.FAILED


def test_corruption_in_a_sub_unit_fails() -> None:
    facts = SubjectFacts(2025, collective=True, sub_units=10, sub_units_disciplined=1,
                         corruption_in_sub_unit=True)
    assert codes(facts) == [Disqualifier.CORRUPTION_IN_SUB_UNIT]
    assert level(facts) is Level.FAILED


def test_fewer_than_half_the_targets_fails() -> None:
    assert codes(SubjectFacts(2025, collective=True, targets_met_percent=50.0)) == []
    short = SubjectFacts(2025, collective=True, targets_met_percent=49.9)
    assert codes(short) == [Disqualifier.TARGETS_NOT_MET]
    assert level(short) is Level.FAILED


def test_a_collective_with_a_member_disciplined_is_not_excellent() -> None:
    facts = SubjectFacts(2025, collective=True, members_disciplined=1)
    assert codes(facts) == [Disqualifier.MEMBERS_DISCIPLINED]
    assert level(facts) is Level.GOOD


def test_member_facts_ignore_collective_conditions() -> None:
    facts = SubjectFacts(2025, collective=False, sub_units=1, sub_units_disciplined=1,
                         targets_met_percent=10.0)
    assert codes(facts) == []
