"""Handlers of a transfer between province deployments (domain/province_transfer.py). The
dossier is built from the member's file and history here, sealed for the receiving province with
its public key (kit.peers), and opened there with its own key: the application's I/O, around
pure domain steps."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from kit.errors import Forbidden, InvalidInput, InvalidState
from kit.json_decode import from_jsonable
from kit.json_encode import to_jsonable
from kit.recipient_box import UnreadableSealedData

from ..domain import province_transfer_commands as pc
from ..domain.member import Member
from ..domain.province_transfer import IncomingTransfer, check_province_code
from ..domain.province_transfer_events import CarriedFact, MemberDossier
from ..domain.values import parse_id
from .change_handlers import _member
from .deps import CommandScope
from .ids import new_id


def dossier_info(transfer_id: str) -> bytes:
    """What a sealed dossier is bound to: opened for another transfer, it fails."""
    return f"partyorg/member-dossier/{transfer_id}".encode()


def encode_dossier(dossier: MemberDossier) -> bytes:
    return json.dumps(to_jsonable(dossier), ensure_ascii=False, sort_keys=True).encode()


def decode_dossier(raw: bytes) -> MemberDossier:
    return from_jsonable(MemberDossier, json.loads(raw))


def _system_only(scope: CommandScope, what: str) -> None:
    if scope.acting_for is not None:
        raise Forbidden(f"{what} is recorded by the link between provinces, not by a user")


def _peers(scope: CommandScope) -> Any:
    if scope.peers is None:
        raise InvalidState("this deployment exchanges transfers with no other province "
                           "(no peers configured)")
    return scope.peers


def send_member_to_province(cmd: pc.SendMemberToProvince, scope: CommandScope,
                            command_id: str) -> dict:
    m, current = _member(cmd.member_id, scope)
    code = check_province_code(cmd.to_province, "to_province")
    peers = scope.peers
    if peers is not None and code == peers.own:
        raise InvalidInput("to_province", "is this province: issue a transfer letter within it")
    if peers is None or code not in peers:
        known = ", ".join(sorted(p.code for p in peers)) if peers else "none"
        raise InvalidInput("to_province", f"{code} is not a province this deployment sends "
                                          f"members to (known: {known})")
    to_organisation_id = parse_id(cmd.to_organisation_id, "to_organisation_id")
    m.check_sendable(cmd.issued_on, scope.today)
    transfer_id = new_id(command_id, "transfer")
    history = tuple(CarriedFact(peers.own, h.event, h.effective_on,
                                json.dumps(h.details, ensure_ascii=False, sort_keys=True))
                    for h in scope.occupancy.member_history(m.id))
    sealed = peers.seal_for(code, encode_dossier(m.dossier(current.name, history)),
                            dossier_info(transfer_id))
    m.send_to_province(current, transfer_id, code, to_organisation_id, cmd.issued_on,
                       cmd.letter_number, cmd.moved_on, cmd.late_reason, sealed, scope.today,
                       scope.rules)
    return {"member_id": m.id, "transfer_id": transfer_id}


def open_incoming_transfer(cmd: pc.OpenIncomingTransfer, scope: CommandScope,
                           command_id: str) -> dict:
    _system_only(scope, "a letter from another province")
    peers = _peers(scope)
    transfer_id = parse_id(cmd.transfer_id, "transfer_id")
    try:
        dossier = decode_dossier(peers.open(cmd.dossier, dossier_info(transfer_id)))
    except UnreadableSealedData as exc:
        raise InvalidInput("dossier", f"cannot be opened here: {exc}") from exc
    t = scope.repo.load(IncomingTransfer, transfer_id)
    t.open(parse_id(cmd.member_id, "member_id"), check_province_code(cmd.from_province,
                                                                     "from_province"),
           cmd.from_organisation_id, cmd.to_organisation_id, cmd.letter_number, cmd.issued_on,
           cmd.present_by, dossier)
    scope.changed.append(t)
    return {"transfer_id": t.id}


def accept_incoming_transfer(cmd: pc.AcceptIncomingTransfer, scope: CommandScope,
                             command_id: str) -> dict:
    t = scope.incoming_transfer(parse_id(cmd.transfer_id, "transfer_id"))
    letter = t.awaiting()
    to = scope.organisation(parse_id(cmd.organisation_id or letter.to_organisation_id,
                                     "organisation_id"))
    scope.read.append(to)
    t.accept(to, cmd.received_on, cmd.late_reason, scope.today, scope.rules)
    member = scope.repo.load(Member, letter.member_id)
    d = letter.dossier
    origin = scope.peers.known[letter.from_province].name \
        if scope.peers is not None and letter.from_province in scope.peers else \
        letter.from_province
    member.receive_from_province(
        to, d.profile, d.status, d.admitted_on, d.ceremony_on, d.official_from, d.card_number,
        (origin, d.from_organisation), letter.letter_number, letter.issued_on, cmd.received_on,
        cmd.late_reason, scope.today, scope.rules)
    scope.changed.extend([t, member])
    return {"transfer_id": t.id}


def refuse_incoming_transfer(cmd: pc.RefuseIncomingTransfer, scope: CommandScope,
                             command_id: str) -> dict:
    t = scope.incoming_transfer(parse_id(cmd.transfer_id, "transfer_id"))
    t.refuse(cmd.refused_on, cmd.reason, scope.today)
    scope.changed.append(t)
    return {"transfer_id": t.id}


def complete_transfer_to_province(cmd: pc.CompleteTransferToProvince, scope: CommandScope,
                                  command_id: str) -> dict:
    _system_only(scope, "a member's arrival in another province")
    m = scope.member(parse_id(cmd.member_id, "member_id"))
    m.complete_transfer_to_province(cmd.transfer_id, cmd.received_on)
    scope.changed.append(m)
    return {"member_id": m.id}


def return_transfer_from_province(cmd: pc.ReturnTransferFromProvince, scope: CommandScope,
                                  command_id: str) -> dict:
    _system_only(scope, "another province's refusal")
    m = scope.member(parse_id(cmd.member_id, "member_id"))
    m.return_from_province(cmd.transfer_id, cmd.refused_on, cmd.reason)
    scope.changed.append(m)
    return {"member_id": m.id}


PROVINCE_TRANSFER_HANDLERS: dict[type, Callable[[Any, CommandScope, str], dict]] = {
    pc.SendMemberToProvince: send_member_to_province,
    pc.OpenIncomingTransfer: open_incoming_transfer,
    pc.AcceptIncomingTransfer: accept_incoming_transfer,
    pc.RefuseIncomingTransfer: refuse_incoming_transfer,
    pc.CompleteTransferToProvince: complete_transfer_to_province,
    pc.ReturnTransferFromProvince: return_transfer_from_province,
}
