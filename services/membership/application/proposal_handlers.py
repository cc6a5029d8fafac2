"""Handlers of the branch's proposals (đề nghị) and of delegated admission authority."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..domain import commands as c
from ..domain.authority import DecisionKind
from ..domain.member import Member
from ..domain.organisation import Organisation
from ..domain.profile import parse_enum
from ..domain.values import RemovalGround, parse_id
from .deciding import decide, nodes
from .deps import CommandScope


def _member(member_id: str, scope: CommandScope) -> tuple[Member, Organisation]:
    """The member and the branch that proposes: the member's organisation now (wt-dating: as of
    the resolution's date)."""
    member = scope.member(parse_id(member_id, "member_id"))
    branch = scope.organisation(member.organisation_id or "")
    scope.authorise(branch)
    scope.changed.append(member)
    return member, branch


def propose_admission(cmd: c.ProposeAdmission, scope: CommandScope, command_id: str) -> dict:
    m, branch = _member(cmd.member_id, scope)
    m.propose_admission(branch, cmd.resolved_on, cmd.votes_for, cmd.official_members,
                        cmd.number, scope.today, scope.rules)
    return {"member_id": m.id}


def propose_official_recognition(cmd: c.ProposeOfficialRecognition, scope: CommandScope,
                                 command_id: str) -> dict:
    m, branch = _member(cmd.member_id, scope)
    m.propose_recognition(branch, cmd.resolved_on, cmd.votes_for, cmd.official_members,
                          cmd.number, scope.today, scope.rules)
    return {"member_id": m.id}


def propose_removal_from_rolls(cmd: c.ProposeRemovalFromRolls, scope: CommandScope,
                               command_id: str) -> dict:
    m, branch = _member(cmd.member_id, scope)
    m.propose_removal_from_rolls(branch, parse_enum(RemovalGround, cmd.ground, "ground"),
                                 cmd.resolved_on, cmd.note, cmd.number, scope.today)
    return {"member_id": m.id}


def delegate_admission_authority(cmd: c.DelegateAdmissionAuthority, scope: CommandScope,
                                 command_id: str) -> dict:
    org = scope.organisation(parse_id(cmd.organisation_id, "organisation_id"),
                             resolve_merged=False)
    scope.authorise(org)
    with decide(scope, DecisionKind.ADMISSION_DELEGATION, nodes(scope, org), cmd.decision,
                cmd.effective_on, own_date=False) as d:
        org.delegate_admission_authority(cmd.effective_on, scope.today, scope.rules, d.record)
    scope.changed.append(org)
    return {"organisation_id": org.id}


PROPOSAL_HANDLERS: dict[type, Callable[[Any, CommandScope, str], dict]] = {
    c.ProposeAdmission: propose_admission,
    c.ProposeOfficialRecognition: propose_official_recognition,
    c.ProposeRemovalFromRolls: propose_removal_from_rolls,
    c.DelegateAdmissionAuthority: delegate_admission_authority,
}
