"""Stable wire names and schema versions of membership events, and upcasters for old versions.

The names here are the published contract (contracts/events/membership/*.json); Python class
names and module paths may change freely.
"""

from __future__ import annotations

from typing import Any

from kit.codec import EventCodec

from ..domain import events as e

CODEC = EventCodec()
SERVICE = "membership"

for _cls, _version in [
    (e.OrganisationCreated, 1),
    (e.OrganisationRenamed, 1),
    (e.OrganisationMoved, 1),
    (e.OrganisationMerged, 1),
    (e.OrganisationAbsorbed, 1),
    (e.OrganisationDissolved, 1),
    (e.ApplicationSubmitted, 2),
    (e.ExistingMemberRecorded, 1),
    (e.MemberAdmitted, 1),
    (e.AdmissionCeremonyHeld, 1),
    (e.MemberRecognisedAsOfficial, 1),
    (e.PartyCardIssued, 1),
    (e.MemberRemovedFromProbationaryList, 1),
    (e.MemberTransferred, 1),
    (e.MemberTemporarilyTransferred, 1),
    (e.TemporaryTransferEnded, 1),
    (e.MemberExempted, 1),
    (e.ExemptionEnded, 1),
    (e.MemberRemovedFromRolls, 1),
    (e.MemberDisciplined, 1),
    (e.MemberDied, 1),
    (e.MemberProfileUpdated, 1),
]:
    CODEC.register(f"{SERVICE}.{_cls.__name__}", _version)(_cls)

_PROFILE_FIELDS = ("full_name", "date_of_birth", "gender", "ethnicity", "hometown", "citizen_id",
                   "education", "political_theory", "occupation", "qualification")


@CODEC.upcaster("membership.ApplicationSubmitted", from_version=1)
def _application_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v1 carried the applicant's profile flat and knew no re-admissions."""
    profile = {k: data.pop(k) for k in _PROFILE_FIELDS if k in data}
    profile.setdefault("qualification", "")
    return {**data, "profile": profile, "readmission": False}
