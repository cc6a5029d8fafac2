"""A branch's dues book for one calendar year (sổ thu đảng phí): the months each member paid,
the months that fell due while they were on the branch's rolls, and the xóa tên ground of
dues unpaid for the rule's number of months (DOMAIN.md §3, ground 1).

Dues are counted per branch: months owed in another branch before a transfer are that
branch's. A book starts with the first payment entered in it: a branch that keeps its dues book
elsewhere has no months due here, and no ground found. One stream per branch and year, so each
member's ground is published once a year.
"""

from __future__ import annotations

from datetime import date

from kit.aggregate import Aggregate
from kit.rules import RuleBook

from .events import DuesFellDue, DuesPayment, DuesPaymentsRecorded, RemovalFromRollsGroundsFound
from .removal import RemovalGround


class DuesBook(Aggregate):
    stream_prefix = "branch-dues"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.paid: dict[str, set[str]] = {}
        self.due: dict[str, set[str]] = {}
        self.grounds_found: set[str] = set()

    @staticmethod
    def id_for(organisation_id: str, year: int) -> str:
        return f"{organisation_id}-{year}"

    def unpaid(self, member_id: str) -> list[str]:
        """The months that fell due and are not paid, in order."""
        return sorted(self.due.get(member_id, set()) - self.paid.get(member_id, set()))

    def record_payments(self, organisation_id: str, year: int, meeting_id: str,
                        payments: tuple[DuesPayment, ...]) -> None:
        self.record(DuesPaymentsRecorded(organisation_id, year, meeting_id, payments))

    def fall_due(self, organisation_id: str, month: str, meeting_id: str,
                 member_ids: list[str], held_on: date, rules: RuleBook) -> None:
        """The month's dues fall due for these members (a month falls due once per member);
        any of them with the threshold's months unpaid gives the ground, once a year."""
        if not self.paid:
            return  # the branch keeps no dues book here (yet)
        year = int(month[:4])
        new = tuple(m for m in member_ids if month not in self.due.get(m, set()))
        if new:
            self.record(DuesFellDue(organisation_id, year, month, meeting_id, new))
        r = rules.in_force(held_on)
        threshold = r["removal.unpaid_dues_months_per_year"]
        for member_id in member_ids:
            unpaid = self.unpaid(member_id)
            if len(unpaid) >= threshold and member_id not in self.grounds_found:
                self.record(RemovalFromRollsGroundsFound(
                    member_id, year, RemovalGround.DUES, organisation_id, tuple(unpaid),
                    threshold, meeting_id, held_on, r.version))

    def apply(self, event: object) -> None:
        match event:
            case DuesPaymentsRecorded():
                for p in event.payments:
                    self.paid.setdefault(p.member_id, set()).update(p.months)
            case DuesFellDue():
                for member_id in event.member_ids:
                    self.due.setdefault(member_id, set()).add(event.month)
            case RemovalFromRollsGroundsFound():
                self.grounds_found.add(event.member_id)
