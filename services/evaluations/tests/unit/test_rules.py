"""The evaluations rule book: three versions by the dates DOMAIN.md §5 gives their texts, each
with every key, a source, and the version in force changing on those very days."""

from __future__ import annotations

from datetime import date

import pytest

from services.evaluations.domain.rules import EVALUATION_RULES

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("day", "version"), [
    (date(2018, 3, 8), "QĐ132-2018"), (date(2023, 10, 3), "QĐ132-2018"),
    (date(2023, 10, 4), "QĐ124-2023"), (date(2025, 8, 29), "QĐ124-2023"),
    (date(2025, 8, 30), "QĐ366-2025"), (date(2026, 12, 31), "QĐ366-2025"),
])
def test_the_version_in_force_changes_on_the_day_its_text_took_effect(day, version) -> None:
    assert EVALUATION_RULES.in_force(day).version == version


def test_every_version_holds_every_key_and_names_its_source() -> None:
    keys = [set(v.values) for v in EVALUATION_RULES.versions]
    assert all(k == keys[0] for k in keys)
    for version in EVALUATION_RULES.versions:
        assert version.source.startswith(version.version[:2])  # "QĐ …"
    assert [v["score.applies"] for v in EVALUATION_RULES.versions] == [False, False, True]


def test_the_thresholds_of_qd_366() -> None:
    r = EVALUATION_RULES.in_force(date(2025, 12, 1))
    assert (r["level.excellent.min_points"], r["level.good.min_points"],
            r["level.completed.min_points"]) == (90, 70, 50)
    assert (r["level.excellent.min_exceeded_percent"], r["level.completed.max_late_percent"],
            r["disqualify.targets_met_below_percent"],
            r["disqualify.sub_units_disciplined_above_percent"],
            r["quota.excellent.percent"]) == (30, 20, 50, 20, 20)
    assert r["score.general_max"] + r["score.result_max"] == 100
