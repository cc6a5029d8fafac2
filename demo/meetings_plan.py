"""A year of branch meetings for the demo province, planned before anything runs.

Every branch that exists today meets monthly for the twelve months up to the demo's today
(12/2025 – 11/2026) and has its December meeting called. Village branches mostly meet in the
evening on a fixed day, many of them on the 3rd, the day provincial cadres are assigned to attend
in even months (Thái Bình's rule, the meetings service's configured schedule); offices, schools
and units meet on a weekday afternoon. A chuyên đề is held each quarter, on its own or combined
with a monthly meeting, except for a few branches that skip one. Materials mostly go out a day or
more ahead, some late, a very few never; a few meetings are moved, cancelled or cut short.

A branch that considers an application votes on it (an admission resolution naming the
applicant) at its monthly meeting nearest the day the plan has it considered, between the
application and the decision.

Who attends is decided when the meeting opens (meetings_seeder.py), from the summoned list the
meetings service freezes; only what does not depend on it is planned here.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kit.clock import BUSINESS_TZ

from .meetings_texts import CADRES, CANCEL_REASONS, RESCHEDULE_REASONS, Cadre, agenda_for, theme_of
from .orgs import Province
from .plan import Org

MONTHS = 12  # up to and including the month of the demo's today
SKIPPED_MONTH = 0.012  # a branch-month with no meeting at all
CANCELLED = 0.006  # called, then cancelled (storms) and not held that month
RESCHEDULED = 0.03
THEMATIC_SKIPPED = 0.07  # a quarter without any chuyên đề
THEMATIC_COMBINED = 0.8  # of the quarters held: combined with a monthly meeting
MATERIALS_MISSING = 0.012
MATERIALS_LATE = 0.07
SHORT = 0.035  # ended before the rule's minimum
VILLAGES_ON_THE_3RD = 0.5
CADRE_BRANCHES = 0.45  # of the branches meeting on the 3rd: a provincial cadre is assigned
CADRE_CAME = 0.85


@dataclass(frozen=True)
class PlannedMeeting:
    key: str  # stable within the plan: command ids derive from it
    branch_id: str
    kind: str  # regular | thematic | combined
    start: datetime  # where it finally took place
    planned_minutes: int
    agenda: tuple[str, ...]
    topic: str | None
    title: str  # "tháng 3/2026" or "chuyên đề quý I/2026"
    first_start: datetime | None = None  # called for this start, then moved
    reschedule_reason: str = ""
    cancel_reason: str = ""
    materials_at: datetime | None = None
    cadre: Cadre | None = None
    lasted: int = 0  # minutes; 0 for a meeting still to come
    admissions: tuple[str, ...] = ()  # applicants the branch votes to propose for admission

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def held(self) -> bool:
        return not self.cancel_reason and self.lasted > 0


def _months(today: date, count: int = MONTHS) -> list[tuple[int, int]]:
    """The `count` months ending with today's, oldest first."""
    n = today.year * 12 + today.month - 1
    return [(k // 12, k % 12 + 1) for k in range(n - count + 1, n + 1)]


def first_day(today: date) -> date:
    """Where the year of meetings starts: the first day of its first month."""
    return date(*_months(today)[0], 1)


def _quarter(year: int, month: int) -> str:
    return f"{year}-Q{(month - 1) // 3 + 1}"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BUSINESS_TZ)


def _weekday(day: date) -> date:
    """Offices, schools and units meet on working days."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class Habit:
    """How a branch usually meets."""

    day: int
    village: bool
    cadre: Cadre | None  # the provincial cadre assigned to its meetings on the 3rd

    def start(self, year: int, month: int, day: int | None = None) -> datetime:
        on = date(year, month, day or self.day)
        if self.village:
            return _at(on, 19, 0 if month in (11, 12, 1, 2) else 30)
        return _at(_weekday(on), 14)


def _habit(rng: random.Random, org: Org) -> Habit:
    village = org.kind == "village"
    if village and rng.random() < VILLAGES_ON_THE_3RD:
        cadre = rng.choice(CADRES) if rng.random() < CADRE_BRANCHES else None
        return Habit(3, True, cadre)
    return Habit(rng.randint(4, 10) if village else rng.randint(5, 12), village, None)


class MeetingsPlanner:
    def __init__(self, seed: int, today: date) -> None:
        self.seed = seed
        self.today = today

    def plan(self, province: Province) -> list[PlannedMeeting]:
        """Every meeting of the year, in the order they took place."""
        meetings = []
        for org in province.branches:
            if org.merged_into is None and org.fate != "ends":  # branches that exist today
                meetings += self.branch_year(org)
        meetings = self._admissions(meetings, province)
        unfinished = [m.key for m in meetings if m.lasted and not self._over(m)]
        if unfinished:
            raise ValueError(f"planned meetings not over before {self.today}: {unfinished[:3]}")
        return sorted(meetings, key=lambda m: (m.start, m.key))

    def _admissions(self, meetings: list[PlannedMeeting],
                    province: Province) -> list[PlannedMeeting]:
        """Each application considered in the year goes to the vote at the branch's monthly
        meeting nearest the day it was considered, after it was made and before the decision."""
        monthly: dict[str, list[PlannedMeeting]] = {}
        for m in meetings:
            if m.held and m.kind in ("regular", "combined"):
                monthly.setdefault(m.branch_id, []).append(m)
        votes: dict[str, list[str]] = {}
        for branch_id, applicant, applied, considered, decided in province.admissions:
            fit = [m for m in monthly.get(branch_id, [])
                   if applied < m.day and (decided is None or m.day < decided)]
            if fit:
                nearest = min(fit, key=lambda m: (abs((m.day - considered).days), m.key))
                votes.setdefault(nearest.key, []).append(applicant)
        return [dataclasses.replace(m, admissions=tuple(votes[m.key])) if m.key in votes else m
                for m in meetings]

    def _over(self, m: PlannedMeeting) -> bool:
        return m.start + timedelta(minutes=m.lasted) < _at(self.today, 0)

    def branch_year(self, org: Org) -> list[PlannedMeeting]:
        rng = random.Random(f"meetings:{self.seed}:{org.id}")
        habit = _habit(rng, org)
        months = _months(self.today)
        combined_in, separate_in = self._thematic_months(rng, months)
        out = []
        for year, month in months:
            if rng.random() < SKIPPED_MONTH:
                continue
            combined = (year, month) in combined_in
            out.append(self._monthly(rng, org, habit, year, month, combined))
            if (year, month) in separate_in:
                out.append(self._thematic(rng, org, habit, year, month))
        year, month = (self.today.year + (self.today.month == 12), self.today.month % 12 + 1)
        out.append(self._upcoming(org, habit, year, month))
        return out

    def _thematic_months(self, rng: random.Random, months: list[tuple[int, int]]
                         ) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
        """Which month of each quarter holds the chuyên đề, combined or on its own."""
        quarters: dict[str, list[tuple[int, int]]] = {}
        for ym in months:
            quarters.setdefault(_quarter(*ym), []).append(ym)
        combined, separate = set(), set()
        this_month = (self.today.year, self.today.month)
        for in_quarter in quarters.values():
            if rng.random() < THEMATIC_SKIPPED:
                continue
            month = rng.choice(in_quarter)
            if month == this_month and self.today.day < 16:
                month = in_quarter[0]  # too early in the month for a mid-month chuyên đề
            (combined if rng.random() < THEMATIC_COMBINED else separate).add(month)
        return combined, separate

    def _key(self, org: Org, label: str) -> str:
        return f"{org.id}:{label}"

    def _monthly(self, rng: random.Random, org: Org, habit: Habit, year: int, month: int,
                 combined: bool) -> PlannedMeeting:
        start = habit.start(year, month)
        kind = "combined" if combined else "regular"
        theme = theme_of(_quarter(year, month))
        planned = rng.choice((150, 180)) if combined else rng.choice((90, 90, 120))
        first_start, reason, cancel = None, "", ""
        if rng.random() < RESCHEDULED:
            first_start, start = start, start + timedelta(days=rng.randint(1, 3))
            reason = rng.choice(RESCHEDULE_REASONS)
        elif rng.random() < CANCELLED:
            cancel = rng.choice(CANCEL_REASONS)
        cadre = None
        if habit.cadre and month % 2 == 0 and start.day == 3 and rng.random() < CADRE_CAME:
            cadre = habit.cadre
        return self._finish(rng, PlannedMeeting(
            self._key(org, f"{year}-{month:02d}"), org.id, kind, start, planned,
            agenda_for(org.kind, year, month, theme if combined else None),
            theme if combined else None, f"tháng {month}/{year}", first_start, reason, cancel,
            cadre=cadre))

    def _thematic(self, rng: random.Random, org: Org, habit: Habit, year: int,
                  month: int) -> PlannedMeeting:
        # mid-month, so that moving off a weekend keeps it in its quarter (and in the past)
        this_month = (year, month) == (self.today.year, self.today.month)
        start = habit.start(year, month, rng.randint(12, self.today.day - 3 if this_month else 24))
        theme = theme_of(_quarter(year, month))
        quarter = "I II III IV".split()[(month - 1) // 3]
        return self._finish(rng, PlannedMeeting(
            self._key(org, f"{_quarter(year, month)}-thematic"), org.id, "thematic", start,
            120, agenda_for(org.kind, year, month, theme, thematic=True), theme,
            f"chuyên đề quý {quarter}/{year}"))

    def _upcoming(self, org: Org, habit: Habit, year: int, month: int) -> PlannedMeeting:
        return PlannedMeeting(self._key(org, f"{year}-{month:02d}"), org.id, "regular",
                              habit.start(year, month), 90,
                              agenda_for(org.kind, year, month, None), None,
                              f"tháng {month}/{year}")

    def _finish(self, rng: random.Random, m: PlannedMeeting) -> PlannedMeeting:
        """Materials and the actual duration of a meeting that took place."""
        if m.cancel_reason:
            return m
        r = rng.random()
        if r < MATERIALS_MISSING:
            materials = None
        elif r < MATERIALS_MISSING + MATERIALS_LATE:  # the same day, or the evening before
            materials = m.start - timedelta(hours=rng.choice((3, 5, 9, 22)))
        else:
            day = m.start.date() - timedelta(days=rng.choice((1, 1, 2, 3)))
            materials = _at(day, rng.randint(7, 16), rng.choice((0, 15, 30, 45)))
        minimum = 120 if m.kind == "combined" else 90
        if rng.random() < SHORT:
            lasted = minimum - rng.randint(10, 35)
        else:
            lasted = max(minimum, m.planned_minutes + rng.randint(-10, 25))
        return PlannedMeeting(**{**m.__dict__, "materials_at": materials, "lasted": lasted})
