"""Facts as of their effective date: what a member or an organisation was on a past day, and
whether a backdated fact fits among the facts already recorded.

A fact is entered late all the time (the backlog after the 2025 reorganisation). It is checked
against the state on the day it takes effect, and it must not contradict what was recorded for
a later day: each fact belongs to a dimension of the member's file, and a backdated fact may
not precede a recorded fact of its own dimension (the later one was decided on a state the
backdated one would change). Leaving (xóa tên, death, expulsion) precedes nothing at all.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from kit.errors import ConflictsWithLaterFact, InvalidInput

T = TypeVar("T")


def check_date(day: date, today: date, field_name: str) -> None:
    """A real date, not in the future."""
    if not isinstance(day, date):
        raise InvalidInput(field_name, f"{day!r} is not a date")
    if day > today:
        raise InvalidInput(field_name, f"{day.isoformat()} is in the future")


@dataclass
class Steps(Generic[T]):
    """A value that changes on dates (a step function); changes kept in date order, a change
    entered later on the same day after the earlier one."""

    changes: list[tuple[date, int, T]] = field(default_factory=list)

    def set(self, on: date, value: T) -> None:
        bisect.insort(self.changes, (on, len(self.changes), value), key=lambda c: (c[0], c[1]))

    def at(self, on: date) -> T | None:
        """The value in force on `on` (None before the first change)."""
        i = bisect.bisect_right(self.changes, on, key=lambda c: c[0])
        return self.changes[i - 1][2] if i else None

    def move(self, old: date, new: date, value: T) -> None:
        """A change recorded on `old` to `value` happened on `new` (a corrected date)."""
        for i, (on, seq, v) in enumerate(self.changes):
            if on == old and v == value:
                del self.changes[i]
                bisect.insort(self.changes, (new, seq, v), key=lambda c: (c[0], c[1]))
                return

    def next_after(self, on: date) -> date | None:
        i = bisect.bisect_right(self.changes, on, key=lambda c: c[0])
        return self.changes[i][0] if i < len(self.changes) else None


# the dimension of a member's file each fact (by event name) belongs to
LIFECYCLE, LEAVING, PLACEMENT, EXEMPTION, CARD, PROFILE, DISCIPLINE, SUSPENSION, FILE = (
    "lifecycle", "leaving", "placement", "exemption", "card", "profile", "discipline",
    "suspension", "file")
DIMENSIONS = {
    "ApplicationSubmitted": LIFECYCLE, "ExistingMemberRecorded": LIFECYCLE,
    "MemberAdmitted": LIFECYCLE, "AdmissionCeremonyHeld": LIFECYCLE,
    "MemberRecognisedAsOfficial": LIFECYCLE,
    "MemberRemovedFromProbationaryList": LEAVING, "MemberRemovedFromRolls": LEAVING,
    "MemberDied": LEAVING,
    "MemberTransferred": PLACEMENT, "MemberTemporarilyTransferred": PLACEMENT,
    "TemporaryTransferEnded": PLACEMENT,
    "MemberExempted": EXEMPTION, "ExemptionEnded": EXEMPTION,
    "PartyCardIssued": CARD, "MemberProfileUpdated": PROFILE, "MemberDisciplined": DISCIPLINE,
    # the 2025 changes: a letter out of the province is a leaving (transit_dimension)
    "MemberSuspended": SUSPENSION, "SuspensionEnded": SUSPENSION,
    "TemporaryTransferExtended": PLACEMENT, "TransferLetterIssued": PLACEMENT,
    "TransferredMemberReceived": PLACEMENT, "MemberReceivedFromProvince": LIFECYCLE,
    # a correction (đính chính) is dated the day it is made and puts right what the file
    # recorded, whatever its date: it contradicts no fact but a later correction
    "MemberFileCorrected": FILE,
    # a transfer to another province's deployment: in transit, then gone (or back)
    "MemberSentToProvince": PLACEMENT, "TransferToProvinceCompleted": LEAVING,
    "TransferReturnedFromProvince": PLACEMENT,
}


@dataclass(frozen=True)
class Fact:
    name: str  # the event's name, e.g. MemberTransferred
    on: date  # the date it takes effect (the decision's date for a decision)
    dimension: str


@dataclass
class FactLog:
    """The member's recorded facts, in the order they were recorded."""

    facts: list[Fact] = field(default_factory=list)
    entered_on: date | None = None  # the first day the member's record covers

    def add(self, name: str, on: date, dimension: str | None = None,
            covers_from: date | None = None) -> None:
        """`covers_from`: a record that starts before its own date (a file entered with its
        admission and official dates) covers the member from that day."""
        self.facts.append(Fact(name, on, dimension or DIMENSIONS.get(name, LIFECYCLE)))
        if self.entered_on is None:
            self.entered_on = covers_from or on

    def check_fits(self, name: str, on: date, dimension: str | None = None) -> None:
        """Refuse a fact dated `on` that would contradict a recorded fact: one dated before the
        member's first record, or before a later fact it must precede."""
        dimension = dimension or DIMENSIONS.get(name, LIFECYCLE)
        if self.entered_on and on < self.entered_on and dimension is not LIFECYCLE:
            first = self.facts[0]
            raise ConflictsWithLaterFact(name, on.isoformat(), first.name, first.on.isoformat(),
                                         f"{name} dated {on:%d/%m/%Y} precedes the member's "
                                         f"record ({first.name}, {first.on:%d/%m/%Y})")
        later = [f for f in self.facts if f.on > on and _contradicts(dimension, f.dimension)]
        if later:
            first = min(later, key=lambda f: f.on)
            raise ConflictsWithLaterFact(name, on.isoformat(), first.name, first.on.isoformat())

    def redate(self, names: tuple[str, ...], old: date, new: date) -> None:
        """The facts named, recorded for `old`, took effect on `new` (a corrected date)."""
        self.facts = [Fact(f.name, new, f.dimension) if f.name in names and f.on == old else f
                      for f in self.facts]
        if self.entered_on == old:  # a file entered from the records covers its admission on
            self.entered_on = new

    def first_after(self, on: date, *dimensions: str) -> Fact | None:
        later = [f for f in self.facts if f.on > on and f.dimension in dimensions]
        return min(later, key=lambda f: f.on) if later else None


def _contradicts(attempted: str, recorded_later: str) -> bool:
    if FILE in (attempted, recorded_later):  # a correction changes no state on its date
        return attempted == recorded_later
    if attempted == LEAVING:  # nothing follows the end of membership
        return True
    if attempted == LIFECYCLE:  # statuses change in order
        return recorded_later in (LIFECYCLE, LEAVING)
    return attempted == recorded_later
