"""What this province does with another province's published membership events (the link,
kit.links): the saga of a transfer between provinces, each step a command of this province's
issued by the system, under a command id derived from the peer and the event, so an event
delivered twice (a restart, a redelivery, a day of catching up) has its effect once.

- a letter sent here (MemberSentToProvince for this province) opens an incoming transfer;
- the member's arrival or refusal there (IncomingTransferAccepted / Refused, from this
  province) completes or returns the transfer here.
Everything else on the peer's topic is not ours: passed over.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from kit.envelope import Actor, CommandContext, Envelope
from kit.errors import DomainError

from ..domain import province_transfer_commands as pc
from ..domain import province_transfer_events as pe

log = logging.getLogger(__name__)
LINK_NAMESPACE = uuid.UUID("9d3c4b1e-2f6a-4e1b-8c7d-5a0f3e2b1c94")
LINK_ACTOR = Actor("membership.province-link", "system")


def command_for(event: object, province: str, peer: str) -> object | None:
    """The command this province issues for a peer's event, if any."""
    match event:
        case pe.MemberSentToProvince() if event.to_province == province:
            return pc.OpenIncomingTransfer(
                event.transfer_id, event.member_id, peer, event.from_organisation_id,
                event.to_organisation_id, event.letter_number, event.issued_on,
                event.present_by, event.dossier)
        case pe.IncomingTransferAccepted() if event.from_province == province:
            return pc.CompleteTransferToProvince(event.member_id, event.transfer_id,
                                                 event.received_on)
        case pe.IncomingTransferRefused() if event.from_province == province:
            return pc.ReturnTransferFromProvince(event.member_id, event.transfer_id,
                                                 event.refused_on, event.reason)
    return None


# what it takes of a peer's events (ServiceDeclaration.peer_event_types): the rest is passed
# over by the link undecoded
TAKEN = (pe.MemberSentToProvince, pe.IncomingTransferAccepted, pe.IncomingTransferRefused)


def apply_peer_event(service: Any, province: str, peer: str, event: object,
                     envelope: Envelope) -> None:
    """The declaration's peer_events. A refusal (a letter that cannot be opened here, a
    transfer already closed) is logged and passed over: the reconciliation read models show
    the transfer unmatched. Any other error propagates: the link retries the event."""
    command = command_for(event, province, peer)
    if command is None:
        return
    command_id = str(uuid.uuid5(LINK_NAMESPACE, f"{peer}:{envelope.event_id}"))
    try:
        service.execute(command, CommandContext(command_id, province, LINK_ACTOR,
                                                correlation_id=envelope.correlation_id,
                                                causation_id=envelope.event_id))
    except DomainError as error:
        log.warning("a peer's transfer event refused here", extra={
            "peer": peer, "event_id": envelope.event_id, "type": envelope.type,
            "error": error.to_dict()})
