"""Working days: deadlines counted the way the regulations count them ("60 working days").

A calendar is a country's public holidays, the days it makes up on weekends (python-holidays keeps
both per year, with the substitutions each year's announcement made), plus the deployment's own
overrides: days off or working days announced after the library's release. The overrides are data
a rule book versions; `version` names both, so whatever records a deadline can say which calendar
counted it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from importlib.metadata import version as package_version

import holidays


@dataclass(frozen=True)
class WorkingDayCalendar:
    country: str
    overrides_version: str = ""  # e.g. the rule-book version the overrides below came from
    extra_days_off: frozenset[date] = field(default_factory=frozenset)
    extra_working_days: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def of(cls, country: str, *, overrides_version: str = "", days_off: Iterable[date] = (),
           working_days: Iterable[date] = ()) -> WorkingDayCalendar:
        return cls(country, overrides_version, frozenset(days_off), frozenset(working_days))

    @cached_property
    def _holidays(self) -> holidays.HolidayBase:
        # years are filled in on demand (expand=True): any date may be asked about
        return holidays.country_holidays(self.country, language="vi")

    @cached_property  # package metadata is read from disk: once, not per deadline
    def version(self) -> str:
        base = f"holidays-{package_version('holidays')}:{self.country}"
        return f"{base}+{self.overrides_version}" if self.overrides_version else base

    @cached_property
    def _working(self) -> dict[date, bool]:
        # days already asked about: the library's own test walks its year tables each time, and
        # deadlines (a read-model rebuild computes thousands) ask about the same days again
        return {}

    def is_working_day(self, day: date) -> bool:
        known = self._working.get(day)
        if known is not None:
            return known
        if day in self.extra_working_days:
            working = True
        elif day in self.extra_days_off:
            working = False
        else:
            working = self._holidays.is_working_day(day)
        self._working[day] = working
        return working

    def holiday_name(self, day: date) -> str | None:
        """The holiday's Vietnamese name, None on an ordinary day (weekends included)."""
        if day in self.extra_days_off:
            return "ngày nghỉ"
        return self._holidays.get(day)

    def add(self, start: date, working_days: int) -> date:
        """The day `working_days` working days after `start` (start itself not counted): the
        last day a deadline of that many working days from `start` allows."""
        if working_days < 0:
            raise ValueError("count working days forwards")
        day, left = start, working_days
        while left:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def count(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        n, day = 0, start
        while day < end:
            day += timedelta(days=1)
            n += self.is_working_day(day)
        return n
