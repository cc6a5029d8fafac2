"""The four levels of quality (mức chất lượng), best first, and `classify`: the highest level the
rule book allows for a score, the task counts and the disqualifiers found in the facts.

Points are compared as Decimal to one decimal place, so 89.9 is below 90 whatever float carried
it. The thresholds are the rule book's (domain/rules.py), read from the version passed in.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kit.errors import InvalidInput
from kit.rules import RuleSet

from .disqualifiers import cap_of
from .values import Disqualification, Score, Tasks

__all__ = ["Assessment", "Level", "Score", "Tasks", "check_score", "check_tasks", "classify",
           "points"]


class Level(enum.StrEnum):
    EXCELLENT = "htxs"  # hoàn thành xuất sắc nhiệm vụ
    GOOD = "htt"  # hoàn thành tốt nhiệm vụ
    COMPLETED = "ht"  # hoàn thành nhiệm vụ
    FAILED = "kht"  # không hoàn thành nhiệm vụ

    @property
    def rank(self) -> int:
        """3 for HTXS down to 0 for KHT: a higher rank is a better level."""
        return 3 - list(Level).index(self)

    @property
    def label(self) -> str:
        return _LABELS[self]

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank >= other.rank


_LABELS = {Level.EXCELLENT: "HTXS", Level.GOOD: "HTT", Level.COMPLETED: "HT", Level.FAILED: "KHT"}


def points(value: object, field: str = "points", *, places: int = 1) -> Decimal:
    """A number of points as an exact Decimal; more than `places` decimal places is refused."""
    try:
        exact = Decimal(str(value))
    except InvalidOperation:
        raise InvalidInput(field, f"{value!r} is not a number") from None
    if not exact.is_finite():
        raise InvalidInput(field, f"{value!r} is not a number")
    exponent = exact.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        raise InvalidInput(field, f"{value} has more than {places} decimal place(s)")
    return exact.quantize(Decimal(1).scaleb(-places))


def check_score(score: Score, rules: RuleSet) -> Decimal:
    """The total of a valid score: each part within 0 and its maximum, one decimal place."""
    places = rules["score.decimal_places"]
    general = points(score.general_points, "general_points", places=places)
    result = points(score.result_points, "result_points", places=places)
    for name, value, most in (("general_points", general, rules["score.general_max"]),
                              ("result_points", result, rules["score.result_max"])):
        if not Decimal(0) <= value <= most:
            raise InvalidInput(name, f"{value} is outside 0–{most}")
    return general + result


def check_tasks(tasks: Tasks) -> None:
    """Each task ends on time, late or not done; the exceeded ones are among the on-time ones."""
    counts = {"total": tasks.total, "on_time": tasks.on_time, "exceeded": tasks.exceeded,
              "late": tasks.late, "not_done": tasks.not_done}
    for name, value in counts.items():
        if value < 0:
            raise InvalidInput(f"tasks.{name}", "cannot be negative")
    if tasks.on_time + tasks.late + tasks.not_done != tasks.total:
        raise InvalidInput("tasks", "on time + late + not done must equal the total")
    if tasks.exceeded > tasks.on_time:
        raise InvalidInput("tasks.exceeded", "only tasks done on time can exceed their target")


@dataclass(frozen=True)
class Assessment:
    """The highest level allowed, and why each level above it is not."""

    level: Level
    total_points: Decimal
    blocked: tuple[tuple[Level, tuple[str, ...]], ...]  # best first, only levels above `level`
    disqualifiers: tuple[Disqualification, ...]
    rule_version: str

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(f"{lvl.label}: {why}" for lvl, whys in self.blocked for why in whys)

    def allows(self, level: Level) -> bool:
        return level <= self.level


def _share_at_least(part: int, whole: int, percent: Decimal) -> bool:
    return Decimal(part) * 100 >= percent * whole  # exact; vacuous when there are no tasks


def _unmet(level: Level, total: Decimal, tasks: Tasks,
           disqualifiers: Sequence[Disqualification], rules: RuleSet) -> tuple[str, ...]:
    why: list[str] = []
    key = {Level.EXCELLENT: "excellent", Level.GOOD: "good", Level.COMPLETED: "completed"}[level]
    least = rules[f"level.{key}.min_points"]
    if rules["score.applies"] and total < least:
        why.append(f"{total} points, below {least}")
    if rules.values.get(f"level.{key}.all_on_time") and tasks.on_time < tasks.total:
        why.append(f"{tasks.total - tasks.on_time} of {tasks.total} tasks not done on time")
    if level is Level.EXCELLENT:
        most = rules["level.excellent.min_exceeded_percent"]
        if not _share_at_least(tasks.exceeded, tasks.total, most):
            why.append(f"{tasks.exceeded} of {tasks.total} tasks exceeded, below {most} %")
    if level is Level.COMPLETED:
        if rules["level.completed.all_done"] and tasks.not_done:
            why.append(f"{tasks.not_done} of {tasks.total} tasks not done")
        most = rules["level.completed.max_late_percent"]
        if Decimal(tasks.late) * 100 > most * tasks.total:
            why.append(f"{tasks.late} of {tasks.total} tasks late, above {most} %")
    why += [d.detail for d in disqualifiers if Level(cap_of(d.code)) < level]
    return tuple(why)


def classify(score: Score, tasks: Tasks, disqualifiers: Sequence[Disqualification] = (), *,
             collective: bool, rules: RuleSet) -> Assessment:
    """The highest level the rule book allows (mức cao nhất được xếp): HTXS, HTT or HT when all
    of its conditions hold, else KHT. `collective` says whether a party organisation is
    classified; its own conditions arrive as disqualifiers (domain/disqualifiers.py)."""
    del collective  # the conditions that differ for a collective are disqualifiers from facts
    total = check_score(score, rules)
    check_tasks(tasks)
    found = tuple(disqualifiers)
    blocked: list[tuple[Level, tuple[str, ...]]] = []
    level = Level.FAILED
    for candidate in (Level.EXCELLENT, Level.GOOD, Level.COMPLETED):
        why = _unmet(candidate, total, tasks, found, rules)
        if not why:
            level = candidate
            break
        blocked.append((candidate, why))
    return Assessment(level, total, tuple(blocked), found, rules.version)
