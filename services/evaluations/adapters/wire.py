"""Stable wire names and schema versions of evaluations events, and the RPC names of its
commands.

The event names here are the published contract (contracts/events/evaluations/*.json); Python
class names and module paths may change freely.
"""

from __future__ import annotations

from kit.codec import EventCodec

from ..domain import commands as c
from ..domain import events as e

SERVICE = "evaluations"
TOPIC = "evaluations.events"

# (wire name, schema version, class): the names are literals, so renaming a class changes nothing
# on the wire
CODEC = EventCodec([
    ("evaluations.EvaluationPeriodOpened", 1, e.EvaluationPeriodOpened),
    ("evaluations.EvaluationPeriodClosed", 1, e.EvaluationPeriodClosed),
    ("evaluations.SelfAssessmentSubmitted", 1, e.SelfAssessmentSubmitted),
    ("evaluations.CollectiveCommentsRecorded", 1, e.CollectiveCommentsRecorded),
    ("evaluations.EvaluationAppraised", 1, e.EvaluationAppraised),
    ("evaluations.ClassificationDecided", 1, e.ClassificationDecided),
    ("evaluations.ClassificationCorrected", 1, e.ClassificationCorrected),
    ("evaluations.UnsatisfactoryTwoYearsRunning", 1, e.UnsatisfactoryTwoYearsRunning),
    ("evaluations.GoodStandingTwoYearsRunning", 1, e.GoodStandingTwoYearsRunning),
    ("evaluations.PartyOrganisationRecognised", 1, e.PartyOrganisationRecognised),
])

# (RPC name, command class) for every command with a handler: literals too, and the service's
# declaration refuses a table that disagrees with its handlers
COMMAND_NAMES = {
    "OpenEvaluationPeriod": c.OpenEvaluationPeriod,
    "SubmitSelfAssessment": c.SubmitSelfAssessment,
    "RecordCollectiveComments": c.RecordCollectiveComments,
    "AppraiseEvaluation": c.AppraiseEvaluation,
    "DecideClassification": c.DecideClassification,
    "CorrectClassification": c.CorrectClassification,
    "CloseEvaluationPeriod": c.CloseEvaluationPeriod,
    "RecognisePartyOrganisation": c.RecognisePartyOrganisation,
}
