"""How far back and ahead each date and time a client gives may lie: one table, with the reason.

A command field says its span by its annotation (`BirthDate`, `PartyDate`, `MeetingTime`, ...);
kit.validation refuses a value outside it (InvalidInput naming the field) before any handler
runs. The gateway holds every date argument of a query to QUERY_DATE (gateway/dates.py). Spans
relative to today are counted from the service's clock (the demo's stands at its own today).

A time without an offset is read at +07:00, the province's offset since 1975 (Asia/Ho_Chi_Minh
has no summer time): never the zone's historic offsets (+07:06:30 local mean time before 1906).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Annotated

BUSINESS_OFFSET = timezone(timedelta(hours=7), "+07")
PARTY_FOUNDED = date(1930, 2, 3)  # Đảng Cộng sản Việt Nam: no party date precedes it


def business_time(moment: datetime) -> datetime:
    """An aware time: one without an offset is read at the province's modern offset."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=BUSINESS_OFFSET)


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class DateSpan:
    """The plausible span of a date (or of a time's local date): from `earliest` (or
    `years_back` before today) to `years_ahead` after today, both ends included."""

    reason: str
    earliest: date | None = None
    years_back: int | None = None
    years_ahead: int = 0

    def bounds(self, today: date) -> tuple[date, date]:
        first = self.earliest if self.earliest else _shift_years(today, -(self.years_back or 0))
        return first, _shift_years(today, self.years_ahead)

    def problem(self, value: date, today: date) -> str | None:
        """Why the value lies outside the span, or None."""
        day = value
        if isinstance(value, datetime):
            try:
                day = business_time(value).astimezone(BUSINESS_OFFSET).date()
            except OverflowError:  # beyond year 9999 or before year 1 at +07:00: outside anyway
                day = value.date()
        first, last = self.bounds(today)
        if first <= day <= last:
            return None
        return (f"{value.isoformat()} is outside {first.isoformat()} – {last.isoformat()} "
                f"({self.reason})")


BIRTH = DateSpan("a living person's birth: not before 1900 nor after today",
                 earliest=date(1900, 1, 1))
PARTY_DATE = DateSpan("a party record (decision, admission, effective date): not before the "
                      "party's founding, 3/2/1930, nor over a year ahead",
                      earliest=PARTY_FOUNDED, years_ahead=1)
PLANNED_END = DateSpan("the end of a temporary arrangement: not before 3/2/1930 nor over five "
                       "years ahead", earliest=PARTY_FOUNDED, years_ahead=5)
MEETING_TIME = DateSpan("a branch meeting's times: within five years before and two after today",
                        years_back=5, years_ahead=2)
QUERY_DATE = DateSpan("a query's dates: from the party's founding to ten years ahead",
                      earliest=PARTY_FOUNDED, years_ahead=10)

BirthDate = Annotated[date, BIRTH]
PartyDate = Annotated[date, PARTY_DATE]
PlannedEnd = Annotated[date, PLANNED_END]
MeetingTime = Annotated[datetime, MEETING_TIME]
