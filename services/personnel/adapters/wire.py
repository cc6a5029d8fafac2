"""Stable wire names and schema versions of personnel events, and the RPC names of its
commands: the published contract (contracts/events/personnel/*.json)."""

from __future__ import annotations

from kit.codec import EventCodec

from ..domain import commands as c
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
}
