"""The evaluations service's published API: all that the gateway, the demo, the benchmarks and
other services may import of it.

The commands it accepts and the values they carry, and the queries it publishes
(`EvaluationsQueriesApi`, exactly the declaration's QUERY_NAMES: the RPC wire is typed from it).
Everything else in the package may change without notice.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol, runtime_checkable

from kit.paging import Page

from .application.views import (
    Classification,
    ClassificationSnapshot,
    LevelCounts,
    PeriodView,
    ProgressCounts,
    ProgressLine,
    QuotaHeadroom,
    RunningYears,
    StepRecord,
    TsvmRecognition,
)
from .domain.commands import (
    AppraiseEvaluation,
    CloseEvaluationPeriod,
    CorrectClassification,
    DecideClassification,
    DecidingBodyInput,
    DecisionInput,
    OpenEvaluationPeriod,
    RecognisePartyOrganisation,
    RecordCollectiveComments,
    SubmitSelfAssessment,
    TasksInput,
)
from .domain.decision import Organ
from .domain.levels import Level
from .domain.values import AssessmentForm, Exclusion, PeriodKind, SubjectKind, parse_id

__all__ = [
    # commands, and the records they carry
    "OpenEvaluationPeriod", "SubmitSelfAssessment", "RecordCollectiveComments",
    "AppraiseEvaluation", "DecideClassification", "CorrectClassification",
    "CloseEvaluationPeriod", "RecognisePartyOrganisation", "TasksInput", "DecisionInput",
    "DecidingBodyInput",
    # the values command fields and views take; ids are UUIDs
    "Level", "PeriodKind", "SubjectKind", "AssessmentForm", "Exclusion", "Organ", "parse_id",
    # what the queries answer with
    "PeriodView", "ProgressCounts", "ProgressLine", "QuotaHeadroom", "LevelCounts",
    "Classification", "RunningYears", "TsvmRecognition", "StepRecord", "ClassificationSnapshot",
    "Page", "EvaluationsQueriesApi",
]


@runtime_checkable
class EvaluationsQueriesApi(Protocol):
    """The questions evaluations answers for clients, from its read models only (its view of
    organisations and members follows membership's published events). Every list is scoped to
    a subtree."""

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool:
        """True when the organisation is the scope or below it (in evaluations' view of
        membership)."""
        ...

    # -- campaigns -----------------------------------------------------------------------------

    def period(self, period_id: str) -> PeriodView | None: ...

    def periods(self, scope_organisation_id: str, year: int | None = None) -> list[PeriodView]:
        """The periods whose subtree meets the scope: opened for it, above it or below it."""
        ...

    def campaign_progress(self, scope_organisation_id: str, period_id: str,
                          on: date | None = None) -> ProgressCounts:
        """How many on the period's roll in the subtree reached each step by the day."""
        ...

    def awaiting(self, scope_organisation_id: str, period_id: str, step: str,
                 on: date | None = None, first: int = 50,
                 after: str | None = None) -> Page[ProgressLine]:
        """Subjects of the subtree that had not reached `step` by the day, in tree order."""
        ...

    def quota_headroom(self, scope_organisation_id: str, period_id: str,
                       on: date | None = None) -> list[QuotaHeadroom]:
        """The HTXS quota of every group with a subject in the subtree, as of the day."""
        ...

    # -- results over the years ----------------------------------------------------------------

    def level_distribution(self, scope_organisation_id: str, from_year: int, to_year: int,
                           on: date | None = None,
                           subject_kind: str = "member") -> list[LevelCounts]: ...

    def running_years(self, scope_organisation_id: str, year: int, levels: tuple[str, ...],
                      on: date | None = None) -> list[RunningYears]: ...

    def unsatisfactory_two_years_running(self, scope_organisation_id: str, year: int,
                                         on: date | None = None) -> list[RunningYears]: ...

    def tsvm_list(self, scope_organisation_id: str, year: int | None = None,
                  on: date | None = None) -> list[TsvmRecognition]: ...

    def evaluation_history(self, subject_id: str,
                           on: date | None = None) -> list[Classification]: ...

    def classification_snapshot(self, subject_id: str, year: int,
                                on: date | None = None) -> ClassificationSnapshot | None: ...
