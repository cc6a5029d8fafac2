"""Evaluations queries (issue 12 item 7), each as of a day (`on`, default today) and limited to
the caller's subtree: a subtree outside it is null with FORBIDDEN; every row about a person or
an organisation outside it is left out (reading.py)."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import Info, domain_errors

from .enums import EvaluationSubjectKind
from .history_types import (
    ClassificationRecord,
    ClassificationSnapshot,
    LevelDistributionYear,
    MemberRunningYears,
    TsvmRecognition,
)
from .progress_types import EvaluationPeriod, EvaluationProgress, ExcellentQuotaHeadroom
from .reading import evaluations, require_subject, scoped, statistics, visible


def _period_seen(info: Info, view) -> bool:
    """A period is seen by those acting within its subtree or above it."""
    ctx = info.context
    return ctx.in_scope(view.organisation_id) or ctx.queries.is_within(ctx.claims.org,
                                                                       view.organisation_id)


@strawberry.type
class EvaluationsQuery:
    @strawberry.field(description="Evaluation periods whose subtree meets the organisation's "
                                  "(opened for it, above it or below it), latest first.")
    def evaluation_periods(self, info: Info, organisation_id: strawberry.ID,
                           year: int | None = None) -> list[EvaluationPeriod] | None:
        with domain_errors():
            found = scoped(info, organisation_id).periods(organisation_id, year)
        return [EvaluationPeriod.from_view(p) for p in found if _period_seen(info, p)]

    @strawberry.field(description="A campaign's progress board for a subtree as of a day: who "
                                  "has self-assessed, been appraised, been decided, and who "
                                  "has not.")
    def evaluation_progress(self, info: Info, organisation_id: strawberry.ID,
                            period_id: strawberry.ID,
                            on: date | None = None) -> EvaluationProgress | None:
        with domain_errors():
            queries = scoped(info, organisation_id)
            period = queries.period(period_id)
            if period is None or not _period_seen(info, period):
                return None
            p = queries.campaign_progress(organisation_id, period_id, on)
        return EvaluationProgress(
            organisation_id=organisation_id, period=EvaluationPeriod.from_view(p.period),
            as_of=p.as_of, on_roll=p.on_roll, left_out=p.left_out,
            self_assessed=p.self_assessed, commented=p.commented, appraised=p.appraised,
            decided=p.decided)

    @strawberry.field(description="The annual classifications in a subtree by level, year on "
                                  "year, with the share at HTT or better, as in force on a day "
                                  "(default: your organisation's subtree; a central token's: "
                                  "the province).")
    def level_distribution(self, info: Info, organisation_id: strawberry.ID | None = None, *,
                           from_year: int, to_year: int, on: date | None = None,
                           subject_kind: EvaluationSubjectKind | None = None,  # type: ignore[valid-type]
                           ) -> list[LevelDistributionYear] | None:
        kind = subject_kind.value if subject_kind is not None else "member"
        with domain_errors():
            queries, org = statistics(info, organisation_id)  # counts: a central token's too
            years = queries.level_distribution(org, from_year, to_year, on, kind)
        return [LevelDistributionYear.from_view(y) for y in years]

    @strawberry.field(description="The HTXS quota's headroom of each grassroots organisation "
                                  "(and superior, for organisations) with a subject in the "
                                  "subtree, in a period, as of a day.")
    def excellent_quota_headroom(self, info: Info, organisation_id: strawberry.ID,
                                 period_id: strawberry.ID, on: date | None = None
                                 ) -> list[ExcellentQuotaHeadroom] | None:
        with domain_errors():
            rows = scoped(info, organisation_id).quota_headroom(organisation_id, period_id, on)
        return [ExcellentQuotaHeadroom.from_view(h)
                for h in visible(info, rows, lambda h: h.counted_in)]

    @strawberry.field(description="Members of the subtree classified KHT in the year and the "
                                  "year before: a review or xóa tên proposal is due.")
    def unsatisfactory_two_years_running(self, info: Info, organisation_id: strawberry.ID,
                                         year: int, on: date | None = None
                                         ) -> list[MemberRunningYears] | None:
        with domain_errors():
            rows = scoped(info, organisation_id).unsatisfactory_two_years_running(
                organisation_id, year, on)
        return [MemberRunningYears.from_view(r) for r in visible(info, rows)]

    @strawberry.field(description="Organisations of the subtree recognised TSVM tiêu biểu (in "
                                  "a year, or any), newest year first.")
    def tsvm_recognitions(self, info: Info, organisation_id: strawberry.ID,
                          year: int | None = None,
                          on: date | None = None) -> list[TsvmRecognition] | None:
        with domain_errors():
            rows = scoped(info, organisation_id).tsvm_list(organisation_id, year, on)
        return [TsvmRecognition.from_view(t) for t in visible(info, rows)]

    @strawberry.field(description="Every classification of one member (or organisation) "
                                  "decided by a day, with its corrections, oldest first.")
    def evaluation_history(self, info: Info, subject_id: strawberry.ID,
                           on: date | None = None) -> list[ClassificationRecord] | None:
        require_subject(info, subject_id)
        with domain_errors():
            rows = evaluations(info.context).evaluation_history(subject_id, on)
        return [ClassificationRecord.from_view(c) for c in rows]

    @strawberry.field(description="A past year's annual classification exactly as submitted, "
                                  "step by step as of a day, traced to the events' ids and "
                                  "positions.")
    def classification_snapshot(self, info: Info, subject_id: strawberry.ID, year: int,
                                on: date | None = None) -> ClassificationSnapshot | None:
        require_subject(info, subject_id)
        with domain_errors():
            snap = evaluations(info.context).classification_snapshot(subject_id, year, on)
        return ClassificationSnapshot.from_view(snap) if snap is not None else None
