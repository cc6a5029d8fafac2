"""The questions the evaluations read side answers (issue 12 item 7), as a typed protocol the
published API extends (api.EvaluationsQueriesApi) and the RPC wire is typed from; and their
names, for the declaration's QUERY_NAMES. Each answers as of a day (`on`, default today)."""

from __future__ import annotations

from datetime import date
from typing import Protocol, runtime_checkable

from kit.paging import Page

from .views import (
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

READ_QUERY_NAMES = frozenset({
    "period", "periods", "campaign_progress", "awaiting", "quota_headroom",
    "level_distribution", "running_years", "unsatisfactory_two_years_running", "tsvm_list",
    "evaluation_history", "classification_snapshot",
})

VIEWS = (PeriodView, ProgressCounts, ProgressLine, LevelCounts, QuotaHeadroom, Classification,
         RunningYears, TsvmRecognition, StepRecord, ClassificationSnapshot)


@runtime_checkable
class EvaluationsReadApi(Protocol):
    def period(self, period_id: str) -> PeriodView | None: ...

    def periods(self, scope_organisation_id: str, year: int | None = None) -> list[PeriodView]:
        """Periods whose subtree meets the scope's (opened for it, above it or below it),
        latest first."""
        ...

    def campaign_progress(self, scope_organisation_id: str, period_id: str,
                          on: date | None = None) -> ProgressCounts:
        """How many on the period's roll within the subtree reached each step by the day."""
        ...

    def awaiting(self, scope_organisation_id: str, period_id: str, step: str,
                 on: date | None = None, first: int = 50,
                 after: str | None = None) -> Page[ProgressLine]:
        """Who in the subtree had not reached `step` (self_assessment, appraisal, decision)
        by the day."""
        ...

    def quota_headroom(self, scope_organisation_id: str, period_id: str,
                       on: date | None = None) -> list[QuotaHeadroom]:
        """The HTXS quota of each group with a subject in the subtree."""
        ...

    def level_distribution(self, scope_organisation_id: str, from_year: int, to_year: int,
                           on: date | None = None,
                           subject_kind: str = "member") -> list[LevelCounts]:
        """Annual classifications by level, year by year, with the share at HTT or better."""
        ...

    def running_years(self, scope_organisation_id: str, year: int, levels: tuple[str, ...],
                      on: date | None = None) -> list[RunningYears]:
        """Members at one of `levels` in `year` and the year before."""
        ...

    def unsatisfactory_two_years_running(self, scope_organisation_id: str, year: int,
                                         on: date | None = None) -> list[RunningYears]:
        """Members KHT in `year` and the year before."""
        ...

    def tsvm_list(self, scope_organisation_id: str, year: int | None = None,
                  on: date | None = None) -> list[TsvmRecognition]:
        """Organisations recognised TSVM tiêu biểu, newest year first."""
        ...

    def evaluation_history(self, subject_id: str,
                           on: date | None = None) -> list[Classification]:
        """Every classification of one member or organisation, with its corrections."""
        ...

    def classification_snapshot(self, subject_id: str, year: int,
                                on: date | None = None) -> ClassificationSnapshot | None:
        """A past year's annual evaluation as recorded, step by step, traced to the events."""
        ...
