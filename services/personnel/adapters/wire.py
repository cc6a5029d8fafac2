"""Stable wire names and schema versions of personnel events, and the RPC names of its
commands: the published contract (contracts/events/personnel/*.json)."""

from __future__ import annotations

from kit.codec import EventCodec
from kit.personal import Personal

from ..domain import commands as c
from ..domain import congress_commands as k
from ..domain import congress_events as ke
from ..domain import erasure as x
from ..domain import events as e
from ..domain import plan_approval as pa
from ..domain import rotation as r

SERVICE = "personnel"
TOPIC = "personnel.events"

CODEC = EventCodec([
    ("personnel.PostRegistered", 1, e.PostRegistered),
    # v2: `person` sealed with the cadre's key (kit/shredding.py); v1 carried it in the clear
    ("personnel.CadreFileOpened", 2, e.CadreFileOpened, Personal("cadre_id", ("person",))),
    ("personnel.CadreAddedToPlan", 1, e.CadreAddedToPlan),
    ("personnel.CadreRemovedFromPlan", 1, e.CadreRemovedFromPlan),
    ("personnel.PlanPlaceTaken", 1, e.PlanPlaceTaken),
    ("personnel.PlanPlaceReleased", 1, e.PlanPlaceReleased),
    ("personnel.AppointmentProposed", 1, e.AppointmentProposed),
    ("personnel.CadreAppointed", 1, e.CadreAppointed),
    ("personnel.CadreReappointed", 1, e.CadreReappointed),
    ("personnel.TermExtendedToRetirement", 1, e.TermExtendedToRetirement),
    ("personnel.CadreFileRead", 1, e.CadreFileRead),
    ("personnel.PlanRemovalProposed", 1, e.PlanRemovalProposed),
    # personnel-more
    ("personnel.CadrePersonalDataErased", 1, x.CadrePersonalDataErased),
    ("personnel.CadreRotated", 1, r.CadreRotated),
    ("personnel.CongressConvened", 1, ke.CongressConvened),
    ("personnel.CandidatesNominated", 1, ke.CandidatesNominated),
    ("personnel.BallotCounted", 1, ke.BallotCounted),
    ("personnel.ElectionResultsApproved", 1, ke.ElectionResultsApproved),
    ("personnel.CommitteeMembersAppointed", 1, ke.CommitteeMembersAppointed),
    ("personnel.PlanApproved", 1, pa.PlanApproved),
    ("personnel.PlanReviewed", 1, pa.PlanReviewed),
])


@CODEC.upcaster("personnel.CadreFileOpened", 1)
def _cadre_file_opened_v1(data: dict) -> dict:
    """v1 to v2: the same fields; only how `person` travels changed (a v1 event stored in the
    clear reads back as it was: there is no key to destroy for it)."""
    return data

COMMAND_NAMES = {
    "RegisterPost": c.RegisterPost,
    "OpenCadreFile": c.OpenCadreFile,
    "AddCadreToPlan": c.AddCadreToPlan,
    "RemoveCadreFromPlan": c.RemoveCadreFromPlan,
    "ProposeAppointment": c.ProposeAppointment,
    "AppointCadre": c.AppointCadre,
    "ReappointCadre": c.ReappointCadre,
    "ExtendToRetirement": c.ExtendToRetirement,
    "RecordCadreFileRead": c.RecordCadreFileRead,
    "ProposePlanRemoval": c.ProposePlanRemoval,
    # personnel-more
    "EraseCadrePersonalData": x.EraseCadrePersonalData,
    "RotateCadre": r.RotateCadre,
    "ConveneCongress": k.ConveneCongress,
    "NominateCandidates": k.NominateCandidates,
    "RecordBallotResults": k.RecordBallotResults,
    "ApproveElectionResults": k.ApproveElectionResults,
    "AppointCommitteeMembers": k.AppointCommitteeMembers,
    "ApprovePlan": pa.ApprovePlan,
    "ReviewPlan": pa.ReviewPlan,
}
