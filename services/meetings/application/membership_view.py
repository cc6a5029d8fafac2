"""The meetings service's own reading of membership's published events (a consumer-owned view).

Each class declares only the fields meetings reads, under membership's wire names
(contracts/events/membership/*.json); membership's classes are never imported, so membership may
change anything it does not publish. Fields it publishes and we do not declare are ignored.
Types not registered here are skipped by the projections that follow `membership.events`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kit.codec import EventCodec

SOURCE = "membership.events"  # the source name these projections follow (Kafka topic too)


@dataclass(frozen=True)
class Named:
    """The part of a member profile meetings shows: the name."""

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
    status: str  # probationary | official
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
    member_id: str
    form: str  # only "expulsion" (khai trừ) takes a member off the rolls
    decided_on: date


@dataclass(frozen=True)
class MemberDied:
    member_id: str
    died_on: date


@dataclass(frozen=True)
class MemberProfileUpdated:
    member_id: str
    profile: Named


# -- suspension and transfers across the province's border (membership's 2025 changes) -------


@dataclass(frozen=True)
class MemberSuspended:
    """Đình chỉ sinh hoạt: on the rolls, but summoned to nothing and counted nowhere."""

    member_id: str
    effective_on: date


@dataclass(frozen=True)
class SuspensionEnded:
    member_id: str
    effective_on: date


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
    received_on: date


@dataclass(frozen=True)
class MemberFileCorrected:
    """A value of the member file put right; meetings reads the corrected full name."""

    member_id: str
    field: str
    new_value: str


# -- the view ---------------------------------------------------------------------------------

# (membership's wire name, schema version, our class): the names are membership's literals, so
# renaming a class here changes nothing we read
MEMBERSHIP_VIEW = EventCodec([
    ("membership.OrganisationCreated", 2, OrganisationCreated),
    ("membership.OrganisationRenamed", 1, OrganisationRenamed),
    ("membership.OrganisationMoved", 1, OrganisationMoved),
    ("membership.OrganisationMerged", 1, OrganisationMerged),
    ("membership.OrganisationDissolved", 1, OrganisationDissolved),
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
    ("membership.MemberDisciplined", 1, MemberDisciplined),
    ("membership.MemberDied", 1, MemberDied),
    ("membership.MemberProfileUpdated", 1, MemberProfileUpdated),
    ("membership.MemberSuspended", 1, MemberSuspended),
    ("membership.SuspensionEnded", 1, SuspensionEnded),
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
def _widened_v1(data: dict[str, Any]) -> dict[str, Any]:
    """v2 only widened an enum (organisation types, member statuses): v1 reads as v2."""
    return data
