"""Membership mutations: one per command, each answering XxxSucceeded, a typed refusal or
CommandNotConfirmed (gateway.commands)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry

from gateway.toolkit import Info, execute
from services.membership.api import parse_id

from . import change_inputs as ci
from . import change_results as cr
from . import decision_inputs as di
from . import inputs as i
from . import member_inputs as mi
from . import results as r
from .corrections import CorrectionMutation
from .discipline import DisciplineMutation
from .inputs import MOVE_PATHS
from .member_inputs import CHANGES_PATHS, PROFILE_PATHS
from .province_transfers import ProvinceTransferMutation


def run(info: Info, input: Any, succeeded: type, paths: Mapping[str, str] | None = None) -> Any:
    """Build the command, execute it for the caller's organisation, and answer with a type
    (gateway.commands)."""
    return execute(info, "membership", input, succeeded, parse_id=parse_id, paths=paths,
                   denied="your roles do not allow changing membership records")


@strawberry.type
class MembershipMutation(CorrectionMutation, DisciplineMutation, ProvinceTransferMutation):
    @strawberry.mutation(description="Create an organisation under a parent in your subtree.")
    def create_organisation(self, info: Info, input: i.CreateOrganisationInput) -> r.CreateOrganisationResult:
        return run(info, input, r.CreateOrganisationSucceeded)

    @strawberry.mutation(description="Rename an organisation from a date.")
    def rename_organisation(self, info: Info, input: i.RenameOrganisationInput) -> r.RenameOrganisationResult:
        return run(info, input, r.RenameOrganisationSucceeded)

    @strawberry.mutation(description="Put an organisation under another parent.")
    def move_organisation(self, info: Info, input: i.MoveOrganisationInput) -> r.MoveOrganisationResult:
        return run(info, input, r.MoveOrganisationSucceeded, MOVE_PATHS)

    @strawberry.mutation(description="Hợp nhất: merge an organisation into another; members and sub-organisations follow.")
    def merge_organisation(self, info: Info, input: i.MergeOrganisationInput) -> r.MergeOrganisationResult:
        return run(info, input, r.MergeOrganisationSucceeded)

    @strawberry.mutation(description="Giải thể an empty organisation.")
    def dissolve_organisation(self, info: Info, input: i.DissolveOrganisationInput) -> r.DissolveOrganisationResult:
        return run(info, input, r.DissolveOrganisationSucceeded)

    @strawberry.mutation(description="Record an application for admission with its two sponsors.")
    def submit_application(self, info: Info, input: mi.SubmitApplicationInput) -> r.SubmitApplicationResult:
        return run(info, input, r.SubmitApplicationSucceeded, PROFILE_PATHS)

    @strawberry.mutation(description="Enter an existing member's file from the paper records.")
    def record_existing_member(self, info: Info, input: mi.RecordExistingMemberInput) -> r.RecordExistingMemberResult:
        return run(info, input, r.RecordExistingMemberSucceeded, PROFILE_PATHS)

    @strawberry.mutation(description="Kết nạp: the admission decision (age 18–60 on the consideration date).")
    def admit_member(self, info: Info, input: mi.AdmitMemberInput) -> r.AdmitMemberResult:
        return run(info, input, r.AdmitMemberSucceeded)

    @strawberry.mutation(description="Record the admission ceremony; probation runs from it.")
    def hold_admission_ceremony(self, info: Info, input: mi.HoldAdmissionCeremonyInput) -> r.HoldAdmissionCeremonyResult:
        return run(info, input, r.HoldAdmissionCeremonySucceeded)

    @strawberry.mutation(description="Công nhận đảng viên chính thức, effective at the end of probation.")
    def recognise_official_member(self, info: Info, input: mi.RecogniseOfficialMemberInput) -> r.RecogniseOfficialMemberResult:
        return run(info, input, r.RecogniseOfficialMemberSucceeded)

    @strawberry.mutation(description="Issue the party card (thẻ đảng) to an official member.")
    def issue_party_card(self, info: Info, input: mi.IssuePartyCardInput) -> r.IssuePartyCardResult:
        return run(info, input, r.IssuePartyCardSucceeded)

    @strawberry.mutation(description="Xóa tên khỏi danh sách đảng viên dự bị.")
    def remove_from_probationary_list(self, info: Info, input: mi.RemoveFromProbationaryListInput) -> r.RemoveFromProbationaryListResult:
        return run(info, input, r.RemoveFromProbationaryListSucceeded)

    @strawberry.mutation(description="Chuyển sinh hoạt đảng chính thức: move a member to another branch.")
    def transfer_member(self, info: Info, input: mi.TransferMemberInput) -> r.TransferMemberResult:
        return run(info, input, r.TransferMemberSucceeded)

    @strawberry.mutation(description="Chuyển sinh hoạt tạm thời, for work or study.")
    def transfer_member_temporarily(self, info: Info, input: mi.TransferMemberTemporarilyInput) -> r.TransferMemberTemporarilyResult:
        return run(info, input, r.TransferMemberTemporarilySucceeded)

    @strawberry.mutation(description="End a temporary transfer.")
    def end_temporary_transfer(self, info: Info, input: mi.EndTemporaryTransferInput) -> r.EndTemporaryTransferResult:
        return run(info, input, r.EndTemporaryTransferSucceeded)

    @strawberry.mutation(description="Miễn công tác và sinh hoạt đảng (old age or weak health).")
    def exempt_member(self, info: Info, input: mi.ExemptMemberInput) -> r.ExemptMemberResult:
        return run(info, input, r.ExemptMemberSucceeded)

    @strawberry.mutation(description="End an exemption.")
    def end_exemption(self, info: Info, input: mi.EndExemptionInput) -> r.EndExemptionResult:
        return run(info, input, r.EndExemptionSucceeded)

    @strawberry.mutation(description="Xóa tên a member from the rolls on a listed ground.")
    def remove_member_from_rolls(self, info: Info, input: mi.RemoveMemberFromRollsInput) -> r.RemoveMemberFromRollsResult:
        return run(info, input, r.RemoveMemberFromRollsSucceeded)

    @strawberry.mutation(description="Kỷ luật: only forms allowed for the member's status.")
    def discipline_member(self, info: Info, input: mi.DisciplineMemberInput) -> r.DisciplineMemberResult:
        return run(info, input, r.DisciplineMemberSucceeded)

    @strawberry.mutation(description="Record a member's death.")
    def record_member_death(self, info: Info, input: mi.RecordMemberDeathInput) -> r.RecordMemberDeathResult:
        return run(info, input, r.RecordMemberDeathSucceeded)

    @strawberry.mutation(description="Correct or update fields of a member's file.")
    def update_member_profile(self, info: Info, input: mi.UpdateMemberProfileInput) -> r.UpdateMemberProfileResult:
        return run(info, input, r.UpdateMemberProfileSucceeded, CHANGES_PATHS)

    # -- who decides: the branch's proposals and delegated admission authority --------------

    @strawberry.mutation(description="Nghị quyết đề nghị kết nạp: the branch proposes an applicant (≥ 2/3 of its official members).")
    def propose_admission(self, info: Info, input: di.ProposeAdmissionInput) -> r.ProposeAdmissionResult:
        return run(info, input, r.ProposeAdmissionSucceeded)

    @strawberry.mutation(description="The branch proposes recognising a probationary member as official.")
    def propose_official_recognition(self, info: Info, input: di.ProposeOfficialRecognitionInput) -> r.ProposeOfficialRecognitionResult:
        return run(info, input, r.ProposeOfficialRecognitionSucceeded)

    @strawberry.mutation(description="The branch proposes xóa tên on a ground.")
    def propose_removal_from_rolls(self, info: Info, input: di.ProposeRemovalFromRollsInput) -> r.ProposeRemovalFromRollsResult:
        return run(info, input, r.ProposeRemovalFromRollsSucceeded)

    @strawberry.mutation(description="Ủy quyền kết nạp: the committee above delegates admission to a grassroots committee.")
    def delegate_admission_authority(self, info: Info, input: di.DelegateAdmissionAuthorityInput) -> r.DelegateAdmissionAuthorityResult:
        return run(info, input, r.DelegateAdmissionAuthoritySucceeded)

    @strawberry.mutation(description="Đình chỉ sinh hoạt đảng: suspend a member from a date.")
    def suspend_member(self, info: Info, input: ci.SuspendMemberInput) -> cr.SuspendMemberResult:
        return run(info, input, cr.SuspendMemberSucceeded)

    @strawberry.mutation(description="Lift a member's suspension.")
    def end_suspension(self, info: Info, input: ci.EndSuspensionInput) -> cr.EndSuspensionResult:
        return run(info, input, cr.EndSuspensionSucceeded)

    @strawberry.mutation(description="Extend a temporary transfer, within the rule book's limits.")
    def extend_temporary_transfer(self, info: Info, input: ci.ExtendTemporaryTransferInput) -> cr.ExtendTemporaryTransferResult:
        return run(info, input, cr.ExtendTemporaryTransferSucceeded)

    @strawberry.mutation(description="Giới thiệu sinh hoạt đảng: issue a transfer letter, to a branch here (in transit) or out of the province.")
    def issue_transfer_letter(self, info: Info, input: ci.IssueTransferLetterInput) -> cr.IssueTransferLetterResult:
        return run(info, input, cr.IssueTransferLetterSucceeded)

    @strawberry.mutation(description="The receiving branch takes a member in transit onto its rolls.")
    def receive_transferred_member(self, info: Info, input: ci.ReceiveTransferredMemberInput) -> cr.ReceiveTransferredMemberResult:
        return run(info, input, cr.ReceiveTransferredMemberSucceeded)

    @strawberry.mutation(description="Receive a member transferred in from another province, with their file.")
    def receive_member_from_province(self, info: Info, input: ci.ReceiveMemberFromProvinceInput) -> cr.ReceiveMemberFromProvinceResult:
        return run(info, input, cr.ReceiveMemberFromProvinceSucceeded, PROFILE_PATHS)
