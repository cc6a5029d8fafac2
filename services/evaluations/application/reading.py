"""What every evaluations query shares: the as-of day, IN lists, row mapping."""

from __future__ import annotations

from datetime import date
from typing import Any

from kit.errors import InvalidInput

from .views import PeriodView


def as_of_day(on: date | None, today: date) -> date:
    if on is None:
        return today
    if not isinstance(on, date):
        raise InvalidInput("on", "must be a date")
    return on


def with_marks(statement: str, mark: str, count: int) -> str:
    """The statement with its `{marks}` slot filled: an IN list of `count` parameter marks."""
    return statement.replace("{marks}", ", ".join(mark for _ in range(count)))


def date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def period_view(r: Any) -> PeriodView:
    return PeriodView(r["period_id"], r["root_id"], r["kind"], r["year"],
                      date.fromisoformat(r["reference_date"]),
                      date.fromisoformat(r["civil_servants_by"]),
                      date.fromisoformat(r["closes_on"]), r["rule_version"],
                      date_or_none(r["closed_on"]))
