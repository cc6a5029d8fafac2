"""QĐ 350's trung cấp eligibility and the levels posts require, decided purely from the facts
handed in and the rules in force."""

from __future__ import annotations

from datetime import date

from kit.personal import ERASED
from services.personnel.domain.events import PersonalData
from services.personnel.domain.rules import PERSONNEL_RULES
from services.personnel.domain.training import (
    GoodStanding,
    below,
    intermediate_shortfalls,
    required_theory,
)
from services.personnel.domain.values import Education, Gender, PoliticalTheory

ON = date(2026, 3, 2)
RULES = PERSONNEL_RULES.in_force(ON)
GOOD = [GoodStanding((2024, 2025), date(2026, 1, 15))]


def person(born: date, gender: Gender = Gender.FEMALE) -> PersonalData:
    return PersonalData("Phạm Thị Lan", born, gender)


def short(theory=PoliticalTheory.ELEMENTARY, education=Education.COLLEGE, who=None,
          standing=GOOD, part_time=False) -> list[str]:
    return intermediate_shortfalls(theory, education, who, standing, ON, part_time, RULES)


def test_posts_require_trung_cap_at_commune_and_cao_cap_at_province():
    assert required_theory("commune", RULES) is PoliticalTheory.INTERMEDIATE
    assert required_theory("province", RULES) is PoliticalTheory.ADVANCED
    assert below(PoliticalTheory.INTERMEDIATE, PoliticalTheory.ADVANCED)
    assert not below(PoliticalTheory.BACHELOR, PoliticalTheory.ADVANCED)


def test_a_college_degree_and_two_recent_good_years_make_a_cadre_eligible():
    assert short() == []
    assert short(education=Education.VOCATIONAL) == ["training.intermediate.min_education"]
    assert short(standing=[]) == ["training.intermediate.good_standing_years"]
    stale = [GoodStanding((2022, 2023), date(2024, 1, 10))]
    assert short(standing=stale) == ["training.intermediate.good_standing_years"]
    assert short(theory=PoliticalTheory.INTERMEDIATE) == [
        "training.already_intermediate_or_above"]


def test_part_time_study_needs_women_28_and_men_30():
    assert short(who=person(date(1998, 3, 2)), part_time=True) == []  # 28 on the day
    assert short(who=person(date(1998, 3, 3)), part_time=True) == ["training.part_time_min_age"]
    man = person(date(1997, 1, 1), Gender.MALE)  # 29
    assert short(who=man, part_time=True) == ["training.part_time_min_age"]
    assert short(who=man) == []  # full-time study has no age floor
    assert short(who=ERASED, part_time=True) == ["training.personal_data_missing"]
