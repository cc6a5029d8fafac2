"""Political-theory training (QĐ 350-QĐ/TW, 2025): the level a post requires, and who may be sent
to trung cấp. Pure: the queries hand in the facts (the file's levels, the person, the years of
good standing evaluations published) and the rules in force on the day asked about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kit.personal import is_erased
from kit.rules import RuleSet

from .events import PersonalData
from .values import Education, PoliticalTheory, age_on

THEORY_ORDER = list(PoliticalTheory)  # lowest first
EDUCATION_ORDER = list(Education)


def required_theory(level: str, rules: RuleSet) -> PoliticalTheory:
    """The political-theory level a post of this level (province | commune) requires."""
    return PoliticalTheory(rules["training.required_theory"][level])


def below(held: PoliticalTheory, required: PoliticalTheory) -> bool:
    return THEORY_ORDER.index(held) < THEORY_ORDER.index(required)


@dataclass(frozen=True)
class GoodStanding:
    """Two consecutive years HTT or better, as evaluations published it."""

    years: tuple[int, ...]
    decided_on: date


def intermediate_shortfalls(theory: PoliticalTheory, education: Education,
                            person: PersonalData | None, standing: list[GoodStanding],
                            on: date, part_time: bool, rules: RuleSet) -> list[str]:
    """Why the cadre may not be sent to trung cấp on `on` (empty: eligible). Each reason is the
    rule key it fails."""
    out = []
    if not below(theory, PoliticalTheory.INTERMEDIATE):
        out.append("training.already_intermediate_or_above")
    least = Education(rules["training.intermediate.min_education"])
    if EDUCATION_ORDER.index(education) < EDUCATION_ORDER.index(least):
        out.append("training.intermediate.min_education")
    recent = on.year - rules["training.intermediate.good_standing_within_years"]
    if not any(s.decided_on <= on and s.years and s.years[-1] >= recent for s in standing):
        out.append("training.intermediate.good_standing_years")
    if part_time:
        if person is None or is_erased(person):
            out.append("training.personal_data_missing")
        else:
            least_age = rules["training.part_time_min_age"][person.gender.value]
            if age_on(person.date_of_birth, on) < least_age:
                out.append("training.part_time_min_age")
    return out
