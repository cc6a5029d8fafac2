"""Stable wire names and schema versions of personnel events, and the RPC names of its
commands: the published contract (contracts/events/personnel/*.json)."""

from __future__ import annotations

from kit.codec import EventCodec

from ..domain import commands as c
from ..domain import congress_commands as k
from ..domain import congress_events as ke
from ..domain import events as e

SERVICE = "personnel"
TOPIC = "personnel.events"

CODEC = EventCodec([
    ("personnel.PostRegistered", 1, e.PostRegistered),
    ("personnel.CadreFileOpened", 1, e.CadreFileOpened),
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
    ("personnel.CongressConvened", 1, ke.CongressConvened),
    ("personnel.CandidatesNominated", 1, ke.CandidatesNominated),
    ("personnel.BallotCounted", 1, ke.BallotCounted),
    ("personnel.ElectionResultsApproved", 1, ke.ElectionResultsApproved),
    ("personnel.CommitteeMembersAppointed", 1, ke.CommitteeMembersAppointed),
])

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
    "ConveneCongress": k.ConveneCongress,
    "NominateCandidates": k.NominateCandidates,
    "RecordBallotResults": k.RecordBallotResults,
    "ApproveElectionResults": k.ApproveElectionResults,
    "AppointCommitteeMembers": k.AppointCommitteeMembers,
}
