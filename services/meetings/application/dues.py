"""Dues at branch meetings: the payments entered at a meeting, and, when the minutes of the
monthly meeting close, the month falling due for the members on the branch's rolls."""

from __future__ import annotations

from kit.errors import InvalidInput

from ..domain import commands as c
from ..domain.dues import DuesBook
from ..domain.events import DuesPayment
from ..domain.meeting import Meeting
from ..domain.removal import month_of, months_apart, parse_month
from ..domain.values import local_date, parse_id
from .deps import CommandScope

# input sanity, not a Party rule: arrears or advances further off are a typing error
MAX_MONTHS_APART = 12
MAX_AMOUNT = 1_000_000_000  # VND


def _payment(i: int, entry: c.DuesPaymentEntry, meeting: Meeting, month: str) -> DuesPayment:
    at = f"payments[{i}]"
    member_id = parse_id(entry.member_id, f"{at}.member_id")
    if member_id not in meeting.summoned:
        raise InvalidInput(f"{at}.member_id", f"{member_id} was not summoned to this meeting")
    if not entry.months:
        raise InvalidInput(f"{at}.months", "names no month")
    months = sorted({parse_month(m, f"{at}.months") for m in entry.months})
    if len(months) != len(entry.months):
        raise InvalidInput(f"{at}.months", "names a month twice")
    if len({m[:4] for m in months}) > 1:
        raise InvalidInput(f"{at}.months", "enter each calendar year's months as an entry")
    far = [m for m in months if abs(months_apart(month, m)) > MAX_MONTHS_APART]
    if far:
        raise InvalidInput(f"{at}.months", f"{far[0]} lies more than {MAX_MONTHS_APART} months "
                                           f"from the meeting's month {month}")
    amount = entry.amount
    if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int)
                               or not 0 <= amount <= MAX_AMOUNT):
        raise InvalidInput(f"{at}.amount", f"must be a whole number of VND, 0 to {MAX_AMOUNT}")
    return DuesPayment(member_id, tuple(months), amount)


def record_dues_payments(cmd: c.RecordDuesPayments, scope: CommandScope,
                         command_id: str) -> dict:
    if not cmd.payments:
        raise InvalidInput("payments", "lists nobody")
    m = scope.meeting(parse_id(cmd.meeting_id, "meeting_id"))
    m.require_record_open()
    assert m.started_at is not None
    month = month_of(local_date(m.started_at))
    payments = [_payment(i, entry, m, month) for i, entry in enumerate(cmd.payments)]
    if len({p.member_id for p in payments}) != len(payments):
        raise InvalidInput("payments", "lists a member twice")
    for year in sorted({int(p.months[0][:4]) for p in payments}):
        book = scope.repo.load(DuesBook, DuesBook.id_for(m.organisation_id, year))
        book.record_payments(m.organisation_id, year, m.id,
                             tuple(p for p in payments if int(p.months[0][:4]) == year))
        scope.changed.append(book)
    return {"meeting_id": m.id}


def judge_dues(m: Meeting, scope: CommandScope) -> None:
    """At the close of a monthly meeting's minutes, the month falls due for every member
    expected to pay here: not those temporarily away (they pay where they attend), and exempt
    members as the rule book says."""
    assert m.started_at is not None
    held_on = local_date(m.started_at)
    r = scope.rules.in_force(held_on)
    if m.kind.value not in r["dues.collected_at"]:
        return
    payers = [s.member_id for s in m.summoned.values()
              if not s.temporarily_transferred_out
              and (r["dues.exempt_members_pay"] or not s.exempt)]
    if not payers:
        return
    book = scope.repo.load(DuesBook, DuesBook.id_for(m.organisation_id, held_on.year))
    book.fall_due(m.organisation_id, month_of(held_on), m.id, payers, held_on, scope.rules)
    if book.pending:
        scope.changed.append(book)
