"""Value types of the evaluations domain: who is evaluated, in which kind of period, on which
form, with which score and task counts."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TypeVar

from kit.errors import InvalidInput
from kit.ids import parse_id  # noqa: F401  (re-exported: the one reading of an id)

E = TypeVar("E", bound=enum.Enum)


def parse_enum(cls: type[E], value: object, field: str) -> E:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)
        raise InvalidInput(field, f"{value!r} is not one of: {allowed}") from None


class SubjectKind(enum.StrEnum):
    """What is evaluated: a party member, or a party organisation (a grassroots organisation or
    a branch is classified too)."""

    MEMBER = "member"
    ORGANISATION = "organisation"


class PeriodKind(enum.StrEnum):
    """How often a committee evaluates (QĐ 366 §3): the year-end campaign is the usual one."""

    ANNUAL = "annual"  # hằng năm
    TERM = "term"  # theo nhiệm kỳ
    QUARTERLY = "quarterly"  # hằng quý
    AD_HOC = "ad_hoc"  # khi cần thiết


class AssessmentForm(enum.StrEnum):
    """The self-assessment form (HD 43 annexes) [mem: which member fills which form is the
    committee's reading of HD 43]."""

    LEADER = "2A"  # Mẫu 2A: đảng viên giữ chức vụ lãnh đạo, quản lý
    CIVIL_SERVANT = "2B"  # Mẫu 2B: đảng viên là cán bộ, công chức, viên chức, người lao động
    OTHER = "2C"  # Mẫu 2C: other party members (retired, farmers, students, ...)
    COLLECTIVE = "collective"  # a party organisation's own report (tập thể)

    @property
    def collective(self) -> bool:
        return self is AssessmentForm.COLLECTIVE


class Exclusion(enum.StrEnum):
    """Why a member on the roll as of the reference date is not evaluated in the period."""

    EXEMPT = "exempt"  # miễn công tác và sinh hoạt đảng
    TEMPORARILY_AWAY = "temporarily_away"  # sinh hoạt tạm thời elsewhere: evaluated there
    NEWLY_ADMITTED = "newly_admitted"  # admitted within the rule book's first months


@dataclass(frozen=True)
class Score:
    """The 100-point scale: up to 30 for the general criteria (tiêu chí chung) and up to 70 for
    the results of assigned tasks (kết quả thực hiện nhiệm vụ); one decimal place each."""

    general_points: float
    result_points: float

    @property
    def total(self) -> float:
        return round(self.general_points + self.result_points, 1)


@dataclass(frozen=True)
class Tasks:
    """The tasks of the year and how they ended: each task is on time or late or not done;
    `exceeded` counts the on-time ones that went beyond their target (vượt)."""

    total: int
    on_time: int
    exceeded: int
    late: int
    not_done: int


@dataclass(frozen=True)
class Disqualification:
    """A condition found in the facts that caps the level at KHT (or, for `excellent`-only ones,
    below HTXS): its code (domain/disqualifiers.py) and a sentence saying what was found."""

    code: str
    detail: str
