"""workQueue: what is due or overdue in a subtree, soonest first, in working days.

Two sources, merged and sorted by due date: the items the facts opened (the work_queue read
model, projections/work_queue.py, each due date computed when its fact was projected), and the
kinds whose date follows a calendar of days rather than a fact, asked here from their own read
model (QUERY_KINDS: badges for the next presentation day, from badges_due). Days left or overdue
are counted against `as_of` at query time. A query-time kind is one function
`(queries, bounds, as_of, deadlines) -> list[(sort key, WorkItem)]` added to QUERY_KINDS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kit.errors import InvalidInput
from kit.paging import Page, check_first, decode_cursor, encode_cursor

from ..domain.deadlines import Deadlines, next_presentation_day, previous_presentation_day
from .views import MemberView, member_view

MAX_DUE_WITHIN = 260  # working days: about a year ahead


@dataclass(frozen=True)
class WorkItem:
    kind: str  # admission_decision, admission_ceremony, recognition_vote,
    #            temporary_transfer_end, badge_presentation, evaluation_review
    member: MemberView
    organisation_id: str
    organisation_name: str
    rule: str  # the rule-book key that sets the deadline
    rule_version: str
    calendar_version: str  # the working-day calendar that counted it ("" when not counted)
    since: date  # the fact the deadline counts from
    due_on: date
    days_left: int  # working days from as_of to due_on; negative: overdue by that many
    overdue: bool  # due_on before as_of (a deadline on a weekend may be 0 working days past)
    detail: str = ""  # e.g. the badge's years


Keyed = tuple[tuple[str, str, str, str], WorkItem]  # (due_on, name_key, kind, member id)


def _item(row: Any, deadlines: Deadlines, as_of: date, **fields: Any) -> Keyed:
    due_on = fields.pop("due_on")
    item = WorkItem(member=member_view(row), organisation_id=row["organisation_id"],
                    organisation_name=row["organisation_name"], due_on=due_on,
                    days_left=deadlines.days_left(as_of, due_on), overdue=due_on < as_of,
                    **fields)
    return (due_on.isoformat(), row["name_key"], item.kind, row["id"]), item


def badge_presentation(queries: Any, bounds: tuple[str, str], as_of: date,
                       deadlines: Deadlines) -> list[Keyed]:
    """Members whose party age reaches a badge year by the next presentation day (3/2, 19/5,
    2/9, 7/11) and after the one before it: the badges that day presents."""
    r = deadlines.rules.in_force(as_of)
    days = tuple(tuple(d) for d in r["badge.presentation_days"])
    on = next_presentation_day(as_of, days)
    before = previous_presentation_day(on, days)
    rows = queries.db.query(queries.sql.badge_items, {
        "lo": bounds[0], "hi": bounds[1], "a": before.isoformat(), "b": on.isoformat()})
    return [_item(row, deadlines, as_of, kind="badge_presentation", rule="badge.presentation_days",
                  rule_version=r.version, calendar_version=deadlines.calendar.version,
                  since=date.fromisoformat(row["due_on"]), due_on=on,
                  detail=f"{row['years']} năm tuổi đảng") for row in rows]


def evaluation_review(queries: Any, bounds: tuple[str, str], as_of: date,
                      deadlines: Deadlines) -> list[Keyed]:
    """Members still on the rolls whom the evaluations service rated KHT two years running: the
    deciding body reviews them, or the branch proposes xóa tên (projections/evaluation_reviews.py,
    from evaluations' UnsatisfactoryTwoYearsRunning)."""
    sql = getattr(queries, "evaluation_reviews", None)  # set by the declaration's read side
    if sql is None:
        return []
    rows = queries.db.query(sql.items, {"lo": bounds[0], "hi": bounds[1], "day": as_of.isoformat()})
    return [_item(row, deadlines, as_of, kind="evaluation_review", rule=row["rule"],
                  rule_version=row["rule_version"], calendar_version=row["calendar_version"],
                  since=date.fromisoformat(row["since"]), due_on=date.fromisoformat(row["due_on"]),
                  detail=f"KHT {row['years'].replace(' ', ', ')}") for row in rows]


QUERY_KINDS: tuple[Callable[..., list[Keyed]], ...] = (badge_presentation, evaluation_review)


def work_queue(queries: Any, bounds: tuple[str, str], as_of: date, deadlines: Deadlines,
               due_within: int, kinds: list[str] | None, first: int,
               after: str | None) -> Page[WorkItem]:
    if not 0 <= due_within <= MAX_DUE_WITHIN:
        raise InvalidInput("due_within", f"must be between 0 and {MAX_DUE_WITHIN} working days")
    check_first(first)
    until = deadlines.calendar.add(as_of, due_within)
    rows = queries.db.query(queries.sql.work_items, {
        "lo": bounds[0], "hi": bounds[1], "day": as_of.isoformat(), "until": until.isoformat()})
    items = [_item(row, deadlines, as_of, kind=row["kind"], rule=row["rule"],
                   rule_version=row["rule_version"], calendar_version=row["calendar_version"],
                   since=date.fromisoformat(row["since"]),
                   due_on=date.fromisoformat(row["due_on"])) for row in rows]
    for kind in QUERY_KINDS:
        items += kind(queries, bounds, as_of, deadlines)
    if kinds:
        items = [(k, i) for k, i in items if i.kind in kinds]
    items.sort(key=lambda pair: pair[0])
    total = len(items)
    cursor = decode_cursor(after, arity=4)
    if cursor:
        items = [(k, i) for k, i in items if k > tuple(cursor)]
    page = items[:first]
    end = encode_cursor(*page[-1][0]) if page else None
    return Page([i for _, i in page], total, end, len(items) > first)


__all__ = ["WorkItem", "work_queue", "QUERY_KINDS"]
