"""Deadlines (thời hạn): a rule's count of working days from a fact, and the badge presentation
days. Pure: the calendar is kit.workdays', its overrides the rule book's (rules.WORKING_CALENDAR)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kit.rules import RuleBook
from kit.workdays import WorkingDayCalendar


def working_calendar(book: RuleBook) -> WorkingDayCalendar:
    """The calendar of the latest overrides: a day off announced later applies to every
    deadline it falls in, whenever that deadline started counting."""
    r = book.versions[-1]
    return WorkingDayCalendar.of(
        r["calendar.country"], overrides_version=r.version,
        days_off=(date.fromisoformat(d) if isinstance(d, str) else d
                  for d in r["calendar.days_off"]),
        working_days=(date.fromisoformat(d) if isinstance(d, str) else d
                      for d in r["calendar.working_days"]))


@dataclass(frozen=True)
class Deadline:
    """When something is due, and what set it: the rule (key + version) and the calendar."""

    since: date  # the fact the count starts from
    due_on: date
    rule: str
    rule_version: str
    calendar_version: str


class Deadlines:
    def __init__(self, rules: RuleBook, calendar: WorkingDayCalendar) -> None:
        self.rules = rules
        self.calendar = calendar

    def working_days(self, since: date, rule: str) -> Deadline:
        """`rule`'s number of working days from `since`, under the rules in force on `since`."""
        r = self.rules.in_force(since)
        return Deadline(since, self.calendar.add(since, r[rule]), rule, r.version,
                        self.calendar.version)

    def on(self, since: date, due_on: date, rule: str) -> Deadline:
        """A deadline the fact itself dates (a temporary transfer's end), under `rule`."""
        return Deadline(since, due_on, rule, self.rules.in_force(since).version, "")

    def days_left(self, as_of: date, due_on: date) -> int:
        """Working days from as_of to due_on; negative when overdue (working days since)."""
        if due_on >= as_of:
            return self.calendar.count(as_of, due_on)
        return -self.calendar.count(due_on, as_of)


def next_presentation_day(on: date, days: tuple[tuple[int, int], ...]) -> date:
    """The first badge presentation day (3/2, 19/5, 2/9, 7/11) on or after `on`."""
    for year in (on.year, on.year + 1):
        for month, day in sorted(days):
            candidate = date(year, month, day)
            if candidate >= on:
                return candidate
    raise AssertionError("a presentation day falls within a year")


def previous_presentation_day(on: date, days: tuple[tuple[int, int], ...]) -> date:
    """The last presentation day strictly before `on`."""
    for year in (on.year, on.year - 1):
        for month, day in sorted(days, reverse=True):
            candidate = date(year, month, day)
            if candidate < on:
                return candidate
    raise AssertionError("a presentation day falls within a year")


def membership_deadlines() -> Deadlines:
    """The deadlines of the membership rule book, counted on its working-day calendar."""
    from .rules import MEMBERSHIP_RULES, WORKING_CALENDAR

    return Deadlines(MEMBERSHIP_RULES, working_calendar(WORKING_CALENDAR))
