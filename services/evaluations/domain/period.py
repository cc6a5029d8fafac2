"""The evaluation period (đợt đánh giá, xếp loại): a committee's campaign for its subtree.

The roll is fixed when the period opens, from the membership view as of the reference date:
members and organisations evaluated, and the members left out with the reason. A subject is
known to the period only if it is on the roll; a step for anyone else is refused as not found.
"""

from __future__ import annotations

from datetime import date

from kit.aggregate import Aggregate
from kit.errors import InvalidInput, InvalidState
from kit.rules import RuleSet

from .events import (
    EvaluatedMember,
    EvaluatedOrganisation,
    EvaluationPeriodClosed,
    EvaluationPeriodOpened,
    LeftOut,
)
from .values import PeriodKind, SubjectKind


class EvaluationPeriod(Aggregate):
    stream_prefix = "evaluation_period"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.organisation_id = ""
        self.kind = PeriodKind.ANNUAL
        self.year = 0
        self.reference_date: date | None = None
        self.closed_on: date | None = None
        self.members: dict[str, EvaluatedMember] = {}
        self.organisations: dict[str, EvaluatedOrganisation] = {}
        self.left_out: dict[str, LeftOut] = {}

    # -- decisions ----------------------------------------------------------------------------

    def open(self, organisation_id: str, kind: PeriodKind, year: int, reference_date: date,
             civil_servants_by: date | None, closes_on: date,
             members: tuple[EvaluatedMember, ...],
             organisations: tuple[EvaluatedOrganisation, ...], left_out: tuple[LeftOut, ...],
             rules: RuleSet) -> None:
        if self.exists:
            raise InvalidState(f"evaluation period {self.id} is already open")
        if not 1930 <= year <= reference_date.year + 1:
            raise InvalidInput("year", f"{year} is not a year of the party's records")
        if closes_on < reference_date:
            raise InvalidInput("closes_on", "falls before the reference date")
        month, day = rules["calendar.civil_servants_by"]
        civil_servants_by = civil_servants_by or date(year, month, day)
        if civil_servants_by > closes_on:
            raise InvalidInput("civil_servants_by", "falls after the period closes")
        if not members and not organisations:
            raise InvalidInput("organisation_id", "nobody in this subtree is evaluated on the "
                                                  "reference date")
        self.record(EvaluationPeriodOpened(
            self.id, organisation_id, kind, year, reference_date, civil_servants_by, closes_on,
            members, organisations, left_out, rules.version))

    def close(self, closed_on: date, undecided: int) -> None:
        self.require_open()
        if self.reference_date is not None and closed_on < self.reference_date:
            raise InvalidInput("closed_on", "falls before the period's reference date")
        self.record(EvaluationPeriodClosed(self.id, closed_on, undecided))

    # -- reading ------------------------------------------------------------------------------

    def require_open(self) -> None:
        if self.closed_on is not None:
            raise InvalidState(f"evaluation period {self.id} closed on "
                               f"{self.closed_on:%d/%m/%Y}: no step is taken in it any more")

    def subject(self, subject_id: str) -> tuple[SubjectKind, str, str] | LeftOut | None:
        """(kind, organisation id, grassroots id) of a subject on the roll; the record of a
        member left out of it; None for an id the period does not know."""
        member = self.members.get(subject_id)
        if member is not None:
            return SubjectKind.MEMBER, member.organisation_id, member.grassroots_id
        org = self.organisations.get(subject_id)
        if org is not None:
            return SubjectKind.ORGANISATION, org.organisation_id, org.grassroots_id
        return self.left_out.get(subject_id)

    def on_roll(self, subject_id: str) -> bool:
        return subject_id in self.members or subject_id in self.organisations

    def subjects_in(self, grassroots_id: str) -> list[str]:
        """The members on the roll counted in one grassroots organisation's quota."""
        return [m.member_id for m in self.members.values() if m.grassroots_id == grassroots_id]

    @property
    def annual(self) -> bool:
        return self.kind is PeriodKind.ANNUAL

    def apply(self, event: object) -> None:
        match event:
            case EvaluationPeriodOpened():
                self.organisation_id = event.organisation_id
                self.kind = event.kind
                self.year = event.year
                self.reference_date = event.reference_date
                self.members = {m.member_id: m for m in event.members}
                self.organisations = {o.organisation_id: o for o in event.organisations}
                self.left_out = {m.member_id: m for m in event.left_out}
            case EvaluationPeriodClosed():
                self.closed_on = event.closed_on
