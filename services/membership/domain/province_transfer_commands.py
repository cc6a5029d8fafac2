"""Commands of a transfer between province deployments (province_transfer_events.py). The
sending committee issues `SendMemberToProvince`; the receiving committee `AcceptIncomingTransfer`
or `RefuseIncomingTransfer`. The other three are the link's (the system's): it opens the letter
here when the sending province publishes it, and closes it there when this one answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from kit.dates import PartyDate
from kit.references import Ref

from .commands import MemberId, OrganisationId

# a letter from another province addressed within the caller's subtree (or, addressed to an
# organisation this province does not have, seen by the province's own committee)
IncomingTransferId = Annotated[str, Ref("incoming_transfer")]


@dataclass(frozen=True)
class SendMemberToProvince:
    """Giới thiệu sinh hoạt đảng ra ngoài tỉnh, to a province deployment this one knows:
    `to_organisation_id` is the receiving organisation as that province names it."""

    member_id: MemberId
    to_province: str
    to_organisation_id: str
    issued_on: PartyDate
    letter_number: str
    moved_on: PartyDate | None = None
    late_reason: str = ""


@dataclass(frozen=True)
class AcceptIncomingTransfer:
    """Tiếp nhận: the member presented the letter; on the rolls of `organisation_id` (the
    letter's organisation unless another branch of the subtree takes them)."""

    transfer_id: IncomingTransferId
    received_on: PartyDate
    organisation_id: OrganisationId | None = None
    late_reason: str = ""


@dataclass(frozen=True)
class RefuseIncomingTransfer:
    transfer_id: IncomingTransferId
    refused_on: PartyDate
    reason: str


@dataclass(frozen=True)
class OpenIncomingTransfer:
    """The link: a letter the sending province published, its dossier sealed for this one."""

    transfer_id: str
    member_id: str
    from_province: str
    from_organisation_id: str
    to_organisation_id: str
    letter_number: str
    issued_on: PartyDate
    present_by: PartyDate
    dossier: str


@dataclass(frozen=True)
class CompleteTransferToProvince:
    """The link: the receiving province recorded the member's arrival."""

    member_id: str
    transfer_id: str
    received_on: PartyDate


@dataclass(frozen=True)
class ReturnTransferFromProvince:
    """The link: the receiving province refused the member."""

    member_id: str
    transfer_id: str
    refused_on: PartyDate
    reason: str


# the commands the link between provinces issues itself, from the other province's events: no
# user's (refused with Forbidden when one asks), and no mutation
ISSUED_BY_THE_LINK = (OpenIncomingTransfer, CompleteTransferToProvince, ReturnTransferFromProvince)
