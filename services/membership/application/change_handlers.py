"""Handlers of the membership changes added with the 2025 rules: suspension, extending a
temporary transfer, a permanent transfer in transit, members received from another province.
Load, authorise, decide, as in handlers.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..domain import change_commands as cc
from ..domain.member import Member
from ..domain.organisation import Organisation
from ..domain.profile import MemberProfile, parse_enum
from ..domain.values import MemberStatus, SuspensionGround, parse_id
from .deps import CommandScope
from .ids import new_id


def _member(member_id: str, scope: CommandScope) -> tuple[Member, Organisation]:
    member = scope.member(parse_id(member_id, "member_id"))
    org = scope.organisation(member.organisation_id or "")
    scope.authorise(org)
    scope.changed.append(member)
    return member, org


def suspend_member(cmd: cc.SuspendMember, scope: CommandScope, command_id: str) -> dict:
    m, _ = _member(cmd.member_id, scope)
    m.suspend(cmd.effective_on, parse_enum(SuspensionGround, cmd.ground, "ground"), cmd.reason,
              scope.today, scope.rules)
    return {"member_id": m.id}


def end_suspension(cmd: cc.EndSuspension, scope: CommandScope, command_id: str) -> dict:
    m, _ = _member(cmd.member_id, scope)
    m.end_suspension(cmd.effective_on, cmd.reason, scope.today)
    return {"member_id": m.id}


def extend_temporary_transfer(cmd: cc.ExtendTemporaryTransfer, scope: CommandScope,
                              command_id: str) -> dict:
    m, _ = _member(cmd.member_id, scope)
    m.extend_temporary_transfer(cmd.ends_on, cmd.extended_on, scope.today, scope.rules)
    return {"member_id": m.id}


def issue_transfer_letter(cmd: cc.IssueTransferLetter, scope: CommandScope,
                          command_id: str) -> dict:
    m, current = _member(cmd.member_id, scope)
    to = None
    if cmd.to_organisation_id is not None:
        to = scope.organisation(parse_id(cmd.to_organisation_id, "to_organisation_id"))
        scope.read.append(to)
    destination = ((cmd.destination.province, cmd.destination.organisation)
                   if cmd.destination is not None else None)
    m.issue_transfer_letter(current, to, destination, cmd.issued_on, cmd.letter_number,
                            cmd.moved_on, cmd.late_reason, scope.today, scope.rules)
    return {"member_id": m.id}


def receive_transferred_member(cmd: cc.ReceiveTransferredMember, scope: CommandScope,
                               command_id: str) -> dict:
    m = scope.incoming_member(parse_id(cmd.member_id, "member_id"))
    to = scope.organisation(m.transit.to_organisation_id) if m.transit else None
    if to is None:  # the system asked for a member not in transit: the domain says why
        to = scope.organisation(m.organisation_id or "")
    scope.authorise(to)
    scope.read.append(to)
    scope.changed.append(m)
    m.receive_transferred(to, cmd.received_on, cmd.late_reason, scope.today, scope.rules)
    return {"member_id": m.id}


def receive_member_from_province(cmd: cc.ReceiveMemberFromProvince, scope: CommandScope,
                                 command_id: str) -> dict:
    org = scope.organisation(parse_id(cmd.organisation_id, "organisation_id"))
    scope.authorise(org)
    member = Member(new_id(command_id, "member"))
    profile = MemberProfile.create(**cmd.profile.__dict__, today=scope.today)
    member.receive_from_province(
        org, profile, parse_enum(MemberStatus, cmd.status, "status"), cmd.admitted_on,
        cmd.ceremony_on, cmd.official_from, cmd.card_number,
        (cmd.from_province, cmd.from_organisation), cmd.letter_number, cmd.letter_issued_on,
        cmd.received_on, cmd.late_reason, scope.today, scope.rules)
    scope.changed.append(member)
    return {"member_id": member.id}


CHANGE_HANDLERS: dict[type, Callable[[Any, CommandScope, str], dict]] = {
    cc.SuspendMember: suspend_member,
    cc.EndSuspension: end_suspension,
    cc.ExtendTemporaryTransfer: extend_temporary_transfer,
    cc.IssueTransferLetter: issue_transfer_letter,
    cc.ReceiveTransferredMember: receive_transferred_member,
    cc.ReceiveMemberFromProvince: receive_member_from_province,
}
