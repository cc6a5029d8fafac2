"""Personnel mutations added beside the core ones (graphql/mutations.py): erasing a cadre's
personal data, rotation. Same shape: XxxSucceeded, a typed refusal or CommandNotConfirmed."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import COMMAND_ID, CommandSucceeded
from services.personnel import api as c

from .inputs import CadreDecisionInput
from .mutations import _union, run
from .types import Info


@strawberry.input(description="Xoá dữ liệu cá nhân: the cadre's key is destroyed, so their "
                              "name, birth date and gender are erased for good.")
class EraseCadrePersonalDataInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    cadre_id: strawberry.ID
    reason: str
    decision: CadreDecisionInput

    def to_command(self) -> c.EraseCadrePersonalData:
        return c.EraseCadrePersonalData(str(self.cadre_id), self.reason,
                                        decision=self.decision.to_decision())


@strawberry.type
class EraseCadrePersonalDataSucceeded(CommandSucceeded):
    cadre_id: strawberry.ID


EraseCadrePersonalDataResult = _union("EraseCadrePersonalData", EraseCadrePersonalDataSucceeded)


@strawberry.input(description="Luân chuyển (QĐ 65): a planned cadre into an existing post of "
                              "the same rank; a higher one only with higherByException.")
class RotateCadreInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    cadre_id: strawberry.ID
    to_post_id: strawberry.ID
    starts_on: date
    higher_by_exception: bool = False
    decision: CadreDecisionInput

    def to_command(self) -> c.RotateCadre:
        return c.RotateCadre(str(self.cadre_id), str(self.to_post_id), self.starts_on,
                             self.higher_by_exception, decision=self.decision.to_decision())


@strawberry.type
class RotateCadreSucceeded(CommandSucceeded):
    cadre_id: strawberry.ID
    post_id: strawberry.ID


RotateCadreResult = _union("RotateCadre", RotateCadreSucceeded)


@strawberry.type
class PersonnelMoreMutation:
    @strawberry.mutation(description="Erase a cadre's personal data (not a party member's: the "
                                     "member file holds theirs), by the managing committee's "
                                     "organisation board: their key is destroyed, the file "
                                     "reads erased everywhere, a rebuild included.")
    def erase_cadre_personal_data(self, info: Info, input: EraseCadrePersonalDataInput
                                  ) -> EraseCadrePersonalDataResult:
        return run(info, input, EraseCadrePersonalDataSucceeded)

    @strawberry.mutation(description="Luân chuyển (QĐ 65): refused, naming the rule, for a cadre "
                                     "in no plan, a post not of the same rank (higher only by "
                                     "exception), a key leader into their own locality, a third "
                                     "head term in one place, or too soon after a rotation.")
    def rotate_cadre(self, info: Info, input: RotateCadreInput) -> RotateCadreResult:
        return run(info, input, RotateCadreSucceeded)
