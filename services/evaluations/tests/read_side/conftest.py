"""The evaluations read side on its real path: evaluations events appended to a store as facts
(the command side decides them elsewhere), the read models caught up by the projection runner
on a read-model database, and the queries asked of it.

The province P has two communes (grassroots committees) C1 and C2; C1 has branches B1 and B2,
C2 has B3. A commune's own campaign (C2's) is also opened, so the province sees a period whose
root lies below it; `Tree` answers that from the tree the scenario names (the membership view
answers it in the service).
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from kit.clock import FixedClock
from kit.envelope import CommandContext, NewEvent
from kit.memory.store import InMemoryEventStore
from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.store import StreamAppend
from services.evaluations.adapters.read_model_sql import SQL
from services.evaluations.adapters.wire import CODEC
from services.evaluations.application.ids import evaluation_id
from services.evaluations.application.projections import read_projections
from services.evaluations.application.queries import EvaluationsQueries
from services.evaluations.domain import events as e
from services.evaluations.domain.decision import DecisionRecord, Organ
from services.evaluations.domain.levels import Level
from services.evaluations.domain.rules import EVALUATION_RULES
from services.evaluations.domain.values import (
    AssessmentForm,
    Exclusion,
    PeriodKind,
    SubjectKind,
    Tasks,
)

TODAY = date(2027, 2, 1)
PARENTS = {"P": None, "C1": "P", "C2": "P", "B1": "C1", "B2": "C1", "B3": "C2"}
GRASSROOTS = {"C1": "C1", "C2": "C2", "B1": "C1", "B2": "C1", "B3": "C2"}
ALL_ON_TIME = Tasks(total=10, on_time=10, exceeded=3, late=0, not_done=0)


class Tree:
    """Which organisation lies within which, as the scenario's tree says."""

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool:
        at: str | None = organisation_id
        while at is not None:
            if at == scope_organisation_id:
                return True
            at = PARENTS.get(at)
        return False


class Campaigns:
    def __init__(self, db, clock: FixedClock, store: InMemoryEventStore | None = None) -> None:
        self.store = store or InMemoryEventStore()
        self.db = db
        self.clock = clock
        self.runner = ProjectionRunner(self.store, db, read_projections(CODEC, SQL[db.dialect]))
        self.queries = EvaluationsQueries(db, SQL[db.dialect], rules=EVALUATION_RULES,
                                          clock=clock, membership=Tree())
        self.periods: dict[str, e.EvaluationPeriodOpened] = {}
        self.runner.catch_up()

    def given(self, stream_id: str, *events: object) -> None:
        new = [NewEvent(*CODEC.encode(ev), occurred_at=self.clock.now()) for ev in events]
        self.store.append([StreamAppend(stream_id, self.store.stream_version(stream_id), new)],
                          CommandContext(str(uuid.uuid4()), "NB"))
        self.runner.catch_up()

    def open(self, period_id: str, root: str, year: int, members: dict[str, str],
             left_out: dict[str, tuple[str, Exclusion]] | None = None,
             kind: PeriodKind = PeriodKind.ANNUAL, on: date | None = None) -> None:
        """`members`: member -> branch; the organisations under the root are on the roll."""
        orgs = [o for o in GRASSROOTS if Tree().is_within(o, root)]
        opened = e.EvaluationPeriodOpened(
            period_id, root, kind, year, on or date(year, 11, 20), date(year, 12, 15),
            date(year + 1, 1, 31),
            tuple(e.EvaluatedMember(m, b, GRASSROOTS[b]) for m, b in members.items()),
            tuple(e.EvaluatedOrganisation(o, GRASSROOTS[o], PARENTS[o]) for o in orgs),
            tuple(e.LeftOut(m, b, why) for m, (b, why) in (left_out or {}).items()),
            EVALUATION_RULES.in_force(on or date(year, 11, 20)).version)
        self.periods[period_id] = opened
        self.given(f"period-{period_id}", opened)

    def _where(self, period_id: str, subject: str) -> tuple[str, SubjectKind, str, str]:
        p = self.periods[period_id]
        for m in p.members:
            if m.member_id == subject:
                return (evaluation_id(period_id, p.kind is PeriodKind.ANNUAL, p.year, subject),
                        SubjectKind.MEMBER, m.organisation_id, m.grassroots_id)
        for o in p.organisations:
            if o.organisation_id == subject:
                return (evaluation_id(period_id, p.kind is PeriodKind.ANNUAL, p.year, subject),
                        SubjectKind.ORGANISATION, o.organisation_id, o.grassroots_id)
        raise KeyError(subject)

    def self_assess(self, period_id: str, subject: str, on: date, general: float = 28.0,
                    result: float = 60.5, level: Level = Level.GOOD) -> None:
        ev_id, kind, org, grassroots = self._where(period_id, subject)
        form = AssessmentForm.OTHER if kind is SubjectKind.MEMBER else AssessmentForm.COLLECTIVE
        self.given(ev_id, e.SelfAssessmentSubmitted(
            ev_id, period_id, self.periods[period_id].year, kind, subject, org, grassroots, form,
            general, result, ALL_ON_TIME, None, level, None, on, "QĐ366-2025"))

    def comment(self, period_id: str, subject: str, on: date, level: Level = Level.GOOD) -> None:
        ev_id = self._where(period_id, subject)[0]
        self.given(ev_id, e.CollectiveCommentsRecorded(ev_id, None, "Đồng ý mức tự xếp loại.",
                                                       level, on))

    def appraise(self, period_id: str, subject: str, on: date,
                 level: Level = Level.GOOD) -> None:
        ev_id = self._where(period_id, subject)[0]
        self.given(ev_id, e.EvaluationAppraised(ev_id, level, Level.EXCELLENT, 88.5, (), (), on,
                                                "QĐ366-2025"))

    def decision(self, on: date, number: str = "12-QĐ/ĐU") -> DecisionRecord:
        return DecisionRecord("C1", Organ.STANDING_COMMITTEE, number, on, "Nguyễn Văn Bí",
                              "QĐ366-2025")

    def decide(self, period_id: str, subject: str, level: Level, on: date) -> None:
        ev_id, kind, org, grassroots = self._where(period_id, subject)
        p = self.periods[period_id]
        self.given(ev_id, e.ClassificationDecided(
            ev_id, period_id, p.kind, p.year, kind, subject, org, grassroots, level, level, None,
            (), self.decision(on), "QĐ366-2025"))

    def correct(self, period_id: str, subject: str, previous: Level, level: Level,
                on: date) -> None:
        ev_id, kind, _, grassroots = self._where(period_id, subject)
        self.given(ev_id, e.ClassificationCorrected(
            ev_id, period_id, self.periods[period_id].year, kind, subject, grassroots, previous,
            level, "Phát hiện vi phạm sau khi xếp loại", self.decision(on, "15-QĐ/ĐU"),
            "QĐ366-2025"))

    def recognise(self, period_id: str, organisation: str, run: int, on: date) -> None:
        ev_id = self._where(period_id, organisation)[0]
        self.given(ev_id, e.PartyOrganisationRecognised(
            ev_id, organisation, self.periods[period_id].year, run, run >= 5,
            self.decision(on, "20-QĐ/HU"), "QĐ366-2025"))


@pytest.fixture
def clock() -> FixedClock:
    c = FixedClock()
    c.set_today(TODAY)
    return c


@pytest.fixture
def campaigns(tmp_path, clock) -> Campaigns:
    db = ReadModelDb(tmp_path / "read.db")
    yield Campaigns(db, clock)
    db.close()


BRANCH_OF = {**{f"m{i}": "B1" for i in range(1, 7)}, **{f"m{i}": "B2" for i in range(7, 11)},
             **{f"m{i}": "B3" for i in range(11, 14)}}
LEVELS_2025 = {"m1": Level.EXCELLENT, **{f"m{i}": Level.GOOD for i in (2, 3, 4, 5, 6, 7, 10)},
               "m8": Level.COMPLETED, "m9": Level.FAILED, "m11": Level.GOOD,
               "m12": Level.FAILED, "m13": Level.GOOD, "C1": Level.EXCELLENT,
               "C2": Level.GOOD, "B1": Level.EXCELLENT, "B2": Level.GOOD, "B3": Level.COMPLETED}


def two_years(c: Campaigns) -> Campaigns:
    """2025 decided for the province (m7 corrected HTT → HT on 10/3/2026, C1 recognised TSVM
    five years running); 2026 under way: a few decided, some appraised or self-assessed; C2's
    own quarterly campaign opened for its subtree."""
    c.open("p25", "P", 2025, BRANCH_OF, left_out={"m14": ("B1", Exclusion.EXEMPT)})
    for subject, level in LEVELS_2025.items():
        c.self_assess("p25", subject, date(2025, 12, 1))
        c.appraise("p25", subject, date(2025, 12, 10))
        c.decide("p25", subject, level, date(2025, 12, 20))
    c.recognise("p25", "C1", 5, date(2026, 1, 5))
    c.correct("p25", "m7", Level.GOOD, Level.COMPLETED, date(2026, 3, 10))
    c.open("p26", "P", 2026, BRANCH_OF)
    for m in ("m1", "m2", "m3", "m9", "m11", "m12"):
        c.self_assess("p26", m, date(2026, 12, 1), general=29.0, result=62.3)
    c.comment("p26", "m1", date(2026, 12, 5))
    for m in ("m1", "m9", "m12"):
        c.appraise("p26", m, date(2026, 12, 10))
    c.decide("p26", "m9", Level.FAILED, date(2026, 12, 20))
    c.decide("p26", "m12", Level.COMPLETED, date(2026, 12, 20))
    c.open("q26", "C2", 2026, {m: BRANCH_OF[m] for m in ("m11", "m12", "m13")},
           kind=PeriodKind.QUARTERLY, on=date(2026, 9, 30))
    c.self_assess("q26", "m13", date(2026, 10, 2))
    return c


@pytest.fixture
def history(campaigns: Campaigns) -> Campaigns:
    return two_years(campaigns)
