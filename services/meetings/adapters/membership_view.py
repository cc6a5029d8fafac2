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

MEMBERSHIP_VIEW = EventCodec()
SOURCE = "membership.events"  # the source name these projections follow (Kafka topic too)


def _seen(version: int = 1):
    def decorate(cls: type) -> type:
        return MEMBERSHIP_VIEW.register(f"membership.{cls.__name__}", version)(cls)
    return decorate


@dataclass(frozen=True)
class Named:
    """The part of a member profile meetings shows: the name."""

    full_name: str


# -- organisations --------------------------------------------------------------------------


@_seen()
@dataclass(frozen=True)
class OrganisationCreated:
    organisation_id: str
    name: str
    type: str
    parent_id: str | None
    established_on: date


@_seen()
@dataclass(frozen=True)
class OrganisationRenamed:
    organisation_id: str
    name: str


@_seen()
@dataclass(frozen=True)
class OrganisationMoved:
    organisation_id: str
    to_parent_id: str


@_seen()
@dataclass(frozen=True)
class OrganisationMerged:
    organisation_id: str
    into_organisation_id: str
    effective_on: date


@_seen()
@dataclass(frozen=True)
class OrganisationDissolved:
    organisation_id: str
    effective_on: date


# -- members ----------------------------------------------------------------------------------


@_seen(version=2)
@dataclass(frozen=True)
class ApplicationSubmitted:
    member_id: str
    organisation_id: str
    profile: Named


@MEMBERSHIP_VIEW.upcaster("membership.ApplicationSubmitted", from_version=1)
def _application_v1(data: dict[str, Any]) -> dict[str, Any]:
    """v1 carried the applicant's name flat in data."""
    return {**data, "profile": {"full_name": data["full_name"]}}


@_seen()
@dataclass(frozen=True)
class ExistingMemberRecorded:
    member_id: str
    organisation_id: str
    profile: Named
    status: str  # probationary | official


@_seen()
@dataclass(frozen=True)
class MemberAdmitted:
    member_id: str


@_seen()
@dataclass(frozen=True)
class MemberRecognisedAsOfficial:
    member_id: str


@_seen()
@dataclass(frozen=True)
class MemberTransferred:
    member_id: str
    to_organisation_id: str


@_seen()
@dataclass(frozen=True)
class MemberTemporarilyTransferred:
    member_id: str
    to_organisation_id: str


@_seen()
@dataclass(frozen=True)
class TemporaryTransferEnded:
    member_id: str


@_seen()
@dataclass(frozen=True)
class MemberExempted:
    member_id: str


@_seen()
@dataclass(frozen=True)
class ExemptionEnded:
    member_id: str


@_seen()
@dataclass(frozen=True)
class MemberRemovedFromRolls:
    member_id: str


@_seen()
@dataclass(frozen=True)
class MemberRemovedFromProbationaryList:
    member_id: str


@_seen()
@dataclass(frozen=True)
class MemberDisciplined:
    member_id: str
    form: str  # only "expulsion" (khai trừ) takes a member off the rolls


@_seen()
@dataclass(frozen=True)
class MemberDied:
    member_id: str


@_seen()
@dataclass(frozen=True)
class MemberProfileUpdated:
    member_id: str
    profile: Named
