"""Clocks. Business dates are in Asia/Ho_Chi_Minh; tests inject a fixed clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

BUSINESS_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Clock(Protocol):
    def now(self) -> datetime: ...

    def today(self) -> date: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now(BUSINESS_TZ).date()


@dataclass
class FixedClock:
    """A clock that stands still until told to move."""

    at: datetime = field(default_factory=lambda: datetime(2026, 1, 15, 3, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.astimezone(BUSINESS_TZ).date()

    def set_today(self, day: date) -> None:
        self.at = datetime(day.year, day.month, day.day, 9, 0, tzinfo=BUSINESS_TZ).astimezone(UTC)
