"""Membership commands: what a client asks for, imperative. Plain data; handlers validate.

Names are annotated as such, and their characters checked before any handler runs. Every id a
command carries is typed by what it names (MemberId, OrganisationId): the runner refuses, as not
found, any that the caller's subtree does not hold (kit.references). Every date is typed by the span
it may lie in (BirthDate, PartyDate, PlannedEnd: kit.dates), checked before any handler runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from kit.dates import BirthDate, PartyDate, PlannedEnd
from kit.references import Ref
from kit.text import Name, NumberedName

MemberId = Annotated[str, Ref("member")]
OrganisationId = Annotated[str, Ref("organisation")]


@dataclass(frozen=True)
class ProfileInput:
    full_name: Name
    date_of_birth: BirthDate
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
    known_since: PartyDate
    member_id: MemberId | None = None


# -- organisations --


@dataclass(frozen=True)
class CreateOrganisation:
    name: NumberedName
    type: str
    parent_id: OrganisationId | None
    established_on: PartyDate


@dataclass(frozen=True)
class RenameOrganisation:
    organisation_id: OrganisationId
    name: NumberedName
    effective_on: PartyDate


@dataclass(frozen=True)
class MoveOrganisation:
    organisation_id: OrganisationId
    new_parent_id: OrganisationId
    effective_on: PartyDate


@dataclass(frozen=True)
class MergeOrganisation:
    organisation_id: OrganisationId
    into_organisation_id: OrganisationId
    effective_on: PartyDate


@dataclass(frozen=True)
class DissolveOrganisation:
    organisation_id: OrganisationId
    effective_on: PartyDate
    reason: str


# -- members --


@dataclass(frozen=True)
class SubmitApplication:
    """Hồ sơ đề nghị kết nạp. `member_id` is given only to re-admit a former member."""

    organisation_id: OrganisationId
    profile: ProfileInput
    sponsors: tuple[SponsorInput, ...]
    submitted_on: PartyDate
    hardship_area: bool = False
    member_id: MemberId | None = None


@dataclass(frozen=True)
class RecordExistingMember:
    organisation_id: OrganisationId
    profile: ProfileInput
    status: str
    admitted_on: PartyDate
    ceremony_on: PartyDate | None = None
    official_from: PartyDate | None = None
    card_number: str | None = None


@dataclass(frozen=True)
class AdmitMember:
    member_id: MemberId
    decided_on: PartyDate
    considered_on: PartyDate
    decision_number: str
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class HoldAdmissionCeremony:
    member_id: MemberId
    held_on: PartyDate


@dataclass(frozen=True)
class RecogniseOfficialMember:
    member_id: MemberId
    decided_on: PartyDate
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class IssuePartyCard:
    member_id: MemberId
    card_number: str
    issued_on: PartyDate


@dataclass(frozen=True)
class RemoveFromProbationaryList:
    member_id: MemberId
    decided_on: PartyDate
    reason: str
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class TransferMember:
    member_id: MemberId
    to_organisation_id: OrganisationId
    effective_on: PartyDate
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class TransferMemberTemporarily:
    member_id: MemberId
    to_organisation_id: OrganisationId
    starts_on: PartyDate
    ends_on: PlannedEnd
    purpose: str


@dataclass(frozen=True)
class EndTemporaryTransfer:
    member_id: MemberId
    ended_on: PartyDate


@dataclass(frozen=True)
class ExemptMember:
    member_id: MemberId
    effective_on: PartyDate
    ground: str
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class EndExemption:
    member_id: MemberId
    effective_on: PartyDate


@dataclass(frozen=True)
class RemoveMemberFromRolls:
    member_id: MemberId
    ground: str
    decided_on: PartyDate
    note: str = ""
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class DisciplineMember:
    member_id: MemberId
    form: str
    decided_on: PartyDate
    reason: str
    decision: DecisionInput = field(kw_only=True)
    # what for (MisconductCategory's values, e.g. corruption); None: not stated
    misconduct: str | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class RecordMemberDeath:
    member_id: MemberId
    died_on: PartyDate


@dataclass(frozen=True)
class UpdateMemberProfile:
    member_id: MemberId
    effective_on: PartyDate
    changes: ProfileChanges = field(default_factory=ProfileChanges)


# -- decisions and proposals (who decides: domain/authority.py) --


@dataclass(frozen=True)
class DecidingBodyInput:
    """One organ (assembly, committee, standing_committee, inspection_committee,
    organisation_board) of one organisation."""

    organisation_id: OrganisationId
    organ: str


@dataclass(frozen=True)
class DecisionInput:
    """The decision (quyết định) a command records: its number and signer, and the body that
    took it; omitted, the body the caller acts for (its token's organisation and organ).
    `decided_on` is the decision's date where it differs from the command's own date (a transfer
    letter or an exemption resolution dated before it takes effect)."""

    number: str
    signer: Name
    body: DecidingBodyInput | None = None
    decided_on: PartyDate | None = None


@dataclass(frozen=True)
class ProposeAdmission:
    """Nghị quyết đề nghị kết nạp: the applicant's branch proposes, by a vote of its official
    members; the body the rules name then decides (AdmitMember)."""

    member_id: MemberId
    resolved_on: PartyDate
    votes_for: int
    official_members: int
    number: str = ""


@dataclass(frozen=True)
class ProposeOfficialRecognition:
    """Nghị quyết đề nghị công nhận đảng viên chính thức, after probation."""

    member_id: MemberId
    resolved_on: PartyDate
    votes_for: int
    official_members: int
    number: str = ""


@dataclass(frozen=True)
class ProposeRemovalFromRolls:
    """The branch proposes xóa tên, with its ground; the competent committee decides."""

    member_id: MemberId
    ground: str
    resolved_on: PartyDate
    note: str = ""
    number: str = ""


@dataclass(frozen=True)
class DelegateAdmissionAuthority:
    """The committee above gives a grassroots committee (đảng ủy cơ sở) authority to admit."""

    organisation_id: OrganisationId
    effective_on: PartyDate
    decision: DecisionInput
@dataclass(frozen=True)
class CorrectMemberFile:
    """Đính chính hồ sơ: put right one value the file records wrongly (domain/corrections.py).
    `field`: full_name, date_of_birth, citizen_id, admitted_on, admission_decision_number,
    official_from; `value` the right one (a date as YYYY-MM-DD); `document` what it rests on."""

    member_id: MemberId
    field: str
    value: str
    reason: str
    document: str
