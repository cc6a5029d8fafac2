"""Disqualifiers: conditions read from the facts of the year, never typed in, that cap a level.

Most cap it at KHT (the QĐ 124 cases [S31], kept by QĐ 366); one keeps a collective from HTXS
(no one in it disciplined). The facts come from membership's events through evaluations' own
view of them (application/membership_view.py); the targets from the collective's own report.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kit.rules import RuleSet

from .values import Disqualification

__all__ = ["Discipline", "Disqualification", "Disqualifier", "SubjectFacts", "cap_of",
           "find_disqualifiers"]


class Disqualifier(enum.StrEnum):
    """The code of a disqualifier, as `Disqualification.code` records it."""

    MEMBER_DISCIPLINED = "member_disciplined"  # đảng viên bị kỷ luật trong năm
    ORGANISATION_DISCIPLINED = "organisation_disciplined"  # tập thể bị kỷ luật
    SUB_UNITS_DISCIPLINED = "sub_units_disciplined"  # > 20 % tổ chức trực thuộc bị kỷ luật
    CORRUPTION_IN_SUB_UNIT = "corruption_in_sub_unit"  # tổ chức trực thuộc bị kỷ luật vì tham nhũng
    TARGETS_NOT_MET = "targets_not_met"  # < 50 % chỉ tiêu
    MEMBERS_DISCIPLINED = "members_disciplined"  # HTXS tập thể: no one disciplined


# the best level each leaves reachable, as Level values (levels.py imports this module)
_CAPS = {
    Disqualifier.MEMBER_DISCIPLINED: "kht",
    Disqualifier.ORGANISATION_DISCIPLINED: "kht",
    Disqualifier.SUB_UNITS_DISCIPLINED: "kht",
    Disqualifier.CORRUPTION_IN_SUB_UNIT: "kht",
    Disqualifier.TARGETS_NOT_MET: "kht",
    Disqualifier.MEMBERS_DISCIPLINED: "htt",
}


def cap_of(code: str) -> str:
    """The best level (a Level value) a disqualifier with this code leaves reachable."""
    return _CAPS[Disqualifier(code)]


@dataclass(frozen=True)
class Discipline:
    """One disciplinary decision: its date, form (reprimand, warning, dismissal, expulsion; for
    an organisation reprimand, warning, dissolution) and whether it was for corruption or
    misconduct (tham nhũng, tiêu cực)."""

    on: date
    form: str
    corruption: bool = False


@dataclass(frozen=True)
class SubjectFacts:
    """What the facts say of one subject for one year. For a member, `disciplines` are theirs;
    for a collective, its own, plus its sub-units and members disciplined in the year."""

    year: int
    collective: bool
    disciplines: tuple[Discipline, ...] = ()
    sub_units: int = 0  # tổ chức đảng trực thuộc on the roll
    sub_units_disciplined: int = 0  # of them, disciplined in the year
    corruption_in_sub_unit: bool = False  # one of them disciplined for corruption in the year
    members_disciplined: int = 0  # members of the collective disciplined in the year
    targets_met_percent: Decimal | float | None = None  # a collective's, from its report


def _in_year(facts: SubjectFacts) -> tuple[Discipline, ...]:
    return tuple(d for d in facts.disciplines if d.on.year == facts.year)


def _member(facts: SubjectFacts, rules: RuleSet) -> list[Disqualification]:
    forms = rules["disqualify.member_discipline_forms"]
    return [Disqualification(Disqualifier.MEMBER_DISCIPLINED.value,
                             f"disciplined ({d.form}) on {d.on:%d/%m/%Y}")
            for d in _in_year(facts) if d.form in forms][:1]  # one is enough to cap


def _collective(facts: SubjectFacts, rules: RuleSet) -> list[Disqualification]:
    found: list[Disqualification] = []
    own = _in_year(facts)
    if rules["disqualify.organisation_disciplined"] and own:
        d = own[0]
        found.append(Disqualification(Disqualifier.ORGANISATION_DISCIPLINED.value,
                                      f"the organisation was disciplined ({d.form}) on "
                                      f"{d.on:%d/%m/%Y}"))
    most = rules["disqualify.sub_units_disciplined_above_percent"]
    if facts.sub_units and Decimal(facts.sub_units_disciplined) * 100 > most * facts.sub_units:
        found.append(Disqualification(Disqualifier.SUB_UNITS_DISCIPLINED.value,
                                      f"{facts.sub_units_disciplined} of {facts.sub_units} "
                                      f"sub-units disciplined, above {most} %"))
    if rules["disqualify.corruption_in_sub_unit"] and facts.corruption_in_sub_unit:
        found.append(Disqualification(Disqualifier.CORRUPTION_IN_SUB_UNIT.value,
                                      "a sub-unit was disciplined for corruption or misconduct"))
    least = rules["disqualify.targets_met_below_percent"]
    if facts.targets_met_percent is not None and Decimal(str(facts.targets_met_percent)) < least:
        found.append(Disqualification(Disqualifier.TARGETS_NOT_MET.value,
                                      f"{facts.targets_met_percent} % of targets met, below "
                                      f"{least} %"))
    if rules["excellent.collective_none_disciplined"] and facts.members_disciplined:
        found.append(Disqualification(Disqualifier.MEMBERS_DISCIPLINED.value,
                                      f"{facts.members_disciplined} member(s) disciplined in "
                                      f"the year"))
    return found


def find_disqualifiers(facts: SubjectFacts, rules: RuleSet) -> tuple[Disqualification, ...]:
    """Every disqualifier the facts of the year hold for the subject, in a stable order."""
    return tuple(_collective(facts, rules) if facts.collective else _member(facts, rules))
