"""Kỷ luật tổ chức đảng (disciplining a party organisation): its input, result and mutation;
and what a discipline was for (MisconductCategory), which a member's discipline also names."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import COMMAND_ID, Info, execute, graphql_enum
from services.membership import api as c

from .decision_inputs import DecisionInput
from .results import OrganisationCommandSucceeded, result_union

MisconductCategory = graphql_enum(
    c.MisconductCategory, "MisconductCategory",
    "What a discipline was for (nội dung vi phạm); CORRUPTION: tham nhũng, tiêu cực. "
    "Configurable categories, not law.")
OrganisationDisciplineForm = graphql_enum(
    c.OrganisationDisciplineForm, "OrganisationDisciplineForm",
    "Forms of discipline of a party organisation: khiển trách, cảnh cáo, giải tán.")


@strawberry.input(description="Kỷ luật tổ chức đảng: the body above disciplines a party "
                              "organisation, for a kind of misconduct.")
class DisciplineOrganisationInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID
    form: OrganisationDisciplineForm  # type: ignore[valid-type]
    misconduct: MisconductCategory  # type: ignore[valid-type]
    decided_on: date
    reason: str
    decision: DecisionInput = strawberry.field(description="The decision and the body that "
                                                           "took it.")

    def to_command(self) -> c.DisciplineOrganisation:
        return c.DisciplineOrganisation(str(self.organisation_id), self.form.value,
                                        self.misconduct.value, self.decided_on, self.reason,
                                        decision=self.decision.to_domain())


@strawberry.type
class DisciplineOrganisationSucceeded(OrganisationCommandSucceeded):
    pass


DisciplineOrganisationResult = result_union("DisciplineOrganisation",
                                            DisciplineOrganisationSucceeded)


@strawberry.type
class DisciplineMutation:
    @strawberry.mutation(description=(
        "Kỷ luật tổ chức đảng: reprimand or warn a party organisation (the committee above, "
        "its BTV or UBKT), or dissolve it as discipline (the committee one level further up). "
        "A body the rule book does not give the form to is refused, naming the rule."))
    def discipline_organisation(self, info: Info, input: DisciplineOrganisationInput
                                ) -> DisciplineOrganisationResult:  # type: ignore[valid-type]
        return execute(info, "membership", input, DisciplineOrganisationSucceeded,
                       parse_id=c.parse_id, denied="your roles do not allow changing "
                                                   "membership records")
