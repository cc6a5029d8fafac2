from datetime import date

import pytest

from kit.errors import RuleViolated
from kit.rules import RuleBook, RuleSet

BOOK = RuleBook([
    RuleSet("v2", date(2025, 7, 1), "new", {"limit": 3}),
    RuleSet("v1", date(2021, 1, 1), "old", {"limit": 4}),
])


def test_the_rule_set_in_force_is_chosen_by_effective_date():
    assert BOOK.in_force(date(2025, 6, 30)).version == "v1"
    assert BOOK.in_force(date(2025, 7, 1)).version == "v2"
    assert BOOK.in_force(date(1990, 1, 1)).version == "v1"


def test_a_refusal_names_the_rule_and_its_version():
    with pytest.raises(RuleViolated) as err:
        BOOK.in_force(date(2026, 1, 1)).require(False, "limit", "too many")
    assert err.value.rule == "limit" and err.value.rule_version == "v2"
    assert err.value.to_dict()["code"] == "rule_violated"


def test_rule_values_cannot_be_changed_in_place():
    with pytest.raises(TypeError):
        BOOK.in_force(date(2026, 1, 1)).values["limit"] = 9
