"""What the facts say on a day, without a decision: the grounds to propose a cadre's removal
from a plan, and the day a term's expiry must be announced. Pure; the queries and the handlers
both ask here, so a work item and the decision it leads to judge alike."""

from __future__ import annotations

from datetime import date, timedelta

from kit.rules import RuleSet
from kit.workdays import WorkingDayCalendar

from .cadre import Discipline, cycle_span, retirement_on
from .events import PersonalData
from .values import PlanRemovalGround, add_years


def removal_grounds(person: PersonalData, disciplines: list[Discipline], added_on: date,
                    cycle: str, on: date, rules: RuleSet) -> set[PlanRemovalGround]:
    """QĐ 50 / QĐ 377: a planned cadre disciplined at khiển trách or above since entering the
    plan, or no longer able to serve a full term of the cycle, is to be removed."""
    found: set[PlanRemovalGround] = set()
    forms = rules["planning.removal_discipline_forms"]
    if any(d.form in forms and added_on <= d.decided_on <= on for d in disciplines):
        found.add(PlanRemovalGround.DISCIPLINE)
    start = max(cycle_span(cycle, rules)[0], on)
    if add_years(start, rules["planning.full_term_years"]) > retirement_on(person, rules):
        found.add(PlanRemovalGround.OVER_AGE)
    return found


def calendar(rules: RuleSet) -> WorkingDayCalendar:
    return WorkingDayCalendar.of(rules["calendar.country"], overrides_version=rules.version)


def notice_on(ends_on: date, rules: RuleSet) -> date:
    """The day the expiry notice falls due: the rule's working days before the term ends."""
    days, cal = rules["appointment.expiry_notice_working_days"], calendar(rules)
    day, left = ends_on, days
    while left:
        day -= timedelta(days=1)
        if cal.is_working_day(day):
            left -= 1
    return day
