"""Questions clients ask of the evaluations service (issue 12 item 7), answered from its read
models only, each as of any date (default: today).

A subtree question matches roll rows whose path within their period passes through the scope
organisation; a period whose root lies below the scope (a commune's campaign, asked by the
province) is matched whole. Whether a root lies below a scope is asked of the view of membership
the read side is given (`membership.is_within`); without one, only the rolls' own paths answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from kit.clock import Clock, SystemClock
from kit.errors import InvalidInput
from kit.paging import Page, check_first, decode_cursor, encode_cursor
from kit.projections.ports import ReadModelDb
from kit.rules import RuleBook, RuleSet

from ..domain.levels import Level
from ..domain.quota import Counts, allowed_excellent, headroom, quota_group
from ..domain.rules import EVALUATION_RULES
from .history_queries import HistoryQueries
from .reading import as_of_day, date_or_none, period_view, with_marks
from .views import PeriodView, ProgressCounts, ProgressLine, QuotaHeadroom

if TYPE_CHECKING:
    from .read_model_sql import EvaluationsSql

STEPS = {"self_assessment": "self_assessed_on", "appraisal": "appraised_on",
         "decision": "decided_on"}


class ScopeTree(Protocol):
    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool: ...


@dataclass(frozen=True)
class QueriesSql:
    """The board's and the periods' statements, once per SQL dialect (adapters)."""

    mark: str  # the positional parameter mark, for IN lists filled in at run time
    period: str  # (period_id) -> ev_periods' columns
    roll_organisations: str  # () -> organisation_id: each on any roll, once
    # A subtree is (path pattern, organisation ids {marks}): EvaluationsQueries._scope.
    # (subtree, year from, year to) -> ev_periods' columns, newest first
    periods_in: str
    # (day ×4, period_id, subtree) -> on_roll, left_out, self_assessed, commented, appraised,
    # decided
    progress: str
    # {column}: the step's date column; (period_id, day, subtree) -> n
    count_awaiting: str
    # {column}; (period_id, day, subtree, cursor path, cursor path, cursor subject, limit)
    # -> ev_roll's columns in path then subject order
    awaiting: str
    # (day, day, period_id) -> subject_kind, subject_id, organisation_id, grassroots_id,
    # parent_id, form, path, level: every subject on the roll with its level in force that day
    levels_in_period: str
    applied_position: str  # (source) -> n (read models following it), p (the least position)


class EvaluationsQueries(HistoryQueries):
    def __init__(self, db: ReadModelDb, sql: EvaluationsSql, *, rules: RuleBook = EVALUATION_RULES,
                 clock: Clock | None = None, membership: ScopeTree | None = None) -> None:
        self.db = db
        self.sql = sql
        self.rules = rules
        self.clock = clock or SystemClock()
        self.membership = membership
        self._versions = {v.version: v for v in rules.versions}

    # -- what every question shares ------------------------------------------------------------

    def _day(self, on: date | None) -> date:
        return as_of_day(on, self.clock.today())

    def _rules_named(self, version: str, on: date) -> RuleSet:
        return self._versions.get(version) or self.rules.in_force(on)

    def _scope(self, scope: str) -> list[Any]:
        """The parameters of a subtree clause `(r.path LIKE ? OR r.organisation_id IN
        ({marks}))`: the rolls' own paths (the subtree as each period's roll placed it), and the
        organisations on any roll that lie within the scope where the membership view places
        them now, so a period opened below the scope, or an organisation a roll placed without
        the levels above it (a 2025 roll skips the communes), is found too. The GraphQL part
        withholds rows kept outside the caller's subtree now."""
        return [f"%/{scope}/%", *self._organisations_within(scope)]

    def _organisations_within(self, scope: str) -> list[str]:
        """At least one id, so an IN list is never empty."""
        if self.membership is None:
            return [""]
        rows = self.db.query(self.sql.queries.roll_organisations)
        return [r["organisation_id"] for r in rows
                if self.membership.is_within(r["organisation_id"], scope)] or [""]

    def _scoped(self, statement: str, scope: str) -> tuple[str, list[Any]]:
        params = self._scope(scope)
        return with_marks(statement, self.sql.queries.mark, len(params) - 1), params

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool:
        """True when the organisation is the scope or below it (the membership view's tree)."""
        if self.membership is None:
            return organisation_id == scope_organisation_id
        return self.membership.is_within(organisation_id, scope_organisation_id)

    # -- periods -------------------------------------------------------------------------------

    def period(self, period_id: str) -> PeriodView | None:
        rows = self.db.query(self.sql.queries.period, (period_id,))
        return period_view(rows[0]) if rows else None

    def periods(self, scope_organisation_id: str, year: int | None = None) -> list[PeriodView]:
        """The periods whose subtree meets the scope: opened for it, above it or below it."""
        statement, scope = self._scoped(self.sql.queries.periods_in, scope_organisation_id)
        years = (year, year) if year is not None else (0, 9999)
        return [period_view(r) for r in self.db.query(statement, [*scope, *years])]

    # -- the campaign's progress board ---------------------------------------------------------

    def _period_or_fail(self, period_id: str) -> PeriodView:
        period = self.period(period_id)
        if period is None:
            raise InvalidInput("period_id", f"no evaluation period {period_id}")
        return period

    def campaign_progress(self, scope_organisation_id: str, period_id: str,
                          on: date | None = None) -> ProgressCounts:
        """How many on the period's roll in the subtree reached each step by the day."""
        period = self._period_or_fail(period_id)
        day = self._day(on)
        statement, scope = self._scoped(self.sql.queries.progress, scope_organisation_id)
        row = self.db.query(statement, [day.isoformat()] * 4 + [period_id, *scope])[0]
        counts = {k: row[k] or 0 for k in ("on_roll", "left_out", "self_assessed", "commented",
                                           "appraised", "decided")}
        return ProgressCounts(period, day, **counts)

    def awaiting(self, scope_organisation_id: str, period_id: str, step: str,
                 on: date | None = None, first: int = 50,
                 after: str | None = None) -> Page[ProgressLine]:
        """Subjects of the subtree on the roll that had not reached `step` (self_assessment,
        appraisal, decision) by the day, in tree order."""
        if step not in STEPS:
            raise InvalidInput("step", f"one of {', '.join(STEPS)}")
        self._period_or_fail(period_id)
        day = self._day(on).isoformat()
        sql = self.sql.queries
        count, scope = self._scoped(sql.count_awaiting.replace("{column}", STEPS[step]),
                                    scope_organisation_id)
        total = self.db.query(count, [period_id, day, *scope])[0]["n"]
        cursor = decode_cursor(after, 2) or ["", ""]
        rows = self.db.query(with_marks(sql.awaiting.replace("{column}", STEPS[step]), sql.mark,
                                        len(scope) - 1),
                             [period_id, day, *scope, cursor[0], cursor[0], cursor[1],
                              check_first(first) + 1])
        lines = [_line(r, self._day(on)) for r in rows[:first]]
        return Page(lines, total, lines[-1].cursor if lines else None, len(rows) > first)

    # -- the HTXS quota ------------------------------------------------------------------------

    def quota_headroom(self, scope_organisation_id: str, period_id: str,
                       on: date | None = None) -> list[QuotaHeadroom]:
        """The HTXS quota of every group with a subject in the subtree, counted over the whole
        group, as of the day: a grassroots organisation's members, an organisation's
        sub-organisations."""
        period = self._period_or_fail(period_id)
        day = self._day(on)
        rules = self._rules_named(period.rule_version, period.reference_date)
        within = set(self._organisations_within(scope_organisation_id))
        groups: dict[Any, Counts] = {}
        seen: set[Any] = set()
        for r in self.db.query(self.sql.queries.levels_in_period,
                               (day.isoformat(), day.isoformat(), period_id)):
            group = quota_group(r["subject_kind"], r["grassroots_id"], r["parent_id"],
                                r["form"] or "", rules)
            if group is None:
                continue
            counts = groups.setdefault(group, Counts())
            if r["level"]:
                groups[group] = counts.adding(Level(r["level"]))
            if f"/{scope_organisation_id}/" in r["path"] or r["organisation_id"] in within:
                seen.add(group)
        return [QuotaHeadroom(period_id, g.subject_kind, g.counted_in, g.form, c.excellent,
                              c.good, c.completed, c.failed, allowed_excellent(c, rules),
                              headroom(c, rules), rules.version)
                for g, c in sorted(groups.items(), key=lambda kv: (kv[0].subject_kind,
                                                                    kv[0].counted_in,
                                                                    kv[0].form))
                if g in seen]

    # -- freshness ------------------------------------------------------------------------------

    def applied_position(self, source: str) -> int:
        """The position every read model following `source` has applied (0 before any)."""
        rows = self.db.query(self.sql.queries.applied_position, (source,))
        return rows[0]["p"] or 0 if rows and rows[0]["n"] else 0


def _line(r: Any, day: date) -> ProgressLine:
    def by(column: str) -> date | None:
        found = date_or_none(r[column])
        return found if found is not None and found <= day else None

    steps = {"decided": by("decided_on"), "appraised": by("appraised_on"),
             "commented": by("commented_on"), "self_assessed": by("self_assessed_on")}
    stage = next((name for name, on in steps.items() if on is not None),
                 "awaiting_self_assessment")
    return ProgressLine(r["period_id"], r["subject_kind"], r["subject_id"],
                        r["organisation_id"], r["grassroots_id"], stage,
                        steps["self_assessed"], steps["commented"], steps["appraised"],
                        steps["decided"],
                        r["proposed_level"] if steps["appraised"] else None,
                        r["level"] if steps["decided"] else None,
                        encode_cursor(r["path"], r["subject_id"]))


__all__ = ["EvaluationsQueries", "QueriesSql", "STEPS", "ScopeTree"]
