"""The province's year-end evaluation campaigns, through the evaluations service's commands,
after membership's history and the year of meetings are seeded (the campaigns read the rolls
and the disciplines from evaluations' own view of membership's events).

2025, decided and closed: the Tỉnh ủy opens the campaign for the province as of 1/12/2025;
civil servants (Mẫu 2B) and leaders (2A) assess themselves by 15/12, the others (2C) and the
collectives after; each branch comments at its first meeting after (the meetings service's, by
id); the appraisal (thẩm định) in mid-January proposes
the level, and where the facts allow less (a member disciplined in 2025, a collective with a
member disciplined) it proposes what the rules allow, as a committee told its ceiling would;
each grassroots committee decides its members, the committees above their grassroots
organisations, every "xuất sắc" last, within the quota (one refused for the quota is rated
"tốt"); a few organisations rated HTXS are named "trong sạch, vững mạnh" tiêu biểu.
2026, in progress on the demo's today: opened on 2/11/2026, some self-assessed, some commented
and appraised, none decided.

Command ids derive from the seed, so an interrupted seeding resumes with duplicates only.
"""

from __future__ import annotations

import random
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from kit.envelope import Actor, CommandContext
from kit.errors import CommandIdReused, DomainError, RuleViolated
from partyorg.embedded import EmbeddedService
from services.evaluations import api as e

from .evaluations_plan import Planned, comments, lower, plan_subject
from .plan import DEMO_NAMESPACE

COMMITTEE = Actor(user_id="demo-seeder", role="system")
SIGNERS = ("Nguyễn Văn Thành", "Trần Thị Hằng", "Phạm Đức Long", "Vũ Thị Thu Hà",
           "Đinh Công Sơn", "Lê Văn Quyết")
BATCH = 2000


class EvaluationsSeedError(RuntimeError):
    """An evaluations command of the plan was refused: a bug in the seeder or the domain."""


@dataclass
class EvaluationsReport:
    commands: int = 0
    duplicates: int = 0
    refused: int = 0  # proposals above the ceiling, HTXS beyond the quota: retried lower
    events: int = 0
    seconds: float = 0.0
    levels: Counter = field(default_factory=Counter)  # 2025's decided levels of members
    by_command: Counter = field(default_factory=Counter)

    def to_dict(self) -> dict:
        return {"commands": self.commands, "duplicates": self.duplicates,
                "refused": self.refused, "events": self.events,
                "seconds": round(self.seconds, 1), "levels_2025": dict(self.levels),
                "by_command": dict(self.by_command)}


@dataclass(frozen=True)
class Subject:
    id: str
    collective: bool
    grassroots_id: str
    parent_id: str | None  # an organisation's parent (its superior), from the roll
    period: str  # the campaign whose roll holds it
    branch_id: str  # the branch that comments: a member's, or the organisation itself


class EvaluationsSeeder:
    def __init__(self, evaluations: EmbeddedService, membership: EmbeddedService, root_id: str,
                 seed: int, progress: Callable[[str], None], started: float,
                 meetings: EmbeddedService | None = None) -> None:
        self.evaluations, self.membership, self.meetings = evaluations, membership, meetings
        self.root_id, self.seed = root_id, seed
        self.progress, self.started = progress, started
        self.report = EvaluationsReport()
        self.fresh = True

    def run(self) -> EvaluationsReport:
        clock = time.perf_counter()
        self.fresh = not self.evaluations.store.head_position()  # else resumed: look back
        self.evaluations.runner.catch_up()  # the view of membership, up to its last event
        self.campaign_2025()
        self.campaign_2026()
        self.evaluations.runner.catch_up()
        self.membership.runner.catch_up()  # membership's work queue follows the results back
        self.report.seconds = time.perf_counter() - clock
        return self.report

    # -- the campaigns ---------------------------------------------------------------------------

    def campaign_2025(self) -> None:
        events = self.report.events
        subjects = self.open_all(2025, date(2025, 12, 1), date(2026, 1, 31))
        windows = {"2A": (date(2025, 12, 2), date(2025, 12, 12)),  # by 15/12, with 2B
                   "2B": (date(2025, 12, 2), date(2025, 12, 12)),
                   "2C": (date(2025, 12, 15), date(2025, 12, 26)),
                   "collective": (date(2025, 12, 18), date(2025, 12, 29))}
        planned = [(s, self.plan(2025, s, windows)) for s in subjects]
        self.batched(planned, lambda sp: self.self_assess(*sp))
        held = self.held_meetings(date(2025, 12, 1), date(2026, 1, 10))
        self.batched(planned, lambda sp: self.comment(*sp, held))
        self.evaluations.runner.catch_up()  # the appraisal reads the year's facts from the view
        appraised: dict[str, str] = {}
        self.batched(planned, lambda sp: appraised.__setitem__(
            sp[0].id, self.appraise(*sp, date(2026, 1, 12) + self.days(sp[1], 4))))
        decided: dict[str, str] = {}
        # the quota counts those decided: every HTXS after the others of its group
        for excellent in (False, True):
            self.batched([s for s, _ in planned if (appraised[s.id] == "htxs") == excellent],
                         lambda s: decided.__setitem__(s.id, self.decide(s, appraised[s.id])))
        self.recognise([s for s in subjects if s.collective and decided[s.id] == "htxs"])
        for period in sorted({s.period for s in subjects}):
            self.run_command(f"{period}:close", e.CloseEvaluationPeriod(period, date(2026, 1, 31)))
        self.line("evaluations 2025", events)

    def campaign_2026(self) -> None:
        events = self.report.events
        subjects = self.open_all(2026, date(2026, 11, 2), date(2027, 1, 31))
        windows = {"2A": (date(2026, 11, 3), date(2026, 11, 12)),
                   "2B": (date(2026, 11, 3), date(2026, 11, 12)),
                   "2C": (date(2026, 11, 6), date(2026, 11, 14)),
                   "collective": (date(2026, 11, 9), date(2026, 11, 14))}
        planned = [(s, self.plan(2026, s, windows)) for s in subjects]
        r = random.Random(f"evaluations-2026:{self.seed}")
        share = {"2A": 0.5, "2B": 0.6, "2C": 0.08, "collective": 0.12}
        done = [sp for sp in planned if r.random() < share[sp[1].form]]
        self.batched(done, lambda sp: self.self_assess(*sp))
        commented = [sp for sp in done if r.random() < 0.5]
        self.batched(commented, lambda sp: self.comment(*sp))
        self.evaluations.runner.catch_up()
        self.batched([sp for sp in commented if r.random() < 0.4],
                     lambda sp: self.appraise(*sp, min(sp[1].commented_on + timedelta(days=1),
                                                       date(2026, 11, 20))))
        self.line("evaluations 2026 (open)", events)

    # -- the steps -------------------------------------------------------------------------------

    def open_all(self, year: int, on: date, closes_on: date) -> list[Subject]:
        """The year's campaign: each organisation directly under the province (a commune's
        đảng bộ, a unit the province keeps directly) opens it for its subtree, as the Tỉnh ủy's
        guidance has them do, so each period's roll stays the size of one commune."""
        tree = self.membership.queries.organisation_tree(self.root_id, as_of=on)
        units = sorted(child.organisation.id for child in (tree.children if tree else [])
                       if sum(child.subtree_counts.get(k, 0)
                              for k in ("official", "probationary")))
        return [s for unit in units for s in self.open(unit, year, on, closes_on)]

    def open(self, unit: str, year: int, on: date, closes_on: date) -> list[Subject]:
        """A campaign for the unit's subtree, and its roll as the opening event froze it."""
        result = self.run_command(f"{year}:{unit}:open", e.OpenEvaluationPeriod(
            unit, "annual", year, on, closes_on))
        period = result.ids["period_id"]
        [event] = self.evaluations.store.read_all(result.positions[0] - 1, limit=1)
        opened = self.evaluations.declaration.codec.decode(event.type, event.schema_version,
                                                           event.data)
        subjects = [Subject(o.organisation_id, True, o.grassroots_id, o.parent_id, period,
                            o.organisation_id) for o in opened.organisations]
        return subjects + [Subject(m.member_id, False, m.grassroots_id, None, period,
                                   m.organisation_id) for m in opened.members]

    def plan(self, year: int, s: Subject, windows: dict[str, tuple[date, date]]) -> Planned:
        return plan_subject(self.seed, year, s.id, s.collective, windows)

    def self_assess(self, s: Subject, p: Planned) -> None:
        self.run_command(f"{s.period}:{p.subject_id}:self", e.SubmitSelfAssessment(
            s.period, p.subject_id, p.form, p.general_points, p.result_points, p.tasks, p.level,
            p.submitted_on, targets_met_percent=p.targets_met_percent))

    def comment(self, s: Subject, p: Planned,
                held: dict[str, list[tuple[date, str]]] | None = None) -> None:
        """At the branch's first meeting held after the self-assessment, when the meetings
        service holds one in the window (linked by its id); else on the planned day."""
        on, meeting = p.commented_on, None
        after = [m for m in (held or {}).get(s.branch_id, ()) if m[0] >= p.submitted_on]
        if after:
            on, meeting = after[0]
        self.run_command(f"{s.period}:{p.subject_id}:comments", e.RecordCollectiveComments(
            s.period, p.subject_id, comments(p.level, p.collective), p.level, on,
            meeting_id=meeting))

    def held_meetings(self, first: date, last: date) -> dict[str, list[tuple[date, str]]]:
        """The branch meetings held between two days, by branch, in date order."""
        out: dict[str, list[tuple[date, str]]] = {}
        if self.meetings is None:
            return out
        after = None
        while True:
            page = self.meetings.queries.meetings(self.root_id, from_=first, to=last,
                                                  statuses=["minutes_closed"], first=100,
                                                  after=after)
            for m in page.items:
                out.setdefault(m.organisation.id, []).append(
                    (m.scheduled_start.date(), m.id))
            if not page.has_next:
                return {k: sorted(v) for k, v in out.items()}
            after = page.end_cursor

    def appraise(self, s: Subject, p: Planned, on: date) -> str:
        """The appraisal proposes the planned level, or the highest the facts allow."""
        tried = [p.level]
        while (below := lower(tried[-1])) is not None:
            tried.append(below)
        level: str | None = self.resumed([f"{s.period}:{s.id}:appraise:{t}" for t in tried],
                                         tried)
        while level is not None:
            if self.run_command(f"{s.period}:{s.id}:appraise:{level}", e.AppraiseEvaluation(
                    s.period, s.id, level, on), refusable="classification.ceiling"):
                return level
            level = lower(level)
        raise EvaluationsSeedError(f"no level could be proposed for {p.subject_id}")

    def decide(self, s: Subject, level: str) -> str:
        """The level appraised; an HTXS beyond its group's quota is rated HTT instead."""
        body, organ, on = self.body(s)
        decision = e.DecisionInput(self.number(body, on), self.signer(body), on,
                                   e.DecidingBodyInput(body, organ))
        ladder = (level, "htt") if level == "htxs" else (level,)
        first = self.resumed([f"{s.period}:{s.id}:decide:{t}" for t in ladder], list(ladder))
        for tried in ladder[ladder.index(first):]:
            if self.run_command(f"{s.period}:{s.id}:decide:{tried}", e.DecideClassification(
                    s.period, s.id, tried, decision=decision), refusable="quota.excellent"):
                if not s.collective:
                    self.report.levels[tried] += 1
                return tried
        raise EvaluationsSeedError(f"{s.id}: HTT refused as well")

    def recognise(self, organisations: list[Subject]) -> None:
        """TSVM tiêu biểu: about a third of the organisations rated HTXS (one at least)."""
        r = random.Random(f"tsvm:{self.seed}")
        for i, s in enumerate(sorted(organisations, key=lambda o: o.id)):
            if i == 0 or r.random() < 0.35:
                body, organ, on = self.body(s)
                self.run_command(f"{s.period}:{s.id}:tsvm", e.RecognisePartyOrganisation(
                    s.period, s.id, decision=e.DecisionInput(
                        self.number(body, date(2026, 1, 29)), self.signer(body),
                        date(2026, 1, 29), e.DecidingBodyInput(body, organ))))

    # -- helpers ---------------------------------------------------------------------------------

    def body(self, s: Subject) -> tuple[str, str, date]:
        """Who decides (evaluations' table of deciding bodies) and when: a member or a chi bộ
        trực thuộc by its grassroots committee, a grassroots organisation by the BTV above."""
        if s.collective and s.grassroots_id == s.id:
            return s.parent_id or s.id, "standing_committee", date(2026, 1, 27)
        return s.grassroots_id, "committee", date(2026, 1, 20)

    def number(self, body: str, on: date) -> str:
        return f"{uuid.uuid5(DEMO_NAMESPACE, body).int % 90 + 10}-QĐ/ĐU"

    def signer(self, body: str) -> str:
        return SIGNERS[uuid.uuid5(DEMO_NAMESPACE, f"signer:{body}").int % len(SIGNERS)]

    def days(self, p: Planned, most: int) -> timedelta:
        return timedelta(days=uuid.uuid5(DEMO_NAMESPACE, p.subject_id).int % (most + 1))

    def resumed(self, keys: list[str], levels: list[str]) -> str:
        """Where a ladder of attempts starts: at the lowest one already recorded (a resumed
        seeding: the refused attempts before it would now be refused otherwise), else the
        first."""
        if self.fresh:
            return levels[0]
        for key, level in reversed(list(zip(keys, levels, strict=True))):
            if self.evaluations.store.find_command(self.command_id(key)) is not None:
                return level
        return levels[0]

    def command_id(self, key: str) -> str:
        return str(uuid.uuid5(DEMO_NAMESPACE, f"{self.seed}:evaluations:{key}"))

    def batched(self, items: list[Any], step: Callable[[Any], None]) -> None:
        for i in range(0, len(items), BATCH):
            with self.evaluations.store.batch():
                for item in items[i:i + BATCH]:
                    step(item)

    def run_command(self, key: str, command: object, refusable: str = "") -> Any:
        """The command's result; None when refused under the rule `refusable` (the caller
        tries again otherwise)."""
        command_id = self.command_id(key)
        try:
            result = self.evaluations.service.execute(
                command, CommandContext(command_id, self.evaluations.province, actor=COMMITTEE))
        except CommandIdReused as exc:
            raise EvaluationsSeedError("this data folder holds different evaluations (another "
                                       "seeder version or seed); remove the folder") from exc
        except RuleViolated as exc:
            if refusable and exc.rule.startswith(refusable):
                self.report.refused += 1
                return None
            raise EvaluationsSeedError(f"{type(command).__name__} refused: {exc.to_dict()}\n"
                                       f"{command!r}") from exc
        except DomainError as exc:
            raise EvaluationsSeedError(f"{type(command).__name__} refused: {exc.to_dict()}\n"
                                       f"{command!r}") from exc
        self.report.commands += 1
        self.report.duplicates += result.duplicate
        self.report.events += len(result.events)
        self.report.by_command[type(command).__name__] += 1
        return result

    def line(self, what: str, events: int) -> None:
        self.progress(f"{what:>28}: {self.report.events - events:6d} events  "
                      f"[{time.perf_counter() - self.started:5.1f} s]")
