"""Membership commands: what a client asks for, imperative. Plain data; handlers validate.

Names are annotated as such, and their characters checked before any handler runs. Every id a
command carries is typed by what it names (MemberId, OrganisationId): the runner refuses, as not
found, any that the caller's subtree does not hold (kit.references).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated

from kit.references import Ref
from kit.text import Name, NumberedName

MemberId = Annotated[str, Ref("member")]
OrganisationId = Annotated[str, Ref("organisation")]


@dataclass(frozen=True)
class ProfileInput:
    full_name: Name
    date_of_birth: date
    gender: str
    ethnicity: str
    hometown: str
    citizen_id: str
    education: str
    political_theory: str
    occupation: str
    qualification: str = ""


@dataclass(frozen=True)
class ProfileChanges:
    full_name: Name | None = None
    ethnicity: str | None = None
    hometown: str | None = None
    citizen_id: str | None = None
    education: str | None = None
    political_theory: str | None = None
    occupation: str | None = None
    qualification: str | None = None


@dataclass(frozen=True)
class SponsorInput:
    kind: str
    known_since: date
    member_id: MemberId | None = None


# -- organisations --


@dataclass(frozen=True)
class CreateOrganisation:
    name: NumberedName
    type: str
    parent_id: OrganisationId | None
    established_on: date


@dataclass(frozen=True)
class RenameOrganisation:
    organisation_id: OrganisationId
    name: NumberedName
    effective_on: date


@dataclass(frozen=True)
class MoveOrganisation:
    organisation_id: OrganisationId
    new_parent_id: OrganisationId
    effective_on: date


@dataclass(frozen=True)
class MergeOrganisation:
    organisation_id: OrganisationId
    into_organisation_id: OrganisationId
    effective_on: date


@dataclass(frozen=True)
class DissolveOrganisation:
    organisation_id: OrganisationId
    effective_on: date
    reason: str


# -- members --


@dataclass(frozen=True)
class SubmitApplication:
    """Hồ sơ đề nghị kết nạp. `member_id` is given only to re-admit a former member."""

    organisation_id: OrganisationId
    profile: ProfileInput
    sponsors: tuple[SponsorInput, ...]
    submitted_on: date
    hardship_area: bool = False
    member_id: MemberId | None = None


@dataclass(frozen=True)
class RecordExistingMember:
    organisation_id: OrganisationId
    profile: ProfileInput
    status: str
    admitted_on: date
    ceremony_on: date | None = None
    official_from: date | None = None
    card_number: str | None = None


@dataclass(frozen=True)
class AdmitMember:
    member_id: MemberId
    decided_on: date
    considered_on: date
    decision_number: str


@dataclass(frozen=True)
class HoldAdmissionCeremony:
    member_id: MemberId
    held_on: date


@dataclass(frozen=True)
class RecogniseOfficialMember:
    member_id: MemberId
    decided_on: date


@dataclass(frozen=True)
class IssuePartyCard:
    member_id: MemberId
    card_number: str
    issued_on: date


@dataclass(frozen=True)
class RemoveFromProbationaryList:
    member_id: MemberId
    decided_on: date
    reason: str


@dataclass(frozen=True)
class TransferMember:
    member_id: MemberId
    to_organisation_id: OrganisationId
    effective_on: date


@dataclass(frozen=True)
class TransferMemberTemporarily:
    member_id: MemberId
    to_organisation_id: OrganisationId
    starts_on: date
    ends_on: date
    purpose: str


@dataclass(frozen=True)
class EndTemporaryTransfer:
    member_id: MemberId
    ended_on: date


@dataclass(frozen=True)
class ExemptMember:
    member_id: MemberId
    effective_on: date
    ground: str


@dataclass(frozen=True)
class EndExemption:
    member_id: MemberId
    effective_on: date


@dataclass(frozen=True)
class RemoveMemberFromRolls:
    member_id: MemberId
    ground: str
    decided_on: date
    note: str = ""


@dataclass(frozen=True)
class DisciplineMember:
    member_id: MemberId
    form: str
    decided_on: date
    reason: str


@dataclass(frozen=True)
class RecordMemberDeath:
    member_id: MemberId
    died_on: date


@dataclass(frozen=True)
class UpdateMemberProfile:
    member_id: MemberId
    effective_on: date
    changes: ProfileChanges = field(default_factory=ProfileChanges)
