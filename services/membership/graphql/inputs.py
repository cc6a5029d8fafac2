"""Mutation inputs: one per command, each able to build its command.

Every input carries a client-made `commandId` (a UUID): sending the same command again with the
same id changes nothing and answers `duplicate: true`. Member inputs are in member_inputs.py.
"""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import COMMAND_ID
from services.membership import api as c

from .types import OrganisationType

# domain field names whose input path is not their camelCase (errors name the input path)
MOVE_PATHS = {"parent_id": "new_parent_id"}


def optional_str(value: object | None) -> str | None:
    return None if value is None else str(value)


# -- organisations --------------------------------------------------------------------------


@strawberry.input
class CreateOrganisationInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    name: str
    type: OrganisationType  # type: ignore[valid-type]
    parent_id: strawberry.ID
    established_on: date

    def to_command(self) -> c.CreateOrganisation:
        return c.CreateOrganisation(name=self.name, type=self.type.value,
                                    parent_id=str(self.parent_id),
                                    established_on=self.established_on)


@strawberry.input
class RenameOrganisationInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID
    name: str
    effective_on: date

    def to_command(self) -> c.RenameOrganisation:
        return c.RenameOrganisation(str(self.organisation_id), self.name, self.effective_on)


@strawberry.input
class MoveOrganisationInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID
    new_parent_id: strawberry.ID
    effective_on: date

    def to_command(self) -> c.MoveOrganisation:
        return c.MoveOrganisation(str(self.organisation_id), str(self.new_parent_id),
                                  self.effective_on)


@strawberry.input(description="Hợp nhất: the organisation ends; its members and "
                              "sub-organisations go to the other one.")
class MergeOrganisationInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID
    into_organisation_id: strawberry.ID
    effective_on: date

    def to_command(self) -> c.MergeOrganisation:
        return c.MergeOrganisation(str(self.organisation_id), str(self.into_organisation_id),
                                   self.effective_on)


@strawberry.input(description="Only an organisation with no members and no live "
                              "sub-organisations can be dissolved.")
class DissolveOrganisationInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID
    effective_on: date
    reason: str

    def to_command(self) -> c.DissolveOrganisation:
        return c.DissolveOrganisation(str(self.organisation_id), self.effective_on, self.reason)
