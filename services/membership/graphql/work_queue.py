"""The work queue (việc đến hạn): what is due or overdue in the caller's subtree."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from gateway.toolkit import Connection, Edge, Info, connection, domain_errors, name_key
from kit.paging import encode_cursor

from .own import membership
from .types import Member, Organisation, organisation_or_none

DEFAULT_DUE_WITHIN = 20


@strawberry.type(description="The rule-book datum that sets a deadline, and its version.")
class DeadlineRule:
    id: str = strawberry.field(description="Its key, e.g. admission.ceremony_working_days.")
    version: str


@strawberry.type(description="One piece of work due by a date: what, for whom, by which rule.")
class WorkItem:
    kind: str = strawberry.field(description=(
        "admission_decision (the branch proposed an admission; it awaits the decision), "
        "admission_ceremony (an "
        "admission awaits its ceremony), recognition_vote (probation ended, the branch votes on "
        "recognition), temporary_transfer_end (a temporary transfer reached its planned end), "
        "removal_from_rolls_proposal (the branch proposed xóa tên; it awaits the decision), "
        "badge_presentation (a party-age badge for the next presentation day)."))
    member: Member
    organisation_id: strawberry.ID = strawberry.field(
        description="The organisation whose rolls keep the member.")
    organisation_name: str
    rule: DeadlineRule
    calendar_version: str = strawberry.field(description=(
        "The working-day calendar that counted the deadline (holidays library + the rule "
        "book's overrides); empty when the deadline is a date the fact itself set."))
    since: date = strawberry.field(description="The date the deadline counts from.")
    due_on: date
    days_left: int = strawberry.field(description=(
        "Working days from asOf to dueOn; negative when overdue by that many working days."))
    overdue: bool
    detail: str

    @strawberry.field(description="The organisation whose rolls keep the member.")
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)


@strawberry.type
class WorkQueueQuery:
    @strawberry.field(description=(
        "What is due or overdue in the organisation's subtree on asOf, soonest first: work "
        "due within dueWithin working days (overdue work included) and the badges of the next "
        "presentation day (3/2, 19/5, 2/9, 7/11). Deadlines count working days on the "
        "Vietnamese public-holiday calendar."))
    def work_queue(self, info: Info, organisation_id: strawberry.ID, as_of: date,
                   due_within: Annotated[int | None, strawberry.argument(description=(
                       f"Working days ahead of asOf to look (default {DEFAULT_DUE_WITHIN}, "
                       "at most 260)."))] = None,
                   kinds: list[str] | None = None, first: int = 50,
                   after: str | None = None) -> Connection[WorkItem] | None:
        ctx = info.context
        ctx.require_organisation(organisation_id)
        ahead = DEFAULT_DUE_WITHIN if due_within is None else due_within
        with domain_errors():
            page = membership(ctx).work_queue(organisation_id, as_of, ahead, kinds, first, after)
        return connection(page, [Edge(cursor=_cursor(i), node=_item(i)) for i in page.items])


def _item(i) -> WorkItem:
    return WorkItem(kind=i.kind, member=Member.from_view(i.member),
                    organisation_id=strawberry.ID(i.organisation_id),
                    organisation_name=i.organisation_name,
                    rule=DeadlineRule(id=i.rule, version=i.rule_version),
                    calendar_version=i.calendar_version, since=i.since, due_on=i.due_on,
                    days_left=i.days_left, overdue=i.overdue, detail=i.detail)


def _cursor(i) -> str:
    """The key the service pages the queue on: due date, name order, kind, member."""
    return encode_cursor(i.due_on.isoformat(), name_key(i.member.full_name), i.kind, i.member.id)
