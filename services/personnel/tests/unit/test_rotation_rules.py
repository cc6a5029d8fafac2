"""QĐ 65's checks on a rotation, decided purely from the facts handed in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kit.errors import InvalidState, RuleViolated
from services.personnel.domain.rotation import RotationFacts, check_rotation
from services.personnel.domain.rules import PERSONNEL_RULES

ON = date(2026, 4, 1)
RULES = PERSONNEL_RULES.in_force(ON)
FACTS = RotationFacts(planned=True, current_rank=50, to_rank=50, to_head=False,
                      to_level="commune", local=None, head_terms_in_place=0,
                      last_rotation_on=None)


def rule(facts: RotationFacts, exception: bool = False) -> str:
    with pytest.raises(RuleViolated) as refused:
        check_rotation(facts, ON, exception, RULES)
    return refused.value.rule


def test_an_equivalent_post_for_a_planned_cadre_passes():
    check_rotation(FACTS, ON, False, RULES)
    check_rotation(replace(FACTS, to_rank=60), ON, True, RULES)  # higher, as an exception


def test_each_rule_refuses_by_its_name():
    assert rule(replace(FACTS, planned=False)) == "rotation.requires_plan"
    assert rule(replace(FACTS, to_rank=60)) == "rotation.equivalent_post"
    assert rule(replace(FACTS, to_rank=40), exception=True) == "rotation.equivalent_post"
    assert rule(replace(FACTS, to_head=True, local=True)) == "rotation.key_leaders_not_local"
    assert rule(replace(FACTS, to_head=True, head_terms_in_place=2)) == \
        "rotation.max_consecutive_head_terms_in_place"
    assert rule(replace(FACTS, last_rotation_on=date(2023, 4, 2))) == "rotation.min_years"
    check_rotation(replace(FACTS, last_rotation_on=date(2023, 4, 1)), ON, False, RULES)
    check_rotation(replace(FACTS, to_head=True, local=False, head_terms_in_place=1), ON, False,
                   RULES)
    with pytest.raises(InvalidState):
        check_rotation(replace(FACTS, current_rank=0), ON, False, RULES)
