"""Hold the planned year of meetings through the meetings service's commands, one day at a time.

The membership seeder runs each day's meetings between its own commands (seeder.run_steps),
after committing and catching up: a meeting opened on a date summons the rolls as they stood then.
A day's meetings share one store batch. Before each day the roster view catches up here; the
meetings' own read models catch up in a second process meanwhile (meetings_follower.py).

Each meeting is called (and moved or cancelled), its materials published, then opened, ended,
its attendance sheet recorded, a superior cadre recorded, a resolution adopted, the applicants
it considers voted on, the month's dues recorded at a monthly meeting, and its minutes closed.
Attendance is decided from the summoned list the service froze at the opening.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from kit.commanding import CommandResult
from kit.envelope import Actor, CommandContext
from kit.errors import CommandIdReused, DomainError
from kit.projections.runner import ProjectionRunner
from partyorg.embedded import EmbeddedService
from services.meetings import api as mc
from services.meetings.api import SummonedMember

from .meetings_attendance import roll_call, votes
from .meetings_dues import admission_votes, dues_paid
from .meetings_follower import Follower, roster_projections
from .meetings_plan import PlannedMeeting
from .plan import DEMO_NAMESPACE

SECRETARY = Actor(user_id="demo-seeder", role="system")


class MeetingsSeedError(RuntimeError):
    """A meetings command of the plan was refused: a bug in the seeder or in the domain."""


@dataclass
class MeetingsReport:
    meetings: int = 0
    held: int = 0
    commands: int = 0
    duplicates: int = 0
    events: int = 0
    seconds: float = 0.0
    by_command: Counter = field(default_factory=Counter)

    def to_dict(self) -> dict:
        return {"meetings": self.meetings, "held": self.held, "commands": self.commands,
                "duplicates": self.duplicates, "events": self.events,
                "seconds": round(self.seconds, 1), "by_command": dict(self.by_command)}


class MeetingsSeeder:
    """On the embedded meetings service. Its seams — batch, catch_up_roster, frozen, start,
    stop, catch_up_all — are what partyorg.seed_distributed replaces to hold the same meetings
    over RPC."""

    def __init__(self, meetings: EmbeddedService, planned: list[PlannedMeeting], seed: int,
                 progress: Callable[[str], None], started: float) -> None:
        self.service = meetings.service
        self.meetings = meetings
        self.seed = seed
        self.progress = progress
        self.started = started
        self.report = MeetingsReport()
        self._counting = threading.Lock()  # meetings of one day may be held side by side
        self._roster: ProjectionRunner | None = None
        self.follower: Follower | None = None
        self.by_day: dict[date, list[PlannedMeeting]] = {}
        for m in planned:
            self.by_day.setdefault(m.day, []).append(m)
        self._month: tuple[int, int, int, int] | None = None  # year, month, meetings, events

    def interludes(self) -> list[tuple[date, Callable[[], None]]]:
        """(day, run that day's meetings), in date order, for the membership seeder."""
        return [(day, partial(self.hold_day, day)) for day in sorted(self.by_day)]

    @property
    def live(self) -> bool:
        """Seeding a platform that serves meanwhile: its catch-up thread alone writes the read
        models (a second writer of the same projections could apply an event twice)."""
        return self.meetings.catch_up is not None

    def start(self) -> None:
        """Start the second process that applies meetings' own events to the read models."""
        events = getattr(self.meetings.store, "path", None)
        if events and events != ":memory:" and not self.live:
            self.follower = Follower(events, self.meetings.read_db.path)

    def stop(self) -> None:
        if self.follower is not None:
            self.follower.stop()

    def hold_day(self, day: date) -> None:
        clock = time.perf_counter()
        self.catch_up_roster()  # the rolls as membership's commands left them
        events = self.report.events
        with self.batch():
            self.hold(self.by_day[day])
        self.report.seconds += time.perf_counter() - clock
        self._count(day, len(self.by_day[day]), self.report.events - events)

    def hold(self, meetings: list[PlannedMeeting]) -> None:
        for m in meetings:
            self._meeting(m)

    def batch(self):
        """A day's meetings share one store batch."""
        return self.meetings.store.batch()

    def catch_up_roster(self) -> None:
        if self.live:
            self.meetings.runner.catch_up()  # under the runner's lock, beside its thread
            return
        if self._roster is None:
            runner = self.meetings.runner
            self._roster = ProjectionRunner(
                None, self.meetings.read_db, roster_projections(self.meetings.read_db.dialect),
                other_sources={source: store for source, store in runner.sources.items()
                               if source != runner.own_source})
        self._roster.catch_up()

    def catch_up_all(self) -> None:
        if self.follower is not None and not self.follower.finish():
            self.progress("the read-model process failed; catching up here")
        self.meetings.runner.catch_up()  # all read models, up to the end of both logs

    def finish(self) -> MeetingsReport:
        self._count(None, 0, 0)
        clock = time.perf_counter()
        self.catch_up_all()
        self.progress(f"{'meetings read models':>28}: caught up in "
                      f"{time.perf_counter() - clock:.1f} s  "
                      f"[{time.perf_counter() - self.started:5.1f} s]")
        self.report.seconds += time.perf_counter() - clock
        return self.report

    # -- one meeting ---------------------------------------------------------------------------

    def _meeting(self, m: PlannedMeeting) -> None:
        run = partial(self._run, m)
        meeting = run("schedule", mc.ScheduleMeeting(
            m.branch_id, m.kind, m.first_start or m.start, m.planned_minutes, m.agenda,
            m.topic)).ids["meeting_id"]
        with self._counting:
            self.report.meetings += 1
        if m.first_start:
            run("reschedule", mc.RescheduleMeeting(meeting, m.start, m.reschedule_reason))
        if m.cancel_reason:
            run("cancel", mc.CancelMeeting(meeting, m.cancel_reason))
            return
        if not m.lasted:
            return  # still to come
        if m.materials_at:
            run("materials", mc.PublishMaterials(
                meeting, f"Tài liệu sinh hoạt chi bộ {m.title}", m.materials_at))
        opened = run("open", mc.OpenMeeting(meeting, m.start))
        summoned = self.frozen(opened, meeting)  # the rolls of the day (as frozen then, if resumed)
        # the end before the roll call: each command replays the meeting's stream, shorter so
        run("close", mc.CloseMeeting(meeting, m.start + timedelta(minutes=m.lasted)))
        rng = random.Random(f"attendance:{self.seed}:{m.key}")
        sheet = roll_call(rng, summoned, self.seed)
        run("attendance", mc.RecordAttendanceSheet(meeting, tuple(sheet)))
        if m.cadre:
            run("cadre", mc.RecordSuperiorCadreAttendance(
                meeting, m.cadre.full_name, m.cadre.title, m.cadre.organisation_name))
        ballot = votes(rng, summoned, sheet, m.start)
        if ballot:
            title = ("Nghị quyết " + m.title) if m.kind == "thematic" else \
                f"Nghị quyết chi bộ {m.title}"
            run("resolution", mc.AdoptResolution(meeting, title, *ballot))
        admission = admission_votes(summoned, sheet, m.start) if m.admissions else None
        for i, applicant in enumerate(m.admissions if admission else ()):
            run(f"admission-{i}", mc.AdoptResolution(
                meeting, "Nghị quyết đề nghị kết nạp đảng viên", *admission, "admission",
                applicant))
        if m.kind in ("regular", "combined"):
            paid = dues_paid(random.Random(f"dues:{self.seed}:{m.key}"), summoned, self.seed,
                             f"{m.start:%Y-%m}")
            if paid:
                run("dues", mc.RecordDuesPayments(meeting, tuple(paid)))
        run("minutes", mc.CloseMinutes(meeting))
        with self._counting:
            self.report.held += 1

    def frozen(self, opened: CommandResult, meeting_id: str) -> list[SummonedMember]:
        """The summoned list the meeting froze when it opened, as its one event (read by the
        position the opening answered with, the first opening's when resumed) publishes it."""
        [event] = self.meetings.store.read_all(opened.positions[0] - 1, limit=1)
        return list(self.meetings.declaration.codec.decode(
            event.type, event.schema_version, event.data).summoned)

    def _run(self, m: PlannedMeeting, step: str, command: object):
        command_id = str(uuid.uuid5(DEMO_NAMESPACE, f"{self.seed}:meeting:{m.key}:{step}"))
        try:
            result = self.service.execute(command, CommandContext(command_id, "NB",
                                                                  actor=SECRETARY))
        except CommandIdReused as exc:
            raise MeetingsSeedError("this data folder holds different meetings (another seeder "
                                    "version or seed); remove the folder to seed afresh") from exc
        except DomainError as exc:
            raise MeetingsSeedError(f"{m.start:%d/%m/%Y} {type(command).__name__} refused: "
                                    f"{exc.to_dict()}\n{command!r}") from exc
        with self._counting:
            self.report.commands += 1
            self.report.duplicates += result.duplicate
            self.report.events += len(result.events)
            self.report.by_command[type(command).__name__] += 1
        return result

    # -- progress --------------------------------------------------------------------------------

    def _count(self, day: date | None, meetings: int, events: int) -> None:
        if self._month and (day is None or (day.year, day.month) != self._month[:2]):
            year, month, n, e = self._month
            self.progress(f"{'meetings ' + f'{month:02d}/{year}':>28}: {n:6d} meetings, "
                          f"{e:6d} events  [{time.perf_counter() - self.started:5.1f} s]")
            self._month = None
        if day is not None:
            year, month, n, e = self._month or (day.year, day.month, 0, 0)
            self._month = (year, month, n + meetings, e + events)


def quiet_meetings_log() -> tuple[logging.Logger, int]:
    """One log line per command ("command handled", from the kit's command runner) is noise
    while seeding; returns what to restore."""
    log = logging.getLogger("kit.commanding")
    level = log.level
    log.setLevel(logging.WARNING)
    return log, level
