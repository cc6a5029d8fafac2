"""The HTXS quota per group (20 % of those rated HTT, rounded down) and the head rule."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from kit.errors import RuleViolated
from kit.rules import RuleSet
from services.evaluations.domain.levels import Level
from services.evaluations.domain.quota import (
    Counts,
    QuotaGroup,
    check_excellent_quota,
    check_head_not_above_collective,
    headroom,
    quota_group,
)
from services.evaluations.domain.rules import EVALUATION_RULES

pytestmark = pytest.mark.unit

RULES = EVALUATION_RULES.in_force(date(2025, 12, 1))


def with_values(rules: RuleSet, **values: object) -> RuleSet:
    return dataclasses.replace(rules, values={**rules.values,
                                              **{k.replace("__", "."): v
                                                 for k, v in values.items()}})


@pytest.mark.parametrize(("counts", "room"), [
    (Counts(excellent=0, good=5), 1),  # 20 % of 5 is exactly 1
    (Counts(excellent=1, good=4), 0),  # exactly 20 % of 5 at HTT or better: none left
    (Counts(excellent=0, good=4), 0),  # 0.8 rounds down
    (Counts(excellent=1, good=8), 0),  # 1.8 rounds down to 1
    (Counts(excellent=1, good=9), 1),  # 2
    (Counts(excellent=3, good=7), -1),  # 2 allowed, 3 decided: over by one
    (Counts(excellent=0, good=0, completed=7), 0),
])
def test_headroom_counts_excellent_among_good_or_better(counts: Counts, room: int) -> None:
    assert headroom(counts, RULES) == room


def test_the_base_may_be_those_left_at_good_only() -> None:
    good_only = with_values(RULES, quota__excellent__base="good")
    assert headroom(Counts(excellent=1, good=5), good_only) == 0
    assert headroom(Counts(excellent=1, good=4), good_only) == -1


def test_a_decision_within_the_quota_passes() -> None:
    check_excellent_quota(Counts(excellent=1, good=9), RULES)  # 2 of 11 ≤ floor(2.2)
    check_excellent_quota(Counts(excellent=0, good=4), RULES)  # 1 of 5 = exactly 20 %


def test_a_decision_over_the_quota_names_the_rule_and_the_headroom() -> None:
    with pytest.raises(RuleViolated) as refused:
        check_excellent_quota(Counts(excellent=1, good=4), RULES)
    err = refused.value
    assert (err.rule, err.rule_version) == ("quota.excellent", "QĐ366-2025")
    assert err.details["headroom"] == 0
    assert err.to_dict()["headroom"] == 0
    assert "headroom 0" in err.message


def test_the_first_excellent_needs_four_others_at_good() -> None:
    with pytest.raises(RuleViolated):
        check_excellent_quota(Counts(excellent=0, good=3), RULES)  # 1 of 4: 0.8 → 0


def test_other_levels_never_break_it_and_a_group_over_stays_decidable() -> None:
    over = Counts(excellent=3, good=7)
    for level in (Level.GOOD, Level.COMPLETED, Level.FAILED):
        check_excellent_quota(over, RULES, level=level)


def test_a_correction_that_shrinks_the_base_is_refused() -> None:
    full = Counts(excellent=1, good=4)
    check_excellent_quota(full, RULES, level=Level.GOOD, replacing=Level.EXCELLENT)
    with pytest.raises(RuleViolated):
        check_excellent_quota(full, RULES, level=Level.COMPLETED, replacing=Level.GOOD)
    with pytest.raises(RuleViolated):
        check_excellent_quota(Counts(excellent=1, good=8), RULES, level=Level.EXCELLENT,
                              replacing=Level.GOOD)  # 2 of 9 at HTT or better: 1 allowed
    check_excellent_quota(Counts(excellent=1, good=9), RULES, level=Level.EXCELLENT,
                          replacing=Level.GOOD)  # 2 of 10: exactly 20 %


def test_members_count_per_grassroots_organisation_and_organisations_per_superior() -> None:
    assert quota_group("member", "g1", "b1", "2B", RULES) == QuotaGroup("member", "g1")
    assert quota_group("organisation", "g1", "p1", "collective", RULES) == \
        QuotaGroup("organisation", "p1")
    per_form = with_values(RULES, quota__excellent__per_form=True)
    assert quota_group("member", "g1", "b1", "2B", per_form) == QuotaGroup("member", "g1", "2B")
    members_only = with_values(RULES, quota__excellent__subject_kinds=("member",))
    assert quota_group("organisation", "g1", "p1", "collective", members_only) is None


def test_the_head_is_not_rated_above_the_collective() -> None:
    check_head_not_above_collective(Level.GOOD, Level.GOOD, RULES)
    check_head_not_above_collective(Level.COMPLETED, Level.GOOD, RULES)
    check_head_not_above_collective(Level.EXCELLENT, None, RULES)
    with pytest.raises(RuleViolated) as refused:
        check_head_not_above_collective(Level.EXCELLENT, Level.GOOD, RULES)
    assert refused.value.rule == "head.not_above_collective"
    check_head_not_above_collective(Level.EXCELLENT, Level.GOOD,
                                    with_values(RULES, head__not_above_collective=False))
