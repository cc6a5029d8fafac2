"""Personnel mutations: one per command, each answering XxxSucceeded, a typed refusal or
CommandNotConfirmed (gateway.commands). The service refuses, as not found, a post or cadre file
the caller's committee does not manage; decisions are taken by the organ the token names."""

from __future__ import annotations

from typing import Annotated, Any, Union

import strawberry

from gateway.toolkit import ERROR_TYPES, CommandNotConfirmed, CommandSucceeded, execute
from services.personnel.api import parse_id

from . import inputs as i
from .types import Info

DENIED = "your roles do not allow changing cadre records"


def _union(command: str, succeeded: type) -> Any:
    return Annotated[Union[(succeeded, *ERROR_TYPES, CommandNotConfirmed)],  # noqa: UP007
                     strawberry.union(f"{command}Result")]


@strawberry.type
class RegisterPostSucceeded(CommandSucceeded):
    post_id: strawberry.ID


@strawberry.type
class OpenCadreFileSucceeded(CommandSucceeded):
    cadre_id: strawberry.ID


@strawberry.interface(description="A command about a cadre and a post succeeded.")
class CadrePostCommandSucceeded(CommandSucceeded):
    cadre_id: strawberry.ID
    post_id: strawberry.ID


@strawberry.type
class AddCadreToPlanSucceeded(CadrePostCommandSucceeded):
    pass


@strawberry.type
class RemoveCadreFromPlanSucceeded(CadrePostCommandSucceeded):
    pass


@strawberry.type
class ProposeAppointmentSucceeded(CadrePostCommandSucceeded):
    pass


@strawberry.type
class AppointCadreSucceeded(CadrePostCommandSucceeded):
    pass


@strawberry.type
class ReappointCadreSucceeded(CadrePostCommandSucceeded):
    pass


@strawberry.type
class ExtendToRetirementSucceeded(CadrePostCommandSucceeded):
    pass


@strawberry.type
class ProposePlanRemovalSucceeded(CadrePostCommandSucceeded):
    pass


RegisterPostResult = _union("RegisterPost", RegisterPostSucceeded)
OpenCadreFileResult = _union("OpenCadreFile", OpenCadreFileSucceeded)
AddCadreToPlanResult = _union("AddCadreToPlan", AddCadreToPlanSucceeded)
RemoveCadreFromPlanResult = _union("RemoveCadreFromPlan", RemoveCadreFromPlanSucceeded)
ProposeAppointmentResult = _union("ProposeAppointment", ProposeAppointmentSucceeded)
AppointCadreResult = _union("AppointCadre", AppointCadreSucceeded)
ReappointCadreResult = _union("ReappointCadre", ReappointCadreSucceeded)
ExtendToRetirementResult = _union("ExtendToRetirement", ExtendToRetirementSucceeded)
ProposePlanRemovalResult = _union("ProposePlanRemoval", ProposePlanRemovalSucceeded)


def run(info: Info, input: Any, succeeded: type) -> Any:
    return execute(info, "personnel", input, succeeded, parse_id=parse_id, denied=DENIED)


@strawberry.type
class PersonnelMutation:
    @strawberry.mutation(description="Add a leadership post, managed by the token's committee.")
    def register_post(self, info: Info, input: i.RegisterPostInput) -> RegisterPostResult:
        return run(info, input, RegisterPostSucceeded)

    @strawberry.mutation(description="Open a cadre file under the token's committee.")
    def open_cadre_file(self, info: Info, input: i.OpenCadreFileInput) -> OpenCadreFileResult:
        return run(info, input, OpenCadreFileSucceeded)

    @strawberry.mutation(description="Đưa vào quy hoạch: refused, naming the rule, for a post "
                                     "whose plan is full, a cadre in too many plans, a post not "
                                     "higher than the cadre's, an appointment in progress, or "
                                     "too few years for a full term.")
    def add_cadre_to_plan(self, info: Info,
                          input: i.AddCadreToPlanInput) -> AddCadreToPlanResult:
        return run(info, input, AddCadreToPlanSucceeded)

    @strawberry.mutation(description="Đưa ra khỏi quy hoạch, on a ground the facts support.")
    def remove_cadre_from_plan(self, info: Info, input: i.RemoveCadreFromPlanInput
                               ) -> RemoveCadreFromPlanResult:
        return run(info, input, RemoveCadreFromPlanSucceeded)

    @strawberry.mutation(description="Start an appointment: planning waits until it ends.")
    def propose_appointment(self, info: Info, input: i.ProposeAppointmentInput
                            ) -> ProposeAppointmentResult:
        return run(info, input, ProposeAppointmentSucceeded)

    @strawberry.mutation(description="Bổ nhiệm: an internal candidate must be in the plan.")
    def appoint_cadre(self, info: Info, input: i.AppointCadreInput) -> AppointCadreResult:
        return run(info, input, AppointCadreSucceeded)

    @strawberry.mutation(description="Bổ nhiệm lại: the next consecutive term.")
    def reappoint_cadre(self, info: Info, input: i.ReappointCadreInput) -> ReappointCadreResult:
        return run(info, input, ReappointCadreSucceeded)

    @strawberry.mutation(description="Extend the current term to retirement.")
    def extend_to_retirement(self, info: Info, input: i.ExtendToRetirementInput
                             ) -> ExtendToRetirementResult:
        return run(info, input, ExtendToRetirementSucceeded)

    @strawberry.mutation(description="Propose a removal from a plan, on a ground the facts "
                                     "support; the competent body decides.")
    def propose_plan_removal(self, info: Info, input: i.ProposePlanRemovalInput
                             ) -> ProposePlanRemovalResult:
        return run(info, input, ProposePlanRemovalSucceeded)
