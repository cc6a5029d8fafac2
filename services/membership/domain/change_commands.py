"""Commands of the membership changes added with the 2025 rules (see change_events.py). Plain
data, typed as in commands.py: ids by what they name, dates by their span, names checked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from kit.dates import PartyDate, PlannedEnd
from kit.references import Ref
from kit.text import NumberedName

from .commands import MemberId, OrganisationId, ProfileInput

# a member in transit to an organisation in the caller's subtree (the receiving side sees them)
IncomingMemberId = Annotated[str, Ref("incoming_member")]


@dataclass(frozen=True)
class SuspendMember:
    """Đình chỉ sinh hoạt đảng."""

    member_id: MemberId
    effective_on: PartyDate
    ground: str
    reason: str


@dataclass(frozen=True)
class EndSuspension:
    member_id: MemberId
    effective_on: PartyDate
    reason: str = ""


@dataclass(frozen=True)
class ExtendTemporaryTransfer:
    member_id: MemberId
    ends_on: PlannedEnd
    extended_on: PartyDate


@dataclass(frozen=True)
class TransferDestination:
    """An organisation outside this province's deployment, described as the letter names it."""

    province: NumberedName
    organisation: NumberedName


@dataclass(frozen=True)
class IssueTransferLetter:
    """Giới thiệu sinh hoạt đảng: to a branch here (`to_organisation_id`), or out of the
    province (`destination`). `moved_on`: the change of job or residence it follows."""

    member_id: MemberId
    issued_on: PartyDate
    letter_number: str
    to_organisation_id: OrganisationId | None = None
    destination: TransferDestination | None = None
    moved_on: PartyDate | None = None
    late_reason: str = ""


@dataclass(frozen=True)
class ReceiveTransferredMember:
    member_id: IncomingMemberId
    received_on: PartyDate
    late_reason: str = ""


@dataclass(frozen=True)
class ReceiveMemberFromProvince:
    """A member coming from another province, with their file."""

    organisation_id: OrganisationId
    profile: ProfileInput
    status: str
    admitted_on: PartyDate
    from_province: NumberedName
    from_organisation: NumberedName
    letter_number: str
    letter_issued_on: PartyDate
    received_on: PartyDate
    ceremony_on: PartyDate | None = None
    official_from: PartyDate | None = None
    card_number: str | None = None
    late_reason: str = ""


__all__ = ["EndSuspension", "ExtendTemporaryTransfer", "IncomingMemberId", "IssueTransferLetter",
           "ReceiveMemberFromProvince", "ReceiveTransferredMember", "SuspendMember",
           "TransferDestination"]
