"""TSVM: only for organisations rated HTXS; "5 năm liền" from the history, a gap restarts it."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import RuleViolated
from services.evaluations.domain.levels import Level
from services.evaluations.domain.recognition import (
    check_may_recognise,
    five_years_running,
    may_recognise,
    tsvm_run,
)
from services.evaluations.domain.rules import EVALUATION_RULES

pytestmark = pytest.mark.unit

RULES = EVALUATION_RULES.in_force(date(2025, 12, 1))
X, G = Level.EXCELLENT, Level.GOOD


def test_five_years_running() -> None:
    history = {2021: X, 2022: X, 2023: X, 2024: X, 2025: X}
    assert tsvm_run(history, 2025, RULES) == 5
    assert five_years_running(tsvm_run(history, 2025, RULES), RULES)
    assert tsvm_run(history, 2024, RULES) == 4
    assert not five_years_running(4, RULES)


def test_a_year_below_excellent_restarts_the_run() -> None:
    history = {2019: X, 2020: X, 2021: G, 2022: X, 2023: X, 2024: X, 2025: X}
    assert tsvm_run(history, 2025, RULES) == 4
    assert tsvm_run(history, 2021, RULES) == 0


def test_a_year_without_a_classification_breaks_the_run() -> None:
    history = {2020: X, 2021: X, 2023: X, 2024: X, 2025: X, 2026: X}
    assert tsvm_run(history, 2026, RULES) == 4
    assert tsvm_run({2025: X} | {y: X for y in range(2016, 2024)}, 2025, RULES) == 1


def test_only_an_organisation_rated_excellent_may_be_recognised() -> None:
    assert may_recognise(X, RULES)
    for level in (G, Level.COMPLETED, Level.FAILED, None):
        assert not may_recognise(level, RULES)
    with pytest.raises(RuleViolated) as refused:
        check_may_recognise(G, RULES)
    assert (refused.value.rule, refused.value.rule_version) == ("tsvm.requires_level",
                                                                "QĐ366-2025")
    check_may_recognise(X, RULES)
