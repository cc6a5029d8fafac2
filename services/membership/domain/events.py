"""Membership events: facts, in the past tense. Wire names and versions live in adapters/wire.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .decision import DecisionRecord
from .discipline_values import MisconductCategory
from .profile import MemberProfile
from .values import (
    DisciplineForm,
    ExemptionGround,
    MemberStatus,
    OrganisationType,
    RemovalGround,
    SponsorKind,
    TransferPurpose,
)

# -- organisations ------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationCreated:
    """A party organisation was set up under its parent (thành lập tổ chức đảng)."""

    organisation_id: str
    name: str
    type: OrganisationType
    parent_id: str | None
    established_on: date
    rule_version: str


@dataclass(frozen=True)
class OrganisationRenamed:
    """An organisation took a new name from a date (đổi tên)."""

    organisation_id: str
    name: str
    effective_on: date


@dataclass(frozen=True)
class OrganisationMoved:
    """Re-parented under another organisation (e.g. communes under the province on 1/7/2025)."""

    organisation_id: str
    from_parent_id: str | None
    to_parent_id: str
    effective_on: date
    rule_version: str


@dataclass(frozen=True)
class OrganisationMerged:
    """This organisation was merged into another; its members and sub-organisations went with it."""

    organisation_id: str
    into_organisation_id: str
    effective_on: date


@dataclass(frozen=True)
class OrganisationAbsorbed:
    """The receiving side of a merge, recorded on the surviving organisation's stream."""

    organisation_id: str
    absorbed_organisation_id: str
    effective_on: date


@dataclass(frozen=True)
class OrganisationDissolved:
    """An empty organisation was dissolved (giải thể)."""

    organisation_id: str
    effective_on: date
    reason: str


# -- members ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sponsor:
    """Người giới thiệu: an official member, or a youth/trade union executive committee."""

    kind: SponsorKind
    member_id: str | None
    known_since: date


@dataclass(frozen=True)
class ApplicationSubmitted:
    """v2: the profile is nested (v1 carried its fields flat; see the upcaster in adapters/wire.py)."""

    member_id: str
    organisation_id: str
    profile: MemberProfile
    sponsors: tuple[Sponsor, ...]
    submitted_on: date
    readmission: bool
    rule_version: str


@dataclass(frozen=True)
class ExistingMemberRecorded:
    """A member file entered from paper records (nhập hồ sơ đảng viên), with its history dates."""

    member_id: str
    organisation_id: str
    profile: MemberProfile
    status: MemberStatus
    admitted_on: date
    ceremony_on: date | None
    probation_ends_on: date | None  # from the ceremony, per the rules then in force
    official_from: date | None
    card_number: str | None
    recorded_on: date


@dataclass(frozen=True)
class MemberAdmitted:
    """Quyết định kết nạp: the member is probationary from this decision."""

    member_id: str
    decided_on: date
    considered_on: date
    decision_number: str
    age_months: int
    readmission: bool
    rule_version: str
    decision: DecisionRecord  # v2: who decided (None fields on v1 events)


@dataclass(frozen=True)
class AdmissionCeremonyHeld:
    """The admission ceremony (lễ kết nạp) was held; 12 months of probation run from it."""

    member_id: str
    held_on: date
    probation_ends_on: date
    rule_version: str


@dataclass(frozen=True)
class MemberRecognisedAsOfficial:
    """Công nhận đảng viên chính thức, effective at the end of probation even if decided late."""

    member_id: str
    decided_on: date
    official_from: date
    rule_version: str
    decision: DecisionRecord  # v2: who decided (None fields on v1 events)


@dataclass(frozen=True)
class PartyCardIssued:
    """An official member received a party card (thẻ đảng viên)."""

    member_id: str
    card_number: str
    issued_on: date


@dataclass(frozen=True)
class MemberRemovedFromProbationaryList:
    """A probationary member was found unfit and removed (xóa tên khỏi danh sách đảng viên dự bị)."""

    member_id: str
    decided_on: date
    reason: str
    decision: DecisionRecord  # v2: who decided (None fields on v1 events)


@dataclass(frozen=True)
class MemberTransferred:
    """Chuyển sinh hoạt đảng chính thức."""

    member_id: str
    from_organisation_id: str
    to_organisation_id: str
    effective_on: date
    decision: DecisionRecord  # v2: who decided (None fields on v1 events)


@dataclass(frozen=True)
class MemberTemporarilyTransferred:
    """Chuyển sinh hoạt tạm thời: not counted in the receiving organisation."""

    member_id: str
    from_organisation_id: str
    to_organisation_id: str
    starts_on: date
    ends_on: date
    purpose: TransferPurpose
    rule_version: str


@dataclass(frozen=True)
class TemporaryTransferEnded:
    """A temporary transfer ended; the member is back in the home organisation."""

    member_id: str
    ended_on: date


@dataclass(frozen=True)
class MemberExempted:
    """Miễn công tác và sinh hoạt đảng."""

    member_id: str
    effective_on: date
    ground: ExemptionGround
    decision: DecisionRecord  # v2: who decided (None fields on v1 events)


@dataclass(frozen=True)
class ExemptionEnded:
    """A member's exemption from duties and meetings ended."""

    member_id: str
    effective_on: date


@dataclass(frozen=True)
class MemberRemovedFromRolls:
    """Xóa tên, with its ground."""

    member_id: str
    ground: RemovalGround
    decided_on: date
    note: str
    decision: DecisionRecord  # v2: who decided (None fields on v1 events)


@dataclass(frozen=True)
class MemberDisciplined:
    """A disciplinary decision (kỷ luật): reprimand, warning, dismissal or expulsion."""

    member_id: str
    form: DisciplineForm
    decided_on: date
    reason: str
    rule_version: str
    decision: DecisionRecord  # v2: who decided (None fields on v1 events)
    misconduct: MisconductCategory | None = None  # v3: what for; None: not stated (v1, v2)


@dataclass(frozen=True)
class MemberDied:
    """A member died (từ trần); membership ends."""

    member_id: str
    died_on: date


@dataclass(frozen=True)
class MemberProfileUpdated:
    """A member's file (hồ sơ) was corrected or brought up to date."""

    member_id: str
    profile: MemberProfile
    effective_on: date


# -- proposals and delegated authority (who decides: domain/authority.py) -------------------


@dataclass(frozen=True)
class AdmissionProposed:
    """The branch resolved to propose the applicant's admission (nghị quyết đề nghị kết nạp)."""

    member_id: str
    organisation_id: str
    resolved_on: date
    votes_for: int
    official_members: int
    number: str
    rule_version: str


@dataclass(frozen=True)
class OfficialRecognitionProposed:
    """The branch resolved to propose recognising the probationary member as official."""

    member_id: str
    organisation_id: str
    resolved_on: date
    votes_for: int
    official_members: int
    number: str
    rule_version: str


@dataclass(frozen=True)
class RemovalFromRollsProposed:
    """The branch proposed xóa tên, on a ground; the competent committee decides."""

    member_id: str
    organisation_id: str
    ground: RemovalGround
    resolved_on: date
    note: str
    number: str


@dataclass(frozen=True)
class AdmissionAuthorityDelegated:
    """The committee above delegated admission to this grassroots committee (ủy quyền kết nạp)."""

    organisation_id: str
    effective_on: date
    decision: DecisionRecord
@dataclass(frozen=True)
class MemberFileCorrected:
    """Đính chính hồ sơ: a value the file recorded wrongly (a date of birth, a name, a citizen
    ID, a decision's date or number), put right from a document; the facts it corrects stay
    as recorded. Values are text (dates ISO 8601)."""

    member_id: str
    field: str
    old_value: str
    new_value: str
    reason: str
    document: str  # the document the correction rests on (e.g. a copy of the decision)
    corrected_on: date


# -- citizen IDs (domain/citizen_id.py) ---------------------------------------------------


@dataclass(frozen=True)
class CitizenIdClaimed:
    """A member file took a citizen ID: no other living person's file may record it."""

    holder_id: str
    member_id: str
    claimed_on: date


@dataclass(frozen=True)
class CitizenIdReleased:
    """A member file gave a citizen ID up (a correction replaced it)."""

    holder_id: str
    member_id: str
    released_on: date
