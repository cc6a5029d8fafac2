"""Value types of the meetings domain."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TypeVar

from kit.clock import BUSINESS_TZ
from kit.dates import business_time
from kit.errors import InvalidInput
from kit.ids import parse_id  # noqa: F401  (re-exported: the one reading of an id)


class MeetingKind(enum.StrEnum):
    REGULAR = "regular"  # sinh hoạt thường kỳ (hằng tháng)
    THEMATIC = "thematic"  # sinh hoạt chuyên đề
    COMBINED = "combined"  # thường kỳ kết hợp chuyên đề

    @property
    def counts_as_thematic(self) -> bool:
        return self in (MeetingKind.THEMATIC, MeetingKind.COMBINED)


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"  # có mặt
    ABSENT_EXCUSED = "absent_excused"  # vắng có lý do (được chấp thuận)
    ABSENT_UNEXCUSED = "absent_unexcused"  # vắng không lý do


class MeetingStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    OPENED = "opened"  # actual start recorded; the summoned list is frozen
    ENDED = "ended"  # actual end recorded
    MINUTES_CLOSED = "minutes_closed"  # biên bản đã khép lại: nothing changes any more


class Exclusion(enum.StrEnum):
    """Why a summoned member is left out of a resolution's denominator (QĐ 24 §9.3)."""

    TEMPORARILY_TRANSFERRED_OUT = "temporarily_transferred_out"
    ABSENT_EXEMPT = "absent_exempt"
    SUSPENDED = "suspended"  # đình chỉ sinh hoạt / bị tạm giam
    ABSENT_EXCUSED = "absent_excused"
    TEMPORARY_MEMBER = "temporary_member"  # sinh hoạt tạm thời here: not counted in this branch
    PROBATIONARY = "probationary"  # dự bị: no vote


E = TypeVar("E", bound=enum.Enum)
BRANCH_TYPES = frozenset({"grassroots_branch", "sub_branch"})  # chi bộ cơ sở, chi bộ trực thuộc


def parse_enum(cls: type[E], value: object, field: str) -> E:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)  # type: ignore[attr-defined]
        raise InvalidInput(field, f"{value!r} is not one of: {allowed}") from None


def local_time(value: object, field: str) -> datetime:
    """A moment in business time (Asia/Ho_Chi_Minh). A time without an offset is read at the
    province's modern offset, +07:00 (kit.dates), never the zone's local mean time of 1906."""
    if not isinstance(value, datetime):
        raise InvalidInput(field, f"{value!r} is not a date and time")
    return business_time(value).astimezone(BUSINESS_TZ).replace(microsecond=0)


def local_date(moment: datetime) -> date:
    return moment.astimezone(BUSINESS_TZ).date()


def minutes_between(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)
