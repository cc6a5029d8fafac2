"""Seed the demo province through the membership service's commands, in date order, and a year
of branch meetings through the meetings service's, each day's between the membership commands of
the same dates (interludes).

Seeding uses group commit: commands run inside `store.batch()` (one durable transaction per batch,
each command still all-or-nothing), and the read models catch up once per batch. A command that
reads a read model (dissolving checks who is left, opening a meeting summons the rolls) first
waits for a catch-up.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from kit.envelope import Actor, CommandContext
from kit.errors import CommandIdReused, DomainError
from partyorg.embedded import EmbeddedService

from . import yenmo as y
from .applicants import Applicants
from .branch_members import Lives
from .changes import Changes
from .evaluations_seeder import EvaluationsReport, EvaluationsSeeder, EvaluationsSeedError
from .meetings_plan import MeetingsPlanner
from .meetings_seeder import MeetingsReport, MeetingsSeeder, MeetingsSeedError, quiet_meetings_log
from .org_discipline import plan_organisation_discipline
from .orgs import Province, plan_organisations, plan_reorganisation
from .personnel_seeder import PersonnelReport, PersonnelSeeder, PersonnelSeedError
from .plan import DEMO_TODAY, Numbers, Plan, Step

SEEDER = Actor(user_id="demo-seeder", role="system")
ERAS = (
    (date(1975, 1, 1), "history to 1974"),
    (date(1990, 1, 1), "1975–1989"),
    (date(2005, 1, 1), "1990–2004"),
    (date(2015, 1, 1), "2005–2014"),
    (y.REORGANISED_ON, "2015 – 30/6/2025"),
    (date(2025, 7, 2), "reorganisation of 1/7/2025"),
    (date.max, "1/7/2025 – today"),
)


class SeedError(RuntimeError):
    """A command of the plan was refused: a bug in the seeder or in the domain."""


Interlude = tuple[date, Callable[[], None]]  # run before the first step dated on or after it


@dataclass
class SeedReport:
    seed: int
    scale: float
    today: date
    commands: int = 0
    duplicates: int = 0
    events: int = 0
    seconds: float = 0.0
    by_command: Counter = field(default_factory=Counter)
    root_id: str = ""
    district_id: str = ""
    meetings: MeetingsReport | None = None
    evaluations: EvaluationsReport | None = None
    personnel: PersonnelReport | None = None


def era_of(day: date) -> str:
    return next(name for end, name in ERAS if day < end)


def build_plan(seed: int = 2025, scale: float = 1.0, today: date = DEMO_TODAY,
               root_id: str | None = None) -> tuple[list[Step], Province]:
    """`root_id`: an existing root organisation to plan the province under (orgs.py)."""
    if not 0 < scale <= 2:
        raise ValueError("scale must be in (0, 2]")
    plan = Plan(seed, today)
    province = plan_organisations(plan, scale, root_id)
    lives = Lives(plan, province, scale)
    for org in province.branches:
        lives.populate(org)
    Applicants(lives).plan_all(province.branches)
    plan_reorganisation(plan, province)
    Changes(lives).plan_all()  # last: the commands and choices planned before keep their ids
    plan_organisation_discipline(plan, province)  # after all: the same reason
    return plan.ordered(), province


def seed_demo(
    membership: EmbeddedService,
    *,
    seed: int = 2025,
    scale: float = 1.0,
    batch_size: int = 2000,
    progress: Callable[[str], None] = lambda line: None,
    meetings: EmbeddedService | None = None,
    evaluations: EmbeddedService | None = None,
    personnel: EmbeddedService | None = None,
) -> SeedReport:
    """Run the demo's plan against `membership`, whose clock must stand at the demo's today;
    with `meetings` (sharing membership's log and clock), a year of meetings as well; with
    `evaluations`, the 2025 evaluation campaign decided and the 2026 one in progress; with
    `personnel`, the cadres of the 2025–2030 term, their plans and a commune congress."""
    started = time.perf_counter()
    today = membership.clock.today()
    steps, province = build_plan(seed, scale, today)
    progress(f"planned {len(steps)} commands ({len(province.branches)} branches, seed {seed}, "
             f"scale {scale}, today {today:%d/%m/%Y}) in {time.perf_counter() - started:.1f} s")
    report = SeedReport(seed, scale, today, root_id=province.root.id,
                        district_id=province.district.id)
    seeder = None
    if meetings is not None:
        planned = MeetingsPlanner(seed, today).plan(province)
        seeder = MeetingsSeeder(meetings, planned, seed, progress, started)
        progress(f"planned {len(planned)} meetings")
    numbers = Numbers(seed)
    service_log = logging.getLogger("services.membership.application.service")
    quiet, service_log.level = service_log.level, logging.WARNING  # one line per command is noise
    meetings_log, meetings_quiet = quiet_meetings_log()
    try:
        if seeder:
            seeder.start()
        run_steps(membership, steps, numbers, report, batch_size, progress, started,
             seeder.interludes() if seeder else [])
        if seeder:
            report.meetings = seeder.finish()
        if evaluations is not None:
            report.evaluations = EvaluationsSeeder(evaluations, membership, province.root.id,
                                                   seed, progress, started, meetings).run()
        if personnel is not None:
            report.personnel = PersonnelSeeder(personnel, membership, province, seed, progress,
                                               started).run()
    except (MeetingsSeedError, EvaluationsSeedError, PersonnelSeedError) as exc:
        raise SeedError(str(exc)) from exc
    finally:
        if seeder:
            seeder.stop()
        service_log.setLevel(quiet)
        meetings_log.setLevel(meetings_quiet)
    report.seconds = time.perf_counter() - started
    return report


def run_steps(membership: EmbeddedService, steps: list[Step], numbers: Numbers,
              report: SeedReport, batch_size: int, progress: Callable[[str], None],
              started: float, interludes: list[Interlude]) -> None:
    """The plan's commands in date order, in batches; `interludes` run on their days. Uses of
    `membership`: service.execute, province, store.batch(), runner.catch_up()."""
    pending = list(interludes)
    i, era, era_commands, era_events = 0, era_of(steps[0].on), 0, 0
    while i < len(steps):
        while pending and steps[i].on >= pending[0][0]:
            pending.pop(0)[1]()  # committed and caught up: the interlude reads today's rolls
        with membership.store.batch():
            n = 0
            while i < len(steps) and n < batch_size:
                step = steps[i]
                if n and (step.barrier or era_of(step.on) != era
                          or (pending and step.on >= pending[0][0])):
                    break  # commit and catch up first
                events = _execute(membership, step, numbers, report)
                era_commands, era_events = era_commands + 1, era_events + events
                i, n = i + 1, n + 1
        membership.runner.catch_up()
        if i == len(steps) or era_of(steps[i].on) != era:
            progress(f"{era:>28}: {era_commands:6d} commands, {era_events:6d} events  "
                     f"[{time.perf_counter() - started:5.1f} s]")
            if i < len(steps):
                era, era_commands, era_events = era_of(steps[i].on), 0, 0
    for _, interlude in pending:  # days after the last membership command
        interlude()


def _execute(membership: EmbeddedService, step: Step, numbers: Numbers,
             report: SeedReport) -> int:
    command = step.build(numbers)
    context = CommandContext(step.command_id, membership.province, actor=SEEDER)
    try:
        result = membership.service.execute(command, context)
    except CommandIdReused as exc:
        raise SeedError("this data folder holds a different demo (another seeder version or "
                        "seed); remove the folder to seed afresh") from exc
    except DomainError as exc:
        raise SeedError(f"{step.on:%d/%m/%Y} {type(command).__name__} refused: "
                        f"{exc.to_dict()}\n{command!r}") from exc
    report.commands += 1
    report.duplicates += result.duplicate
    report.events += len(result.events)
    report.by_command[type(command).__name__] += 1
    return len(result.events)
