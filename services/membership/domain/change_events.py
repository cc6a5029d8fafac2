"""Events of the membership changes added with the 2025 rules: suspension, a temporary transfer
extended, a permanent transfer in transit, members received from another province. Wire names
and versions live in adapters/wire.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .profile import MemberProfile
from .values import MemberStatus, SuspensionGround


@dataclass(frozen=True)
class MemberSuspended:
    """Đình chỉ sinh hoạt đảng: still on the rolls, out of meetings and of every denominator."""

    member_id: str
    organisation_id: str
    effective_on: date
    ground: SuspensionGround
    reason: str
    rule_version: str


@dataclass(frozen=True)
class SuspensionEnded:
    """The suspension was lifted (the member takes part again from this date)."""

    member_id: str
    effective_on: date
    reason: str


@dataclass(frozen=True)
class TemporaryTransferExtended:
    """A temporary transfer runs to a later end date, within the rule book's limits."""

    member_id: str
    previous_ends_on: date
    ends_on: date
    extended_on: date
    months: int  # from the transfer's start to the new end
    rule_version: str


@dataclass(frozen=True)
class TransferLetterIssued:
    """Giới thiệu sinh hoạt đảng chính thức: the member is in transit until the receiving
    organisation records the letter presented. Out of the province (`to_organisation_id` None,
    the destination described by text) the member leaves this province's rolls on issue."""

    member_id: str
    from_organisation_id: str
    to_organisation_id: str | None
    destination_province: str
    destination_organisation: str
    out_of_province: bool
    issued_on: date
    letter_number: str
    moved_on: date | None  # the change of job or residence the transfer follows, if given
    start_due_on: date | None  # the last day to start it (working days after moved_on)
    present_by: date  # the last day to present the letter (working days after issue)
    late_reason: str
    calendar_version: str
    rule_version: str


@dataclass(frozen=True)
class TransferredMemberReceived:
    """The receiving organisation took the letter: the member is on its rolls from this date."""

    member_id: str
    from_organisation_id: str
    to_organisation_id: str
    issued_on: date
    received_on: date
    present_by: date
    working_days: int  # working days from the letter's issue to its presentation
    late_reason: str
    calendar_version: str
    rule_version: str


@dataclass(frozen=True)
class MemberReceivedFromProvince:
    """A member transferred in from another province, with the file the letter came with."""

    member_id: str
    organisation_id: str
    profile: MemberProfile
    status: MemberStatus
    admitted_on: date
    ceremony_on: date | None
    probation_ends_on: date | None
    official_from: date | None
    card_number: str | None
    from_province: str
    from_organisation: str
    letter_number: str
    letter_issued_on: date
    received_on: date
    present_by: date
    late_reason: str
    calendar_version: str
    rule_version: str
