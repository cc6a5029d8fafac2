"""Stable wire names and schema versions of membership events, upcasters for old versions, and
the RPC names of its commands.

The event names here are the published contract (contracts/events/membership/*.json); Python class
names and module paths may change freely.
"""

from __future__ import annotations

from typing import Any

from kit.codec import EventCodec

from ..domain import change_commands as cc
from ..domain import change_events as ce
from ..domain import commands as c
from ..domain import discipline_commands as dc
from ..domain import discipline_events as de
from ..domain import events as e
from ..domain import province_transfer_commands as pc
from ..domain import province_transfer_events as pe

SERVICE = "membership"

# (wire name, schema version, class): the names are literals, so renaming a class changes nothing
# on the wire
CODEC = EventCodec([
    ("membership.OrganisationCreated", 2, e.OrganisationCreated),
    ("membership.OrganisationRenamed", 1, e.OrganisationRenamed),
    ("membership.OrganisationMoved", 1, e.OrganisationMoved),
    ("membership.OrganisationMerged", 1, e.OrganisationMerged),
    ("membership.OrganisationAbsorbed", 1, e.OrganisationAbsorbed),
    ("membership.OrganisationDissolved", 1, e.OrganisationDissolved),
    ("membership.ApplicationSubmitted", 2, e.ApplicationSubmitted),
    ("membership.ExistingMemberRecorded", 2, e.ExistingMemberRecorded),
    ("membership.MemberAdmitted", 2, e.MemberAdmitted),
    ("membership.AdmissionCeremonyHeld", 1, e.AdmissionCeremonyHeld),
    ("membership.MemberRecognisedAsOfficial", 2, e.MemberRecognisedAsOfficial),
    ("membership.PartyCardIssued", 1, e.PartyCardIssued),
    ("membership.MemberRemovedFromProbationaryList", 2, e.MemberRemovedFromProbationaryList),
    ("membership.MemberTransferred", 2, e.MemberTransferred),
    ("membership.MemberTemporarilyTransferred", 1, e.MemberTemporarilyTransferred),
    ("membership.TemporaryTransferEnded", 1, e.TemporaryTransferEnded),
    ("membership.MemberExempted", 2, e.MemberExempted),
    ("membership.ExemptionEnded", 1, e.ExemptionEnded),
    ("membership.MemberRemovedFromRolls", 2, e.MemberRemovedFromRolls),
    ("membership.MemberDisciplined", 3, e.MemberDisciplined),
    ("membership.MemberDied", 1, e.MemberDied),
    ("membership.MemberProfileUpdated", 1, e.MemberProfileUpdated),
    ("membership.AdmissionProposed", 1, e.AdmissionProposed),
    ("membership.OfficialRecognitionProposed", 1, e.OfficialRecognitionProposed),
    ("membership.RemovalFromRollsProposed", 1, e.RemovalFromRollsProposed),
    ("membership.AdmissionAuthorityDelegated", 1, e.AdmissionAuthorityDelegated),
    ("membership.MemberSuspended", 1, ce.MemberSuspended),
    ("membership.SuspensionEnded", 1, ce.SuspensionEnded),
    ("membership.TemporaryTransferExtended", 1, ce.TemporaryTransferExtended),
    ("membership.TransferLetterIssued", 1, ce.TransferLetterIssued),
    ("membership.TransferredMemberReceived", 1, ce.TransferredMemberReceived),
    ("membership.MemberReceivedFromProvince", 1, ce.MemberReceivedFromProvince),
    ("membership.MemberFileCorrected", 1, e.MemberFileCorrected),
    ("membership.CitizenIdClaimed", 1, e.CitizenIdClaimed),
    ("membership.CitizenIdReleased", 1, e.CitizenIdReleased),
    ("membership.OrganisationDisciplined", 1, de.OrganisationDisciplined),
    ("membership.MemberSentToProvince", 1, pe.MemberSentToProvince),
    ("membership.TransferToProvinceCompleted", 1, pe.TransferToProvinceCompleted),
    ("membership.TransferReturnedFromProvince", 1, pe.TransferReturnedFromProvince),
    ("membership.IncomingTransferOpened", 1, pe.IncomingTransferOpened),
    ("membership.IncomingTransferAccepted", 1, pe.IncomingTransferAccepted),
    ("membership.IncomingTransferRefused", 1, pe.IncomingTransferRefused),
])

# (RPC name, command class) for every command with a handler: literals too, and the service's
# declaration refuses a table that disagrees with its handlers
COMMAND_NAMES = {
    "CreateOrganisation": c.CreateOrganisation,
    "RenameOrganisation": c.RenameOrganisation,
    "MoveOrganisation": c.MoveOrganisation,
    "MergeOrganisation": c.MergeOrganisation,
    "DissolveOrganisation": c.DissolveOrganisation,
    "SubmitApplication": c.SubmitApplication,
    "RecordExistingMember": c.RecordExistingMember,
    "AdmitMember": c.AdmitMember,
    "HoldAdmissionCeremony": c.HoldAdmissionCeremony,
    "RecogniseOfficialMember": c.RecogniseOfficialMember,
    "IssuePartyCard": c.IssuePartyCard,
    "RemoveFromProbationaryList": c.RemoveFromProbationaryList,
    "TransferMember": c.TransferMember,
    "TransferMemberTemporarily": c.TransferMemberTemporarily,
    "EndTemporaryTransfer": c.EndTemporaryTransfer,
    "ExemptMember": c.ExemptMember,
    "EndExemption": c.EndExemption,
    "RemoveMemberFromRolls": c.RemoveMemberFromRolls,
    "DisciplineMember": c.DisciplineMember,
    "RecordMemberDeath": c.RecordMemberDeath,
    "UpdateMemberProfile": c.UpdateMemberProfile,
    "ProposeAdmission": c.ProposeAdmission,
    "ProposeOfficialRecognition": c.ProposeOfficialRecognition,
    "ProposeRemovalFromRolls": c.ProposeRemovalFromRolls,
    "DelegateAdmissionAuthority": c.DelegateAdmissionAuthority,
    "SuspendMember": cc.SuspendMember,
    "EndSuspension": cc.EndSuspension,
    "ExtendTemporaryTransfer": cc.ExtendTemporaryTransfer,
    "IssueTransferLetter": cc.IssueTransferLetter,
    "ReceiveTransferredMember": cc.ReceiveTransferredMember,
    "ReceiveMemberFromProvince": cc.ReceiveMemberFromProvince,
    "CorrectMemberFile": c.CorrectMemberFile,
    "DisciplineOrganisation": dc.DisciplineOrganisation,
    "SendMemberToProvince": pc.SendMemberToProvince,
    "AcceptIncomingTransfer": pc.AcceptIncomingTransfer,
    "RefuseIncomingTransfer": pc.RefuseIncomingTransfer,
    "OpenIncomingTransfer": pc.OpenIncomingTransfer,
    "CompleteTransferToProvince": pc.CompleteTransferToProvince,
    "ReturnTransferFromProvince": pc.ReturnTransferFromProvince,
}

_PROFILE_FIELDS = ("full_name", "date_of_birth", "gender", "ethnicity", "hometown", "citizen_id",
                   "education", "political_theory", "occupation", "qualification")


@CODEC.upcaster("membership.ApplicationSubmitted", from_version=1)
def _application_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v1 carried the applicant's profile flat and knew no re-admissions."""
    profile = {k: data.pop(k) for k in _PROFILE_FIELDS if k in data}
    profile.setdefault("qualification", "")
    return {**data, "profile": profile, "readmission": False}


# v1 -> v2 of the decision events: v2 records the deciding body, number, date and signer. A v1
# event did not say who decided: body, signer and rule version are unknown (None); the number and
# date are kept where v1 carried them (a transfer's or exemption's effective date is not its
# decision's date, so that stays unknown too).


def _decision(number: str | None = None, decided_on: str | None = None) -> dict[str, Any]:
    return {"organisation_id": None, "organ": None, "number": number, "decided_on": decided_on,
            "signer": None, "rule_version": None}


@CODEC.upcaster("membership.MemberAdmitted", from_version=1)
def _admitted_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "decision": _decision(data.get("decision_number"), data.get("decided_on"))}


def _decided_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "decision": _decision(None, data.get("decided_on"))}


def _undated_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "decision": _decision()}


for _name in ("MemberRecognisedAsOfficial", "MemberRemovedFromProbationaryList",
              "MemberRemovedFromRolls", "MemberDisciplined"):
    CODEC.upcaster(f"membership.{_name}", from_version=1)(_decided_v1_to_v2)
for _name in ("MemberTransferred", "MemberExempted"):
    CODEC.upcaster(f"membership.{_name}", from_version=1)(_undated_v1_to_v2)


@CODEC.upcaster("membership.OrganisationCreated", from_version=1)
def _organisation_created_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v2 widens `type` to the 2025 structure's types (provincial line, police and military
    committees, the legacy đảng bộ khối): every v1 event is a v2 event as it stands."""
    return data


@CODEC.upcaster("membership.ExistingMemberRecorded", from_version=1)
def _existing_member_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v2 widens `status` with transferred_out (the value set is MemberStatus's): every v1
    event is a v2 event as it stands."""
    return data


@CODEC.upcaster("membership.MemberDisciplined", from_version=2)
def _disciplined_v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """v3 records what the discipline was for (misconduct, e.g. corruption); a v2 event did
    not say: not stated (None), never guessed."""
    return {**data, "misconduct": None}
