"""The values personnel's commands and events carry."""

from __future__ import annotations

import enum
from datetime import date
from typing import TypeVar

from kit.errors import InvalidInput

E = TypeVar("E", bound=enum.Enum)


class PostBody(enum.StrEnum):
    """Where a leadership post sits."""

    PARTY_COMMITTEE = "party_committee"  # cấp ủy
    STANDING_COMMITTEE = "standing_committee"  # ban thường vụ
    GOVERNMENT = "government"  # chính quyền (HĐND, UBND)
    MASS_ORGANISATION = "mass_organisation"  # MTTQ và các đoàn thể


class PostLevel(enum.StrEnum):
    PROVINCE = "province"  # cấp tỉnh
    COMMUNE = "commune"  # cấp xã (after 1/7/2025 the district level is gone)


class Gender(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"


class PoliticalTheory(enum.StrEnum):
    """Lý luận chính trị, lowest first."""

    NONE = "none"
    ELEMENTARY = "elementary"  # sơ cấp
    INTERMEDIATE = "intermediate"  # trung cấp
    ADVANCED = "advanced"  # cao cấp
    BACHELOR = "bachelor"  # cử nhân


class Education(enum.StrEnum):
    """Highest professional qualification (trình độ chuyên môn)."""

    NONE = "none"
    VOCATIONAL = "vocational"  # trung cấp
    COLLEGE = "college"  # cao đẳng
    BACHELOR = "bachelor"  # đại học
    MASTER = "master"  # thạc sĩ
    DOCTORATE = "doctorate"  # tiến sĩ


class PlanRemovalGround(enum.StrEnum):
    """Why a cadre leaves a plan (QĐ 50 / QĐ 377: đưa ra khỏi quy hoạch)."""

    DISCIPLINE = "discipline"  # kỷ luật từ khiển trách trở lên
    OVER_AGE = "over_age"  # không còn đủ tuổi
    POLITICAL_STANDARD = "political_standard"  # không đạt tiêu chuẩn chính trị
    OTHER = "other"  # the body's own reason, stated


def parse_enum(cls: type[E], value: object, field: str) -> E:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)  # type: ignore[attr-defined]
        raise InvalidInput(field, f"{value!r} is not one of: {allowed}") from None


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
