"""Personnel mutation inputs: one per command, each able to build its command. Enumerated
values are strings the domain reads (an unknown one is refused naming the field)."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import COMMAND_ID
from services.personnel import api as c


@strawberry.input(description="A decision of the body the token acts for (its organ).")
class CadreDecisionInput:
    number: str
    decided_on: date
    signer: str

    def to_decision(self) -> c.DecisionInput:
        return c.DecisionInput(self.number, self.decided_on, self.signer)


@strawberry.input(description="Who a cadre is, for a cadre who is not a party member.")
class CadrePersonInput:
    full_name: str
    date_of_birth: date
    gender: str = strawberry.field(description="male | female")


@strawberry.input(description="body: party_committee | standing_committee | government | "
                              "mass_organisation; level: province | commune.")
class RegisterPostInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    title: str
    body: str
    level: str
    organisation_id: strawberry.ID
    managing_organisation_id: strawberry.ID
    rank: int
    head: bool = False

    def to_command(self) -> c.RegisterPost:
        return c.RegisterPost(self.title, self.body, self.level, str(self.organisation_id),
                              str(self.managing_organisation_id), self.rank, self.head)


@strawberry.input(description="political_theory: none | elementary | intermediate | advanced "
                              "| bachelor; education: none | vocational | college | bachelor "
                              "| master | doctorate.")
class OpenCadreFileInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    managing_organisation_id: strawberry.ID
    political_theory: str
    education: str
    opened_on: date
    member_id: strawberry.ID | None = None
    person: CadrePersonInput | None = None

    def to_command(self) -> c.OpenCadreFile:
        person = (c.PersonInput(self.person.full_name, self.person.date_of_birth,
                                self.person.gender) if self.person else None)
        return c.OpenCadreFile(str(self.managing_organisation_id), self.political_theory,
                               self.education, self.opened_on,
                               str(self.member_id) if self.member_id else None, person)


@strawberry.input
class AddCadreToPlanInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    post_id: strawberry.ID
    cadre_id: strawberry.ID
    cycle: str
    decision: CadreDecisionInput

    def to_command(self) -> c.AddCadreToPlan:
        return c.AddCadreToPlan(str(self.post_id), str(self.cadre_id), self.cycle,
                                decision=self.decision.to_decision())


@strawberry.input(description="ground: discipline | over_age | political_standard | other.")
class RemoveCadreFromPlanInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    post_id: strawberry.ID
    cadre_id: strawberry.ID
    cycle: str
    ground: str
    reason: str
    decision: CadreDecisionInput

    def to_command(self) -> c.RemoveCadreFromPlan:
        return c.RemoveCadreFromPlan(str(self.post_id), str(self.cadre_id), self.cycle,
                                     self.ground, self.reason,
                                     decision=self.decision.to_decision())


@strawberry.input
class ProposeAppointmentInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    cadre_id: strawberry.ID
    post_id: strawberry.ID
    proposed_on: date

    def to_command(self) -> c.ProposeAppointment:
        return c.ProposeAppointment(str(self.cadre_id), str(self.post_id), self.proposed_on)


@strawberry.input
class AppointCadreInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    cadre_id: strawberry.ID
    post_id: strawberry.ID
    starts_on: date
    decision: CadreDecisionInput
    external: bool = False

    def to_command(self) -> c.AppointCadre:
        return c.AppointCadre(str(self.cadre_id), str(self.post_id), self.starts_on,
                              self.external, decision=self.decision.to_decision())


@strawberry.input
class ReappointCadreInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    cadre_id: strawberry.ID
    post_id: strawberry.ID
    decision: CadreDecisionInput

    def to_command(self) -> c.ReappointCadre:
        return c.ReappointCadre(str(self.cadre_id), str(self.post_id),
                                decision=self.decision.to_decision())


@strawberry.input
class ExtendToRetirementInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    cadre_id: strawberry.ID
    post_id: strawberry.ID
    decision: CadreDecisionInput

    def to_command(self) -> c.ExtendToRetirement:
        return c.ExtendToRetirement(str(self.cadre_id), str(self.post_id),
                                    decision=self.decision.to_decision())


@strawberry.input(description="ground: discipline | over_age | political_standard | other.")
class ProposePlanRemovalInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    post_id: strawberry.ID
    cadre_id: strawberry.ID
    cycle: str
    ground: str
    reason: str
    proposed_on: date

    def to_command(self) -> c.ProposePlanRemoval:
        return c.ProposePlanRemoval(str(self.post_id), str(self.cadre_id), self.cycle,
                                    self.ground, self.reason, self.proposed_on)
