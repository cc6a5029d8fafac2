"""The evaluations service's published API: all that the gateway, the demo, the benchmarks and
other services may import of it.

The commands it accepts and the values they carry, and the queries it publishes
(`EvaluationsQueriesApi`, exactly the declaration's QUERY_NAMES: the RPC wire is typed from it).
Everything else in the package may change without notice.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from .domain.commands import (
    AppraiseEvaluation,
    CloseEvaluationPeriod,
    CorrectClassification,
    DecideClassification,
    DecidingBodyInput,
    DecisionInput,
    OpenEvaluationPeriod,
    RecognisePartyOrganisation,
    RecordCollectiveComments,
    SubmitSelfAssessment,
    TasksInput,
)
from .domain.decision import Organ
from .domain.levels import Level
from .domain.values import AssessmentForm, Exclusion, PeriodKind, SubjectKind, parse_id

__all__ = [
    # commands, and the records they carry
    "OpenEvaluationPeriod", "SubmitSelfAssessment", "RecordCollectiveComments",
    "AppraiseEvaluation", "DecideClassification", "CorrectClassification",
    "CloseEvaluationPeriod", "RecognisePartyOrganisation", "TasksInput", "DecisionInput",
    "DecidingBodyInput",
    # the values command fields and views take; ids are UUIDs
    "Level", "PeriodKind", "SubjectKind", "AssessmentForm", "Exclusion", "Organ", "parse_id",
    "EvaluationsQueriesApi",
]


@runtime_checkable
class EvaluationsQueriesApi(Protocol):
    """The questions evaluations answers for clients, from its read models only (its view of
    organisations and members follows membership's published events). Every list is scoped to
    a subtree."""

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool:
        """True when the organisation is the scope or below it."""
        ...
