"""What the queries on the 2025 membership changes answer with: transfers with their deadlines,
and organisations that break a formation threshold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .views import OrganisationView


@dataclass(frozen=True)
class TransferView:
    """One transfer letter: within the province (in transit until received), out of it, or a
    member received from another province (other_province names it)."""

    member_id: str
    full_name: str
    kind: str  # within_province | out_of_province | into_province
    status: str  # in_transit | received | transferred_out | ended
    from_organisation_id: str | None
    to_organisation_id: str | None
    other_province: str
    other_organisation: str
    issued_on: date
    letter_number: str
    moved_on: date | None
    start_due_on: date | None
    present_by: date
    received_on: date | None
    working_days: int | None
    late_reason: str
    overdue: bool  # in transit past present_by on the day asked
    calendar_version: str
    rule_version: str


@dataclass(frozen=True)
class ThresholdBreach:
    """An organisation breaking a formation threshold (Điều lệ Điều 21) on a date."""

    organisation: OrganisationView
    rule: str
    rule_version: str
    threshold: int
    count: int  # official members (min_official_members) or members on the rolls
    message: str
