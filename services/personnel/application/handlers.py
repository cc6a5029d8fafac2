"""One handler per command: load, authorise, decide. The service saves what they changed."""

from __future__ import annotations

import uuid
from typing import Any

from kit.errors import InvalidInput
from kit.ids import parse_id
from kit.text import clean_text

from ..domain import commands as c
from ..domain.cadre import CadreFile
from ..domain.erasure import EraseCadrePersonalData
from ..domain.events import PersonalData
from ..domain.facts import removal_grounds
from ..domain.post import Post
from ..domain.reads import FileRead
from ..domain.rotation import RotateCadre
from ..domain.values import (
    Education,
    Gender,
    PlanRemovalGround,
    PoliticalTheory,
    PostBody,
    PostLevel,
    parse_enum,
)
from .congress_handlers import CONGRESS_HANDLERS
from .deps import CommandScope
from .erasing import erase_cadre_personal_data
from .plan_approval_handlers import PLAN_APPROVAL_HANDLERS
from .rotating import rotate_cadre

ID_NAMESPACE = uuid.UUID("7c2f4b8e-1d3a-4e5f-9b6c-0a8d2e4f6b13")


def new_id(command_id: str, kind: str) -> str:
    """Ids of new aggregates derive from the command id, so a retry names the same one."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{kind}:{command_id}"))


def register_post(cmd: c.RegisterPost, scope: CommandScope, command_id: str) -> dict:
    managing = parse_id(cmd.managing_organisation_id, "managing_organisation_id")
    organisation = parse_id(cmd.organisation_id, "organisation_id")
    scope.require_manager(managing)
    post = Post(new_id(command_id, "post"))
    post.register(cmd.title, parse_enum(PostBody, cmd.body, "body"),
                  parse_enum(PostLevel, cmd.level, "level"), organisation, managing, cmd.rank,
                  cmd.head)
    scope.changed.append(post)
    return {"post_id": post.id}


def open_cadre_file(cmd: c.OpenCadreFile, scope: CommandScope, command_id: str) -> dict:
    managing = parse_id(cmd.managing_organisation_id, "managing_organisation_id")
    scope.require_manager(managing)
    person = None
    if cmd.member_id is not None:
        if cmd.person is not None:
            raise InvalidInput("person", "a party member's identity comes from the member file")
        if scope.directory.member(parse_id(cmd.member_id, "member_id")) is None:
            raise InvalidInput("member_id", "names no member")
    elif cmd.person is None:
        raise InvalidInput("person", "a cadre who is not a party member needs name, birth date "
                                     "and gender")
    else:
        person = PersonalData(cmd.person.full_name, cmd.person.date_of_birth,
                              parse_enum(Gender, cmd.person.gender, "person.gender"))
    cadre = CadreFile(new_id(command_id, "cadre"))
    cadre.open(managing, cmd.member_id, person,
               parse_enum(PoliticalTheory, cmd.political_theory, "political_theory"),
               parse_enum(Education, cmd.education, "education"), cmd.opened_on)
    scope.changed.append(cadre)
    return {"cadre_id": cadre.id}


def _both(cmd: Any, scope: CommandScope) -> tuple[CadreFile, Post]:
    cadre = scope.cadre(parse_id(cmd.cadre_id, "cadre_id"))
    post = scope.post(parse_id(cmd.post_id, "post_id"))
    return cadre, post


def add_cadre_to_plan(cmd: c.AddCadreToPlan, scope: CommandScope, command_id: str) -> dict:
    cadre, post = _both(cmd, scope)
    decision, rules = scope.decision(post.managing_organisation_id, cmd.decision)
    cadre.add_to_plan(post, cmd.cycle, decision, rules, scope.person(cadre),
                      scope.current_rank(cadre, decision.decided_on))
    scope.changed += [cadre, post]
    return {"cadre_id": cadre.id, "post_id": post.id}


def remove_cadre_from_plan(cmd: c.RemoveCadreFromPlan, scope: CommandScope,
                           command_id: str) -> dict:
    cadre, post = _both(cmd, scope)
    decision, rules = scope.decision(post.managing_organisation_id, cmd.decision)
    ground = parse_enum(PlanRemovalGround, cmd.ground, "ground")
    reason = clean_text(cmd.reason, "reason", max_length=500)
    added = cadre.plans.get(cmd.cycle, {}).get(post.id, decision.decided_on)
    found = removal_grounds(scope.person(cadre), scope.disciplines(cadre), added, cmd.cycle,
                            decision.decided_on, rules)
    cadre.remove_from_plan(post, cmd.cycle, ground, reason, decision, rules, found)
    scope.changed += [cadre, post]
    return {"cadre_id": cadre.id, "post_id": post.id}


def propose_plan_removal(cmd: c.ProposePlanRemoval, scope: CommandScope,
                         command_id: str) -> dict:
    cadre, post = _both(cmd, scope)
    rules = scope.rules.in_force(cmd.proposed_on)
    ground = parse_enum(PlanRemovalGround, cmd.ground, "ground")
    reason = clean_text(cmd.reason, "reason", max_length=500)
    added = cadre.plans.get(cmd.cycle, {}).get(post.id, cmd.proposed_on)
    found = removal_grounds(scope.person(cadre), scope.disciplines(cadre), added, cmd.cycle,
                            cmd.proposed_on, rules)
    cadre.propose_removal(post, cmd.cycle, ground, reason, cmd.proposed_on, rules, found)
    scope.changed.append(cadre)
    scope.read.append(post)
    return {"cadre_id": cadre.id, "post_id": post.id}


def propose_appointment(cmd: c.ProposeAppointment, scope: CommandScope,
                        command_id: str) -> dict:
    cadre, post = _both(cmd, scope)
    cadre.propose_appointment(post, cmd.proposed_on)
    scope.changed.append(cadre)
    scope.read.append(post)
    return {"cadre_id": cadre.id, "post_id": post.id}


def appoint_cadre(cmd: c.AppointCadre, scope: CommandScope, command_id: str) -> dict:
    cadre, post = _both(cmd, scope)
    decision, rules = scope.decision(post.managing_organisation_id, cmd.decision)
    cadre.appoint(post, cmd.starts_on, bool(cmd.external), decision, rules, scope.person(cadre),
                  scope.current_rank(cadre, cmd.starts_on), scope.disciplines(cadre))
    scope.changed.append(cadre)
    scope.read.append(post)
    return {"cadre_id": cadre.id, "post_id": post.id}


def reappoint_cadre(cmd: c.ReappointCadre, scope: CommandScope, command_id: str) -> dict:
    cadre, post = _both(cmd, scope)
    decision, rules = scope.decision(post.managing_organisation_id, cmd.decision)
    cadre.reappoint(post, decision, rules, scope.person(cadre))
    scope.changed.append(cadre)
    scope.read.append(post)
    return {"cadre_id": cadre.id, "post_id": post.id}


def extend_to_retirement(cmd: c.ExtendToRetirement, scope: CommandScope,
                         command_id: str) -> dict:
    cadre, post = _both(cmd, scope)
    decision, rules = scope.decision(post.managing_organisation_id, cmd.decision)
    cadre.extend_to_retirement(post, decision, rules, scope.person(cadre))
    scope.changed.append(cadre)
    scope.read.append(post)
    return {"cadre_id": cadre.id, "post_id": post.id}


def record_cadre_file_read(cmd: c.RecordCadreFileRead, scope: CommandScope,
                           command_id: str) -> dict:
    cadre = scope.cadre(parse_id(cmd.cadre_id, "cadre_id"))
    read = FileRead(new_id(command_id, "read"))
    ctx = scope.context
    read.record_read(cadre.id, cadre.managing_organisation_id, ctx.actor.user_id,
                     ctx.actor.role, scope.acting_for, ctx.acting_organ or "", scope.now,
                     cmd.purpose)
    scope.changed.append(read)
    return {"cadre_id": cadre.id, "read_id": read.id}


HANDLERS = {
    c.RegisterPost: register_post,
    c.OpenCadreFile: open_cadre_file,
    c.AddCadreToPlan: add_cadre_to_plan,
    c.RemoveCadreFromPlan: remove_cadre_from_plan,
    c.ProposeAppointment: propose_appointment,
    c.ProposePlanRemoval: propose_plan_removal,
    c.AppointCadre: appoint_cadre,
    c.ReappointCadre: reappoint_cadre,
    c.ExtendToRetirement: extend_to_retirement,
    c.RecordCadreFileRead: record_cadre_file_read,
    # personnel-more: erasure (crypto-shredding)
    EraseCadrePersonalData: erase_cadre_personal_data,
    RotateCadre: rotate_cadre,
    **CONGRESS_HANDLERS,
    **PLAN_APPROVAL_HANDLERS,
}
