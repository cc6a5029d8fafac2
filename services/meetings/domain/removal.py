"""Grounds for xóa tên the branch finds in its own records (DOMAIN.md §3, ground 1): months of a
calendar year with an unexcused absence, or with dues unpaid. The branch proposes, the competent
committee decides; meetings only publishes what it found (RemovalFromRollsGroundsFound)."""

from __future__ import annotations

import enum
import re
from datetime import date

from kit.errors import InvalidInput

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class RemovalGround(enum.StrEnum):
    ABSENCES = "absences"  # bỏ sinh hoạt đảng 3 tháng trong năm không có lý do chính đáng
    DUES = "dues"  # không đóng đảng phí 3 tháng trong năm không có lý do chính đáng


def month_of(day: date) -> str:
    """The calendar month a day falls in, as 2026-03."""
    return f"{day:%Y-%m}"


def parse_month(value: object, field: str) -> str:
    """A calendar month written 2026-03."""
    if not isinstance(value, str) or not MONTH.match(value.strip()):
        raise InvalidInput(field, f"{value!r} is not a month written YYYY-MM")
    return value.strip()


def months_apart(a: str, b: str) -> int:
    """How many months b lies after a (negative when before)."""
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:]) - int(a[5:])
