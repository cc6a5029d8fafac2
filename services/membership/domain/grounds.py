"""The grounds a decision gives, checked against the member's facts: "old age" against the
working age, xóa tên grounds against the time on the rolls and the card, a youth union sponsor
against the applicant's age. Each refusal is a RuleViolated naming the rule and its version."""

from __future__ import annotations

from datetime import date

from kit.rules import RuleSet

from .change_rules import working_age_months
from .profile import MemberProfile
from .values import ExemptionGround, Gender, RemovalGround, SponsorKind, months_between


def _age(months: int) -> str:
    return f"{months // 12} years {months % 12} months"


def check_exemption_ground(profile: MemberProfile | None, ground: ExemptionGround,
                           effective_on: date, r: RuleSet) -> None:
    """"Tuổi cao" means past working age on the effective date; "weak health" is declared by
    the chi bộ's resolution and not checked here."""
    if ground is not ExemptionGround.OLD_AGE or profile is None:
        return
    female = profile.gender is Gender.FEMALE
    limit = working_age_months(r["exemption.old_age_months"], effective_on, female)
    age = months_between(profile.date_of_birth, effective_on)
    r.require(age >= limit, "exemption.old_age_months",
              f"the member is {_age(age)} old on {effective_on:%d/%m/%Y}; exemption for old age "
              f"needs past working age ({_age(limit)} for {'women' if female else 'men'} then)")


def check_removal_ground(ground: RemovalGround, admitted_on: date | None, official: bool,
                         decided_on: date, r: RuleSet) -> None:
    """Xóa tên grounds that the member's file can contradict (a card is not always on file, but
only official members hold one)."""
    on_rolls = months_between(admitted_on, decided_on) if admitted_on else None
    if ground is RemovalGround.STANDARDS_BREACHED_TWO_YEARS and on_rolls is not None:
        need = r["removal.standards_breached_min_months"]
        r.require(on_rolls >= need, "removal.standards_breached_min_months",
                  f"breaching the standards two years in a row needs {need // 12} years of "
                  f"membership; admitted {admitted_on:%d/%m/%Y}, {_age(on_rolls)} before "
                  f"{decided_on:%d/%m/%Y}")
    if ground is RemovalGround.ABSENT_OR_UNPAID_THREE_MONTHS and on_rolls is not None:
        need = r["removal.absence_min_months"]
        r.require(on_rolls >= need, "removal.absence_min_months",
                  f"three months absent or unpaid needs {need} months on the rolls; admitted "
                  f"{admitted_on:%d/%m/%Y}")
    if ground is RemovalGround.CARD_SURRENDERED and r["removal.card_surrendered_official_only"]:
        r.require(official, "removal.card_surrendered_official_only",
                  "a probationary member holds no party card to hand back or destroy (cards "
                  "are for official members)")


def check_youth_union_sponsor(profile: MemberProfile, kinds: list[SponsorKind],
                              submitted_on: date, r: RuleSet) -> None:
    """A youth union (Đoàn) committee sponsors only applicants of Đoàn age."""
    if SponsorKind.YOUTH_UNION not in kinds:
        return
    low, high = r["admission.youth_union_age_years"]
    years = months_between(profile.date_of_birth, submitted_on) // 12
    r.require(low <= years <= high, "admission.youth_union_age_years",
              f"the applicant is {years} on {submitted_on:%d/%m/%Y}; the youth union sponsors "
              f"applicants aged {low} to {high}")
