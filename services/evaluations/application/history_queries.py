"""The questions over the years: the distribution by level, members KHT two years running, the
TSVM list, one subject's history and a past year's classification as submitted — each as of any
date, from classification_history, tsvm_recognitions and classification_snapshots (scoped
through campaign_progress's roll)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kit.errors import InvalidInput

from ..domain.levels import Level
from .ids import annual_evaluation_id
from .reading import date_or_none
from .views import (
    Classification,
    ClassificationSnapshot,
    LevelCounts,
    RunningYears,
    StepRecord,
    TsvmRecognition,
)

if TYPE_CHECKING:
    from kit.projections.ports import ReadModelDb

    from .read_model_sql import EvaluationsSql

GOOD_OR_BETTER = (Level.EXCELLENT.value, Level.GOOD.value)
MAX_YEARS = 30


@dataclass(frozen=True)
class HistorySql:
    """The statements over the years, once per SQL dialect (adapters). A subtree is (path
    pattern, organisation ids {marks}): EvaluationsQueries._scope."""

    # (subject_kind, year from, year to, day, day, scope…) -> year, level, n: annual ones
    distribution: str
    # (levels {levels}, day, day, year, levels {levels}, day, day, scope…) -> subject_id,
    # organisation_id, grassroots_id, level, prior_level: annual member classifications of the
    # year at one of the levels whose year before was at one of them too
    running: str
    # (day, year from, year to, scope…) -> ev_tsvm's columns, by year (newest) then organisation
    tsvm: str
    # (subject_id, day) -> ev_classifications' columns in log order
    history: str
    # (evaluation_id, day) -> type, event_id, global_position, on_date, data in log order
    steps: str
    # (evaluation_id, day, day) -> level: the classification in force that day
    level_then: str


class HistoryQueries:
    """Part of EvaluationsQueries, which gives it `_day` and `_scoped`."""

    db: ReadModelDb
    sql: EvaluationsSql

    def level_distribution(self, scope_organisation_id: str, from_year: int, to_year: int,
                           on: date | None = None,
                           subject_kind: str = "member") -> list[LevelCounts]:
        """Each year's annual classifications in the subtree by level, as in force on the day,
        with the share at HTT or better and its change from the year before."""
        if to_year < from_year or to_year - from_year >= MAX_YEARS:
            raise InvalidInput("to_year", f"a range of 1 to {MAX_YEARS} years from from_year")
        day = self._day(on).isoformat()
        statement, scope = self._scoped(self.sql.history.distribution, scope_organisation_id)
        counts: dict[int, dict[str, int]] = {y: {} for y in range(from_year, to_year + 1)}
        for r in self.db.query(statement, [subject_kind, from_year, to_year, day, day, *scope]):
            counts[r["year"]][r["level"]] = r["n"]
        out: list[LevelCounts] = []
        before: float | None = None
        for year, by_level in counts.items():
            total = sum(by_level.values())
            share = None if not total else round(
                100 * sum(by_level.get(v, 0) for v in GOOD_OR_BETTER) / total, 1)
            change = None if share is None or before is None else round(share - before, 1)
            out.append(LevelCounts(year, by_level.get(Level.EXCELLENT.value, 0),
                                   by_level.get(Level.GOOD.value, 0),
                                   by_level.get(Level.COMPLETED.value, 0),
                                   by_level.get(Level.FAILED.value, 0), total, share, change))
            before = share
        return out

    def running_years(self, scope_organisation_id: str, year: int, levels: tuple[str, ...],
                      on: date | None = None) -> list[RunningYears]:
        """Members of the subtree classified (annually) at one of `levels` in `year` and in the
        year before, as in force on the day."""
        day = self._day(on).isoformat()
        known = [Level(v).value for v in levels]
        marks = ", ".join(self.sql.queries.mark for _ in known)
        statement, scope = self._scoped(self.sql.history.running.replace("{levels}", marks),
                                        scope_organisation_id)
        rows = self.db.query(statement, [*known, day, day, year, *known, day, day, *scope])
        return [RunningYears(r["subject_id"], r["organisation_id"], r["grassroots_id"],
                             [year - 1, year], [r["prior_level"], r["level"]]) for r in rows]

    def unsatisfactory_two_years_running(self, scope_organisation_id: str, year: int,
                                         on: date | None = None) -> list[RunningYears]:
        """Members KHT in `year` and the year before: a review or xóa tên proposal is due."""
        return self.running_years(scope_organisation_id, year, (Level.FAILED.value,), on)

    def tsvm_list(self, scope_organisation_id: str, year: int | None = None,
                  on: date | None = None) -> list[TsvmRecognition]:
        """Organisations of the subtree recognised TSVM tiêu biểu (in `year`, or any), by the
        day, newest year first."""
        day = self._day(on).isoformat()
        years = (year, year) if year is not None else (0, 9999)
        statement, scope = self._scoped(self.sql.history.tsvm, scope_organisation_id)
        return [TsvmRecognition(r["organisation_id"], r["year"], r["years_running"],
                                bool(r["five_years_running"]), r["decision_number"],
                                date.fromisoformat(r["decided_on"]), r["rule_version"])
                for r in self.db.query(statement, [day, *years, *scope])]

    def evaluation_history(self, subject_id: str, on: date | None = None) -> list[Classification]:
        """Every classification of one member (or organisation) decided by the day, with each
        correction, oldest first; `valid_to` as the day knew it."""
        day = self._day(on)
        return [_classification(r, day) for r in
                self.db.query(self.sql.history.history, (subject_id, day.isoformat()))]

    def classification_snapshot(self, subject_id: str, year: int,
                                on: date | None = None) -> ClassificationSnapshot | None:
        """The subject's annual evaluation of `year` as it stood on the day: each step as its
        event recorded it, with the event's id and position; None when nothing was recorded."""
        day = self._day(on)
        evaluation = annual_evaluation_id(subject_id, year)
        steps = [StepRecord(r["type"], r["event_id"], r["global_position"],
                            date.fromisoformat(r["on_date"]), r["data"])
                 for r in self.db.query(self.sql.history.steps, (evaluation, day.isoformat()))]
        if not steps:
            return None
        level = self.db.query(self.sql.history.level_then,
                              (evaluation, day.isoformat(), day.isoformat()))
        return ClassificationSnapshot(evaluation, subject_id, year, day,
                                      level[0]["level"] if level else None, steps)


def _classification(r: Any, day: date) -> Classification:
    valid_to = date_or_none(r["valid_to"])
    return Classification(
        r["evaluation_id"], r["period_id"], r["period_kind"], r["year"], r["subject_kind"],
        r["subject_id"], r["organisation_id"], r["grassroots_id"], r["level"], r["corrects"],
        r["reason"], r["decision_number"], r["decision_organisation_id"], r["decision_organ"],
        date.fromisoformat(r["valid_from"]),
        valid_to if valid_to is not None and valid_to <= day else None,
        r["rule_version"], r["global_position"])
