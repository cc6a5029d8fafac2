"""Tuổi đảng and Huy hiệu Đảng: counted from the first admission decision, minus the gaps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .values import add_years


@dataclass(frozen=True)
class PartyAge:
    first_admitted_on: date
    # periods out of the party (removed, then re-admitted): [left_on, back_on)
    gaps: tuple[tuple[date, date], ...] = field(default_factory=tuple)

    def gap_days(self) -> int:
        return sum(max(0, (back - left).days) for left, back in self.gaps)

    def reaches_on(self, years: int) -> date:
        """The date party age reaches a number of years: the anniversary pushed back by the gaps."""
        return add_years(self.first_admitted_on, years) + timedelta(days=self.gap_days())

    def badges_due(self, badge_years: tuple[int, ...]) -> list[tuple[int, date]]:
        return [(y, self.reaches_on(y)) for y in badge_years]
