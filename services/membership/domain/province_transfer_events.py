"""Events of a transfer between two province deployments (chuyển sinh hoạt đảng ra ngoài tỉnh),
a saga over the provinces' published events:

  sending province                         receiving province
  MemberSentToProvince  ──(its topic)──▶   IncomingTransferOpened   (the letter and the file)
                                           IncomingTransferAccepted (the member arrives) or
                                           IncomingTransferRefused  (sent back)
  TransferToProvinceCompleted ◀──(its topic)── or TransferReturnedFromProvince

The member keeps their id across provinces: their file, party age and history go with them in
the dossier, sealed for the receiving province (kit.recipient_box) so only it can read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .profile import MemberProfile
from .values import MemberStatus


@dataclass(frozen=True)
class CarriedFact:
    """One fact of the member's history as the sending province's member history shows it."""

    province: str
    event: str  # e.g. MemberAdmitted
    effective_on: date
    details: str  # JSON text, as recorded there


@dataclass(frozen=True)
class MemberDossier:
    """Hồ sơ đảng viên: what travels with the member to the receiving province."""

    profile: MemberProfile
    status: MemberStatus
    admitted_on: date
    ceremony_on: date | None
    probation_ends_on: date | None
    official_from: date | None
    card_number: str | None
    from_organisation: str  # the sending organisation's name, as the letter gives it
    history: tuple[CarriedFact, ...]


@dataclass(frozen=True)
class MemberSentToProvince:
    """The letter issued to an organisation of another province's deployment: the member is in
    transit until that province records their arrival (or sends them back)."""

    member_id: str
    transfer_id: str
    from_organisation_id: str
    to_province: str  # the receiving deployment's code
    to_organisation_id: str  # an organisation of the receiving province, as it names it
    issued_on: date
    letter_number: str
    moved_on: date | None
    start_due_on: date | None
    present_by: date  # the last day to present the letter (working days after issue)
    late_reason: str
    dossier: str  # MemberDossier as JSON, sealed for the receiving province
    calendar_version: str
    rule_version: str


@dataclass(frozen=True)
class TransferToProvinceCompleted:
    """The receiving province recorded the member's arrival: off this province's rolls."""

    member_id: str
    transfer_id: str
    to_province: str
    received_on: date


@dataclass(frozen=True)
class TransferReturnedFromProvince:
    """The receiving province refused the member: back on this province's rolls as before."""

    member_id: str
    transfer_id: str
    to_province: str
    refused_on: date
    reason: str


@dataclass(frozen=True)
class IncomingTransferOpened:
    """A letter from another province's deployment, with the member's dossier, awaiting the
    member (opened by the link that reads the sending province's events)."""

    transfer_id: str
    member_id: str
    from_province: str
    from_organisation_id: str
    to_organisation_id: str
    letter_number: str
    issued_on: date
    present_by: date
    dossier: MemberDossier


@dataclass(frozen=True)
class IncomingTransferAccepted:
    """The member presented the letter and is on this province's rolls from `received_on`."""

    transfer_id: str
    member_id: str
    from_province: str
    organisation_id: str
    received_on: date
    present_by: date
    working_days: int  # from the letter's issue to its presentation
    late_reason: str
    calendar_version: str
    rule_version: str


@dataclass(frozen=True)
class IncomingTransferRefused:
    transfer_id: str
    member_id: str
    from_province: str
    refused_on: date
    reason: str
