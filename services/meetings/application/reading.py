"""What every meetings query shares: the read-model database, scope paths, row mapping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from kit.clock import Clock, SystemClock
from kit.errors import InvalidInput
from kit.projections.ports import ReadModelDb
from kit.rules import RuleBook

from ..domain.rules import MEETINGS_RULES
from ..domain.schedule import THAI_BINH_EVEN_MONTHS, CadreSchedule
from .views import MeetingSummary, OrganisationRef

if TYPE_CHECKING:
    from .read_model_sql import MeetingsSql

# A meeting took place once it opened: statements counting held meetings name these statuses
HELD = ("opened", "ended", "minutes_closed")


@dataclass(frozen=True)
class ReadingSql:
    """What every query module reads, written out once per SQL dialect (adapters)."""

    mark: str  # the positional parameter mark, for IN lists filled in at run time
    path_of: str  # (id) -> path
    # (scope LIKE pattern) -> org_id, org_name, org_type, org_status, established_on, ended_on
    # of each branch in the subtree, in Vietnamese name order
    branches: str


def with_marks(statement: str, mark: str, count: int) -> str:
    """The statement with its `{marks}` slot filled: an IN list of `count` parameter marks."""
    return statement.format(marks=", ".join(mark for _ in range(count)))


def date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def datetime_or_none(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def bool_or_none(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def org_ref(row: Any) -> OrganisationRef:
    """From a row that aliases the organisation's columns org_id, org_name, org_type, org_status."""
    return OrganisationRef(row["org_id"], row["org_name"], row["org_type"], row["org_status"])


def summary(row: Any) -> MeetingSummary:
    return MeetingSummary(
        id=row["meeting_id"],
        organisation=org_ref(row),
        kind=row["kind"], topic=row["topic"], status=row["status"],
        scheduled_start=datetime.fromisoformat(row["scheduled_start"]),
        planned_minutes=row["planned_minutes"], minimum_minutes=row["minimum_minutes"],
        rule_version=row["rule_version"], started_at=datetime_or_none(row["started_at"]),
        ended_at=datetime_or_none(row["ended_at"]), actual_minutes=row["actual_minutes"],
        duration_compliant=bool_or_none(row["duration_compliant"]),
        materials_published_at=datetime_or_none(row["materials_first_at"]),
        materials_late=bool_or_none(row["materials_late"]), summoned=row["summoned"],
        present=row["present"], absent_excused=row["absent_excused"],
        absent_unexcused=row["absent_unexcused"],
    )


def check_period(from_: date, to: date) -> tuple[str, str]:
    if not isinstance(from_, date) or not isinstance(to, date):
        raise InvalidInput("from", "a period is two dates")
    if to < from_:
        raise InvalidInput("to", "must not precede from")
    return from_.isoformat(), to.isoformat()


class ReadingBase:
    def __init__(self, db: ReadModelDb, sql: MeetingsSql, *, rules: RuleBook = MEETINGS_RULES,
                 clock: Clock | None = None,
                 cadre_schedule: CadreSchedule = THAI_BINH_EVEN_MONTHS) -> None:
        """`sql`: the statements written out in `db`'s dialect."""
        self.db = db
        self.sql = sql
        self.rules = rules
        self.clock = clock or SystemClock()
        self.cadre_schedule = cadre_schedule

    def _path(self, organisation_id: str) -> str | None:
        rows = self.db.query(self.sql.reading.path_of, (organisation_id,))
        return rows[0]["path"] if rows else None

    def _scope(self, organisation_id: str) -> str:
        """The LIKE pattern of a subtree; an organisation nobody knows is NotFound-like input."""
        path = self._path(organisation_id)
        if path is None:
            raise InvalidInput("organisation_id", f"{organisation_id} is not a known organisation")
        return path + "%"

    def _scope_then(self, organisation_id: str) -> str:
        """The pattern of a path then (membership_as_of) holding the organisation: a meeting
        counts where its branch stood on its day (a commune merged since keeps its years)."""
        self._scope(organisation_id)  # an organisation nobody knows is refused the same way
        return f"%/{organisation_id}/%"

    def _branches_then(self, scope_then: str, a: date, b: date) -> tuple[list[Any], dict]:
        """The branches within the scope on some day of [a, b] (the tree as of each day), in
        name order, and each one's (valid_from, valid_to) spans within it."""
        params = {"scope": scope_then, "a": a.isoformat(), "b": b.isoformat()}
        spans: dict[str, list[tuple[date, date | None]]] = {}
        for r in self.db.query(self.sql.as_of.within_then, params):
            spans.setdefault(r["organisation_id"], []).append(
                (date.fromisoformat(r["valid_from"]), date_or_none(r["valid_to"])))
        return self.db.query(self.sql.as_of.branches_then, params), spans

    def _branches(self, scope: str) -> list[Any]:
        return self.db.query(self.sql.reading.branches, (scope,))
