"""What a membership mutation answers: XxxSucceeded, one of the shared refusals, or
CommandNotConfirmed when the service did not answer (gateway.commands).

A success names the command id, whether it was a duplicate (a retry that changed nothing),
whether queries already show it, the affected id, and the resulting object read back from the
read model.
"""

from __future__ import annotations

from typing import Annotated, Union

import strawberry

from gateway.toolkit import ERROR_TYPES, CommandNotConfirmed, CommandSucceeded, Info

from .types import Member, Organisation, member_or_none, organisation_or_none


@strawberry.interface(description="A command about a member succeeded.")
class MemberCommandSucceeded(CommandSucceeded):
    member_id: strawberry.ID

    @strawberry.field(description="The member now; null with a FORBIDDEN error when the member "
                                  "has left your subtree (e.g. transferred out).")
    def member(self, info: Info) -> Member | None:
        return member_or_none(info, self.member_id)


@strawberry.interface(description="A command about an organisation succeeded.")
class OrganisationCommandSucceeded(CommandSucceeded):
    organisation_id: strawberry.ID = strawberry.field(
        description="The organisation changed (after a merge: the one merged into).")

    @strawberry.field
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)


def result_union(command: str, succeeded: type) -> object:
    return Annotated[Union[(succeeded, *ERROR_TYPES, CommandNotConfirmed)],  # noqa: UP007
                     strawberry.union(f"{command}Result")]


@strawberry.type
class CreateOrganisationSucceeded(OrganisationCommandSucceeded):
    pass

@strawberry.type
class RenameOrganisationSucceeded(OrganisationCommandSucceeded):
    pass

@strawberry.type
class MoveOrganisationSucceeded(OrganisationCommandSucceeded):
    pass

@strawberry.type
class MergeOrganisationSucceeded(OrganisationCommandSucceeded):
    pass

@strawberry.type
class DissolveOrganisationSucceeded(OrganisationCommandSucceeded):
    pass

@strawberry.type
class SubmitApplicationSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class RecordExistingMemberSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class AdmitMemberSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class HoldAdmissionCeremonySucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class RecogniseOfficialMemberSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class IssuePartyCardSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class RemoveFromProbationaryListSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class TransferMemberSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class TransferMemberTemporarilySucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class EndTemporaryTransferSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class ExemptMemberSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class EndExemptionSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class RemoveMemberFromRollsSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class DisciplineMemberSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class RecordMemberDeathSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class UpdateMemberProfileSucceeded(MemberCommandSucceeded):
    pass


CreateOrganisationResult = result_union("CreateOrganisation", CreateOrganisationSucceeded)
RenameOrganisationResult = result_union("RenameOrganisation", RenameOrganisationSucceeded)
MoveOrganisationResult = result_union("MoveOrganisation", MoveOrganisationSucceeded)
MergeOrganisationResult = result_union("MergeOrganisation", MergeOrganisationSucceeded)
DissolveOrganisationResult = result_union("DissolveOrganisation", DissolveOrganisationSucceeded)
SubmitApplicationResult = result_union("SubmitApplication", SubmitApplicationSucceeded)
RecordExistingMemberResult = result_union("RecordExistingMember", RecordExistingMemberSucceeded)
AdmitMemberResult = result_union("AdmitMember", AdmitMemberSucceeded)
HoldAdmissionCeremonyResult = result_union("HoldAdmissionCeremony", HoldAdmissionCeremonySucceeded)
RecogniseOfficialMemberResult = result_union("RecogniseOfficialMember", RecogniseOfficialMemberSucceeded)
IssuePartyCardResult = result_union("IssuePartyCard", IssuePartyCardSucceeded)
RemoveFromProbationaryListResult = result_union("RemoveFromProbationaryList", RemoveFromProbationaryListSucceeded)
TransferMemberResult = result_union("TransferMember", TransferMemberSucceeded)
TransferMemberTemporarilyResult = result_union("TransferMemberTemporarily", TransferMemberTemporarilySucceeded)
EndTemporaryTransferResult = result_union("EndTemporaryTransfer", EndTemporaryTransferSucceeded)
ExemptMemberResult = result_union("ExemptMember", ExemptMemberSucceeded)
EndExemptionResult = result_union("EndExemption", EndExemptionSucceeded)
RemoveMemberFromRollsResult = result_union("RemoveMemberFromRolls", RemoveMemberFromRollsSucceeded)
DisciplineMemberResult = result_union("DisciplineMember", DisciplineMemberSucceeded)
RecordMemberDeathResult = result_union("RecordMemberDeath", RecordMemberDeathSucceeded)
UpdateMemberProfileResult = result_union("UpdateMemberProfile", UpdateMemberProfileSucceeded)
