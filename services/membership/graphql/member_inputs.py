"""Mutation inputs for member commands: admission, movements, leaving, the member file."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import COMMAND_ID
from services.membership import api as c

from .decision_inputs import DecisionInput
from .discipline import MisconductCategory
from .inputs import optional_str
from .types import (
    DisciplineForm,
    Education,
    ExemptionGround,
    Gender,
    MemberStatus,
    PoliticalTheory,
    RemovalGround,
    SponsorKind,
    TransferPurpose,
)

# profile errors name flat domain fields; the input nests them
PROFILE_PATHS = {f: f"profile.{f}" for f in c.ProfileInput.__dataclass_fields__}
CHANGES_PATHS = {f: f"changes.{f}" for f in c.ProfileChanges.__dataclass_fields__} | {
    "profile": "changes"}


@strawberry.input(description="A member's file as the paper form carries it.")
class ProfileInput:
    full_name: str
    date_of_birth: date
    gender: Gender  # type: ignore[valid-type]
    ethnicity: str
    hometown: str
    citizen_id: str = strawberry.field(description="12-digit căn cước number.")
    education: Education  # type: ignore[valid-type]
    political_theory: PoliticalTheory  # type: ignore[valid-type]
    occupation: str
    qualification: str = ""

    def to_domain(self) -> c.ProfileInput:
        return c.ProfileInput(
            full_name=self.full_name, date_of_birth=self.date_of_birth, gender=self.gender.value,
            ethnicity=self.ethnicity, hometown=self.hometown, citizen_id=self.citizen_id,
            education=self.education.value, political_theory=self.political_theory.value,
            occupation=self.occupation, qualification=self.qualification)


@strawberry.input(description="Only the fields given change.")
class ProfileChangesInput:
    full_name: str | None = None
    ethnicity: str | None = None
    hometown: str | None = None
    citizen_id: str | None = None
    education: Education | None = None  # type: ignore[valid-type]
    political_theory: PoliticalTheory | None = None  # type: ignore[valid-type]
    occupation: str | None = None
    qualification: str | None = None

    def to_domain(self) -> c.ProfileChanges:
        return c.ProfileChanges(
            full_name=self.full_name, ethnicity=self.ethnicity, hometown=self.hometown,
            citizen_id=self.citizen_id,
            education=self.education.value if self.education else None,
            political_theory=self.political_theory.value if self.political_theory else None,
            occupation=self.occupation, qualification=self.qualification)


@strawberry.input
class SponsorInput:
    kind: SponsorKind  # type: ignore[valid-type]
    known_since: date = strawberry.field(description="Since when the sponsor has worked with "
                                                     "the applicant.")
    member_id: strawberry.ID | None = strawberry.field(
        default=None, description="The sponsoring member (for kind MEMBER).")

    def to_domain(self) -> c.SponsorInput:
        return c.SponsorInput(kind=self.kind.value, known_since=self.known_since,
                              member_id=optional_str(self.member_id))


# -- admission ------------------------------------------------------------------------------


@strawberry.input(description="Hồ sơ đề nghị kết nạp. Give memberId only to re-admit a "
                              "former member.")
class SubmitApplicationInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID
    profile: ProfileInput
    sponsors: list[SponsorInput]
    submitted_on: date
    hardship_area: bool = False
    member_id: strawberry.ID | None = None

    def to_command(self) -> c.SubmitApplication:
        return c.SubmitApplication(
            organisation_id=str(self.organisation_id), profile=self.profile.to_domain(),
            sponsors=tuple(s.to_domain() for s in self.sponsors), submitted_on=self.submitted_on,
            hardship_area=self.hardship_area, member_id=optional_str(self.member_id))


@strawberry.input(description="Enter a member file from the paper records.")
class RecordExistingMemberInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID
    profile: ProfileInput
    status: MemberStatus  # type: ignore[valid-type]
    admitted_on: date
    ceremony_on: date | None = None
    official_from: date | None = None
    card_number: str | None = None

    def to_command(self) -> c.RecordExistingMember:
        return c.RecordExistingMember(
            organisation_id=str(self.organisation_id), profile=self.profile.to_domain(),
            status=self.status.value, admitted_on=self.admitted_on, ceremony_on=self.ceremony_on,
            official_from=self.official_from, card_number=self.card_number)


@strawberry.input
class AdmitMemberInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    decided_on: date
    considered_on: date = strawberry.field(description="When the branch considered the "
                                                       "application: the age rule counts here.")
    decision: DecisionInput = strawberry.field(description="The decision and the body that "
                                                           "took it.")
    decision_number: str | None = strawberry.field(
        default=None, description="The decision's number; omitted, decision.number.")

    def to_command(self) -> c.AdmitMember:
        return c.AdmitMember(str(self.member_id), self.decided_on, self.considered_on,
                             self.decision_number or self.decision.number,
                             decision=self.decision.to_domain())


@strawberry.input
class HoldAdmissionCeremonyInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    held_on: date

    def to_command(self) -> c.HoldAdmissionCeremony:
        return c.HoldAdmissionCeremony(str(self.member_id), self.held_on)


@strawberry.input
class RecogniseOfficialMemberInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    decided_on: date
    decision: DecisionInput = strawberry.field(description="The decision and the body that "
                                                           "took it.")

    def to_command(self) -> c.RecogniseOfficialMember:
        return c.RecogniseOfficialMember(str(self.member_id), self.decided_on,
                                         decision=self.decision.to_domain())


@strawberry.input
class IssuePartyCardInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    card_number: str
    issued_on: date

    def to_command(self) -> c.IssuePartyCard:
        return c.IssuePartyCard(str(self.member_id), self.card_number, self.issued_on)


@strawberry.input
class RemoveFromProbationaryListInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    decided_on: date
    reason: str
    decision: DecisionInput = strawberry.field(description="The decision and the body that "
                                                           "took it.")

    def to_command(self) -> c.RemoveFromProbationaryList:
        return c.RemoveFromProbationaryList(str(self.member_id), self.decided_on, self.reason,
                                            decision=self.decision.to_domain())


# -- movements ------------------------------------------------------------------------------


@strawberry.input
class TransferMemberInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    to_organisation_id: strawberry.ID
    effective_on: date
    decision: DecisionInput = strawberry.field(description="The decision and the body that "
                                                           "took it.")

    def to_command(self) -> c.TransferMember:
        return c.TransferMember(str(self.member_id), str(self.to_organisation_id),
                                self.effective_on, decision=self.decision.to_domain())


@strawberry.input
class TransferMemberTemporarilyInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    to_organisation_id: strawberry.ID
    starts_on: date
    ends_on: date
    purpose: TransferPurpose  # type: ignore[valid-type]

    def to_command(self) -> c.TransferMemberTemporarily:
        return c.TransferMemberTemporarily(str(self.member_id), str(self.to_organisation_id),
                                           self.starts_on, self.ends_on, self.purpose.value)


@strawberry.input
class EndTemporaryTransferInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    ended_on: date

    def to_command(self) -> c.EndTemporaryTransfer:
        return c.EndTemporaryTransfer(str(self.member_id), self.ended_on)


@strawberry.input
class ExemptMemberInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    effective_on: date
    ground: ExemptionGround  # type: ignore[valid-type]
    decision: DecisionInput = strawberry.field(description="The decision and the body that "
                                                           "took it.")

    def to_command(self) -> c.ExemptMember:
        return c.ExemptMember(str(self.member_id), self.effective_on, self.ground.value,
                              decision=self.decision.to_domain())


@strawberry.input
class EndExemptionInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    effective_on: date

    def to_command(self) -> c.EndExemption:
        return c.EndExemption(str(self.member_id), self.effective_on)


# -- leaving, discipline, profile -----------------------------------------------------------


@strawberry.input(description="Xóa tên, on one of the grounds the regulations list.")
class RemoveMemberFromRollsInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    ground: RemovalGround  # type: ignore[valid-type]
    decided_on: date
    decision: DecisionInput = strawberry.field(description="The decision and the body that "
                                                           "took it.")
    note: str = ""

    def to_command(self) -> c.RemoveMemberFromRolls:
        return c.RemoveMemberFromRolls(str(self.member_id), self.ground.value, self.decided_on,
                                       self.note, decision=self.decision.to_domain())


@strawberry.input
class DisciplineMemberInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    form: DisciplineForm  # type: ignore[valid-type]
    decided_on: date
    reason: str
    decision: DecisionInput = strawberry.field(description="The decision and the body that "
                                                           "took it.")
    misconduct: MisconductCategory | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="What for (e.g. CORRUPTION); null: not stated.")

    def to_command(self) -> c.DisciplineMember:
        return c.DisciplineMember(str(self.member_id), self.form.value, self.decided_on,
                                  self.reason, decision=self.decision.to_domain(),
                                  misconduct=self.misconduct.value if self.misconduct else None)


@strawberry.input
class RecordMemberDeathInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    died_on: date

    def to_command(self) -> c.RecordMemberDeath:
        return c.RecordMemberDeath(str(self.member_id), self.died_on)


@strawberry.input
class UpdateMemberProfileInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    effective_on: date
    changes: ProfileChangesInput

    def to_command(self) -> c.UpdateMemberProfile:
        return c.UpdateMemberProfile(str(self.member_id), self.effective_on,
                                     self.changes.to_domain())
