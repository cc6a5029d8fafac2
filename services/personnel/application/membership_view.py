"""Personnel's own reading of membership's published events (a consumer-owned view).

Each class declares only the fields personnel reads, under membership's wire names
(contracts/events/membership/*.json); membership's classes are never imported. Types not
registered here are skipped by the projection that follows `membership.events`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kit.codec import EventCodec

SOURCE = "membership.events"


@dataclass(frozen=True)
class Person:
    """The part of a member profile personnel reads."""

    full_name: str
    date_of_birth: date
    gender: str


@dataclass(frozen=True)
class OrganisationCreated:
    organisation_id: str
    name: str
    type: str
    parent_id: str | None


@dataclass(frozen=True)
class OrganisationRenamed:
    organisation_id: str
    name: str


@dataclass(frozen=True)
class OrganisationMoved:
    organisation_id: str
    to_parent_id: str


@dataclass(frozen=True)
class OrganisationMerged:
    organisation_id: str
    into_organisation_id: str


@dataclass(frozen=True)
class ApplicationSubmitted:
    member_id: str
    organisation_id: str
    profile: Person


@dataclass(frozen=True)
class ExistingMemberRecorded:
    member_id: str
    organisation_id: str
    profile: Person


@dataclass(frozen=True)
class MemberReceivedFromProvince:
    member_id: str
    organisation_id: str
    profile: Person


@dataclass(frozen=True)
class MemberProfileUpdated:
    member_id: str
    profile: Person


@dataclass(frozen=True)
class MemberFileCorrected:
    member_id: str
    field: str
    new_value: str


@dataclass(frozen=True)
class MemberTransferred:
    member_id: str
    to_organisation_id: str


@dataclass(frozen=True)
class TransferredMemberReceived:
    member_id: str
    to_organisation_id: str


@dataclass(frozen=True)
class MemberDisciplined:
    """Kỷ luật: reprimand (khiển trách), warning (cảnh cáo), dismissal (cách chức), expulsion."""

    member_id: str
    form: str
    decided_on: date


@dataclass(frozen=True)
class MemberDied:
    member_id: str
    died_on: date


MEMBERSHIP_VIEW = EventCodec([
    ("membership.OrganisationCreated", 2, OrganisationCreated),
    ("membership.OrganisationRenamed", 1, OrganisationRenamed),
    ("membership.OrganisationMoved", 1, OrganisationMoved),
    ("membership.OrganisationMerged", 1, OrganisationMerged),
    ("membership.ApplicationSubmitted", 2, ApplicationSubmitted),
    ("membership.ExistingMemberRecorded", 2, ExistingMemberRecorded),
    ("membership.MemberReceivedFromProvince", 1, MemberReceivedFromProvince),
    ("membership.MemberProfileUpdated", 1, MemberProfileUpdated),
    ("membership.MemberFileCorrected", 1, MemberFileCorrected),
    ("membership.MemberTransferred", 1, MemberTransferred),
    ("membership.TransferredMemberReceived", 1, TransferredMemberReceived),
    ("membership.MemberDisciplined", 1, MemberDisciplined),
    ("membership.MemberDied", 1, MemberDied),
])


@MEMBERSHIP_VIEW.upcaster("membership.ApplicationSubmitted", from_version=1)
def _application_v1(data: dict[str, Any]) -> dict[str, Any]:
    """v1 carried the applicant's profile flat in data."""
    return {**data, "profile": {k: data[k] for k in ("full_name", "date_of_birth", "gender")}}


@MEMBERSHIP_VIEW.upcaster("membership.OrganisationCreated", from_version=1)
@MEMBERSHIP_VIEW.upcaster("membership.ExistingMemberRecorded", from_version=1)
def _widened_v1(data: dict[str, Any]) -> dict[str, Any]:
    """v2 only widened an enum: v1 reads as v2."""
    return data
