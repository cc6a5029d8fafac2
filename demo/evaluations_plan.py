"""What each subject of the demo's evaluation campaigns submits and is rated: a level drawn for
the province's usual distribution (most members "hoàn thành tốt", a sixth proposed for
"xuất sắc", a few "hoàn thành", hardly any "không hoàn thành" but those the facts disqualify), and
a self-assessment that earns it — the 100-point score, the tasks, a collective's targets — so
the appraisal's ceiling allows what is proposed. The facts (a discipline of the year) are not
drawn here: the appraisal reads them from membership's events and caps the level itself.

Every draw comes from a random stream of its own per (seed, year, subject), so a subject's
evaluation does not change when another's does.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from services.evaluations import api as e

LEVELS = ("htxs", "htt", "ht", "kht")  # best first
# a member's level before the facts and the quota: cumulative shares [mem: the seeds' articles
# report > 90 % of organisations at HTT or better]
MEMBER_SHARES = ((0.16, "htxs"), (0.925, "htt"), (0.997, "ht"), (1.0, "kht"))
ORGANISATION_SHARES = ((0.22, "htxs"), (0.95, "htt"), (0.995, "ht"), (1.0, "kht"))
# total points (tenths) each level's self-assessment is drawn in
POINTS = {"htxs": (900, 985), "htt": (720, 895), "ht": (550, 695), "kht": (380, 495)}
TARGETS = {"htxs": (900, 1000), "htt": (800, 980), "ht": (600, 790), "kht": (380, 490)}
# which form a member fills: leaders and managers 2A, civil servants and employees 2B (done by
# 15/12), everyone else (retired, farmers, students) 2C
FORMS = ((0.05, "2A"), (0.45, "2B"), (1.0, "2C"))


@dataclass(frozen=True)
class Planned:
    """One subject's campaign: the level it aims at and the self-assessment that earns it."""

    subject_id: str
    collective: bool
    level: str
    form: str
    general_points: float
    result_points: float
    tasks: e.TasksInput
    targets_met_percent: float | None
    submitted_on: date
    commented_on: date


def rng_for(seed: int, year: int, subject_id: str) -> random.Random:
    return random.Random(f"evaluation:{seed}:{year}:{subject_id}")


def _share(r: random.Random, shares: tuple[tuple[float, str], ...]) -> str:
    u = r.random()
    return next(value for limit, value in shares if u < limit)


def lower(level: str) -> str | None:
    """The next level down, or None below KHT."""
    i = LEVELS.index(level)
    return LEVELS[i + 1] if i + 1 < len(LEVELS) else None


def _tasks(r: random.Random, level: str) -> e.TasksInput:
    n = r.randint(5, 12)
    if level == "htxs":
        exceeded = r.randint(math.ceil(0.3 * n), n)
        return e.TasksInput(n, n, exceeded, 0, 0)
    if level == "htt":
        return e.TasksInput(n, n, r.randint(0, n // 4), 0, 0)
    if level == "ht":
        late = r.randint(0, n // 5)
        return e.TasksInput(n, n - late, 0, late, 0)
    late = r.randint(1, max(1, n // 3))
    return e.TasksInput(n, n - late - 1, 0, late, 1)


def _points(r: random.Random, level: str) -> tuple[float, float]:
    """General (≤ 30) and results (≤ 70) points, one decimal place, making the level's total."""
    lo, hi = POINTS[level]
    total = r.randint(lo, hi)
    general = min(300, max(total - 700, round(total * 0.3) + r.randint(-20, 20)))
    return general / 10, (total - general) / 10


def plan_subject(seed: int, year: int, subject_id: str, collective: bool,
                 windows: dict[str, tuple[date, date]]) -> Planned:
    """The level and self-assessment of one subject of the year's campaign; `windows`: the
    days each form (2A, 2B, 2C, collective) is submitted between."""
    r = rng_for(seed, year, subject_id)
    level = _share(r, ORGANISATION_SHARES if collective else MEMBER_SHARES)
    # a member keeps their form from year to year (their job does not change with the draw)
    form = "collective" if collective else _share(random.Random(f"form:{seed}:{subject_id}"),
                                                  FORMS)
    general, result = _points(r, level)
    targets = r.randint(*TARGETS[level]) / 10 if collective else None
    first, last = windows[form]
    submitted = first + timedelta(days=r.randint(0, (last - first).days))
    return Planned(subject_id, collective, level, form, general, result, _tasks(r, level),
                   targets, submitted, submitted + timedelta(days=r.randint(1, 5)))


def comments(level: str, collective: bool) -> str:
    """What the branch (or the collective) said, in the words its minutes use."""
    who = "Tập thể" if collective else "Đồng chí"
    return {
        "htxs": f"{who} hoàn thành xuất sắc nhiệm vụ, nhiều chỉ tiêu vượt kế hoạch.",
        "htt": f"{who} hoàn thành tốt các nhiệm vụ được giao, đúng tiến độ.",
        "ht": f"{who} hoàn thành nhiệm vụ; còn một số việc chậm tiến độ.",
        "kht": f"{who} chưa hoàn thành nhiệm vụ; cần khắc phục trong năm tới.",
    }[level]
