"""The evaluations service's own reading of membership's published events (a consumer-owned
view, as meetings keeps its own: services never import each other).

Each class declares only the fields evaluations reads, under membership's wire names
(contracts/events/membership/*.json); fields membership publishes and we do not declare are
ignored, and types not registered here are skipped. What evaluations reads: the tree as of any
date (who is above whom, which organisation is grassroots), the rolls as of any date (status,
branch, exemption, temporary stays, admission dates), names, and every discipline of a member or
an organisation with its form and what it was for (misconduct; corruption disqualifies the
collective above). The projection is application/projections/membership_as_of.py; the questions
it answers, application/membership_roll.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kit.codec import EventCodec

SOURCE = "membership.events"  # the source name these projections follow (Kafka topic too)


@dataclass(frozen=True)
class Named:
    """The part of a member profile evaluations shows: the name."""

    full_name: str


# -- organisations --------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationCreated:
    organisation_id: str
    name: str
    type: str
    parent_id: str | None
    established_on: date


@dataclass(frozen=True)
class OrganisationRenamed:
    organisation_id: str
    name: str
    effective_on: date


@dataclass(frozen=True)
class OrganisationMoved:
    organisation_id: str
    to_parent_id: str
    effective_on: date


@dataclass(frozen=True)
class OrganisationMerged:
    organisation_id: str
    into_organisation_id: str
    effective_on: date


@dataclass(frozen=True)
class OrganisationDissolved:
    organisation_id: str
    effective_on: date


@dataclass(frozen=True)
class OrganisationDisciplined:
    """Kỷ luật tổ chức đảng: reprimand, warning or dissolution, and what for."""

    organisation_id: str
    form: str
    misconduct: str
    decided_on: date


# -- members ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationSubmitted:
    member_id: str
    organisation_id: str
    profile: Named
    submitted_on: date


@dataclass(frozen=True)
class ExistingMemberRecorded:
    member_id: str
    organisation_id: str
    profile: Named
    status: str  # probationary | official | transferred_out
    admitted_on: date
    official_from: date | None


@dataclass(frozen=True)
class MemberAdmitted:
    member_id: str
    decided_on: date


@dataclass(frozen=True)
class MemberRecognisedAsOfficial:
    member_id: str
    official_from: date


@dataclass(frozen=True)
class MemberTransferred:
    member_id: str
    to_organisation_id: str
    effective_on: date


@dataclass(frozen=True)
class MemberTemporarilyTransferred:
    member_id: str
    to_organisation_id: str
    starts_on: date
    ends_on: date | None = None  # the stay ends then unless ended earlier or extended


@dataclass(frozen=True)
class TemporaryTransferExtended:
    member_id: str
    previous_ends_on: date
    ends_on: date


@dataclass(frozen=True)
class TemporaryTransferEnded:
    member_id: str
    ended_on: date


@dataclass(frozen=True)
class MemberExempted:
    member_id: str
    effective_on: date


@dataclass(frozen=True)
class ExemptionEnded:
    member_id: str
    effective_on: date


@dataclass(frozen=True)
class MemberRemovedFromRolls:
    member_id: str
    decided_on: date


@dataclass(frozen=True)
class MemberRemovedFromProbationaryList:
    member_id: str
    decided_on: date


@dataclass(frozen=True)
class MemberDisciplined:
    """Kỷ luật đảng viên; expulsion (khai trừ) also takes the member off the rolls."""

    member_id: str
    form: str
    decided_on: date
    misconduct: str | None  # v3; None: not stated (v1, v2)


@dataclass(frozen=True)
class MemberDied:
    member_id: str
    died_on: date


@dataclass(frozen=True)
class MemberProfileUpdated:
    member_id: str
    profile: Named


@dataclass(frozen=True)
class TransferLetterIssued:
    member_id: str
    out_of_province: bool  # the member leaves this province's rolls on issue
    issued_on: date


@dataclass(frozen=True)
class TransferToProvinceCompleted:
    """The member arrived in another province's deployment: off this province's rolls."""

    member_id: str
    received_on: date


@dataclass(frozen=True)
class TransferredMemberReceived:
    member_id: str
    to_organisation_id: str
    received_on: date


@dataclass(frozen=True)
class MemberReceivedFromProvince:
    member_id: str
    organisation_id: str
    profile: Named
    status: str  # probationary | official
    admitted_on: date
    received_on: date


@dataclass(frozen=True)
class MemberFileCorrected:
    """A value of the member file put right: evaluations reads the name and admission date."""

    member_id: str
    field: str
    old_value: str
    new_value: str


# -- the view ---------------------------------------------------------------------------------

# (membership's wire name, schema version, our class): the names are membership's literals
MEMBERSHIP_VIEW = EventCodec([
    ("membership.OrganisationCreated", 2, OrganisationCreated),
    ("membership.OrganisationRenamed", 1, OrganisationRenamed),
    ("membership.OrganisationMoved", 1, OrganisationMoved),
    ("membership.OrganisationMerged", 1, OrganisationMerged),
    ("membership.OrganisationDissolved", 1, OrganisationDissolved),
    ("membership.OrganisationDisciplined", 1, OrganisationDisciplined),
    ("membership.ApplicationSubmitted", 2, ApplicationSubmitted),
    ("membership.ExistingMemberRecorded", 2, ExistingMemberRecorded),
    ("membership.MemberAdmitted", 1, MemberAdmitted),
    ("membership.MemberRecognisedAsOfficial", 1, MemberRecognisedAsOfficial),
    ("membership.MemberTransferred", 1, MemberTransferred),
    ("membership.MemberTemporarilyTransferred", 1, MemberTemporarilyTransferred),
    ("membership.TemporaryTransferEnded", 1, TemporaryTransferEnded),
    ("membership.TemporaryTransferExtended", 1, TemporaryTransferExtended),
    ("membership.MemberExempted", 1, MemberExempted),
    ("membership.ExemptionEnded", 1, ExemptionEnded),
    ("membership.MemberRemovedFromRolls", 1, MemberRemovedFromRolls),
    ("membership.MemberRemovedFromProbationaryList", 1, MemberRemovedFromProbationaryList),
    ("membership.MemberDisciplined", 3, MemberDisciplined),
    ("membership.MemberDied", 1, MemberDied),
    ("membership.MemberProfileUpdated", 1, MemberProfileUpdated),
    ("membership.TransferLetterIssued", 1, TransferLetterIssued),
    ("membership.TransferToProvinceCompleted", 1, TransferToProvinceCompleted),
    ("membership.TransferredMemberReceived", 1, TransferredMemberReceived),
    ("membership.MemberReceivedFromProvince", 1, MemberReceivedFromProvince),
    ("membership.MemberFileCorrected", 1, MemberFileCorrected),
])


@MEMBERSHIP_VIEW.upcaster("membership.ApplicationSubmitted", from_version=1)
def _application_v1(data: dict[str, Any]) -> dict[str, Any]:
    """v1 carried the applicant's name flat in data."""
    return {**data, "profile": {"full_name": data["full_name"]}}


@MEMBERSHIP_VIEW.upcaster("membership.OrganisationCreated", from_version=1)
@MEMBERSHIP_VIEW.upcaster("membership.ExistingMemberRecorded", from_version=1)
@MEMBERSHIP_VIEW.upcaster("membership.MemberDisciplined", from_version=1)
def _same_fields(data: dict[str, Any]) -> dict[str, Any]:
    """v2 widened an enum or added the decision record: nothing evaluations reads changed."""
    return data


@MEMBERSHIP_VIEW.upcaster("membership.MemberDisciplined", from_version=2)
def _discipline_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Before v3 a discipline did not say what it was for: not stated, never guessed."""
    return {**data, "misconduct": None}
