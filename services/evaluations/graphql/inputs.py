"""Evaluations mutation inputs: one per command, each able to build its command.

Every input carries a client-made `commandId` (a UUID): sending the same command again with the
same id changes nothing and answers `duplicate: true`. A step names its evaluation by the period
and the subject (a member or an organisation on the period's roll).
"""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import COMMAND_ID
from services.evaluations import api as c

from .enums import AssessmentForm, ClassifyingOrgan, EvaluationLevel, EvaluationPeriodKind


@strawberry.input(description="One organ of one organisation.")
class ClassifyingBodyInput:
    organisation_id: strawberry.ID
    organ: ClassifyingOrgan  # type: ignore[valid-type]

    def to_domain(self) -> c.DecidingBodyInput:
        return c.DecidingBodyInput(str(self.organisation_id), self.organ.value)


@strawberry.input(description="The decision (quyết định) that classifies: its number, signer, "
                              "date and body.")
class ClassificationDecisionInput:
    number: str = strawberry.field(description="e.g. 45-QĐ/ĐU.")
    signer: str = strawberry.field(description="Who signed it, by name.")
    decided_on: date
    body: ClassifyingBodyInput | None = strawberry.field(
        default=None, description="Omitted: the body your token acts for (org + organ).")

    def to_domain(self) -> c.DecisionInput:
        return c.DecisionInput(self.number, self.signer, self.decided_on,
                               self.body.to_domain() if self.body else None)


@strawberry.input(description="The year's tasks and how they ended.")
class TasksInput:
    total: int
    on_time: int = strawberry.field(description="Done on time (the exceeded ones included).")
    exceeded: int = strawberry.field(description="Done on time and beyond their target.")
    late: int
    not_done: int

    def to_domain(self) -> c.TasksInput:
        return c.TasksInput(self.total, self.on_time, self.exceeded, self.late, self.not_done)


@strawberry.input(description="Open a campaign for your subtree; its roll is the subtree as of "
                              "the reference date.")
class OpenEvaluationPeriodInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID = strawberry.field(description="The root of the subtree.")
    kind: EvaluationPeriodKind  # type: ignore[valid-type]
    year: int
    reference_date: date
    closes_on: date
    civil_servants_by: date | None = strawberry.field(
        default=None, description="Default: 15/12 of the year (the rule book's).")

    def to_command(self) -> c.OpenEvaluationPeriod:
        return c.OpenEvaluationPeriod(str(self.organisation_id), self.kind.value, self.year,
                                      self.reference_date, self.closes_on,
                                      self.civil_servants_by)


@strawberry.input(description="Tự đánh giá: 30 general + 70 result points, one decimal place.")
class SubmitSelfAssessmentInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    period_id: strawberry.ID
    subject_id: strawberry.ID = strawberry.field(description="A member or organisation on the "
                                                             "period's roll.")
    form: AssessmentForm  # type: ignore[valid-type]
    general_points: float
    result_points: float
    tasks: TasksInput
    self_proposed_level: EvaluationLevel  # type: ignore[valid-type]
    submitted_on: date
    targets_met_percent: float | None = strawberry.field(
        default=None, description="A collective's share of its targets met.")
    heads_organisation_id: strawberry.ID | None = strawberry.field(
        default=None, description="Mẫu 2A: the organisation the member heads.")

    def to_command(self) -> c.SubmitSelfAssessment:
        return c.SubmitSelfAssessment(
            str(self.period_id), str(self.subject_id), self.form.value, self.general_points,
            self.result_points, self.tasks.to_domain(), self.self_proposed_level.value,
            self.submitted_on, self.targets_met_percent,
            str(self.heads_organisation_id) if self.heads_organisation_id else None)


@strawberry.input(description="The branch's (or collective's) comments and suggested level.")
class RecordCollectiveCommentsInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    period_id: strawberry.ID
    subject_id: strawberry.ID
    comments: str
    suggested_level: EvaluationLevel  # type: ignore[valid-type]
    recorded_on: date
    meeting_id: str | None = strawberry.field(
        default=None, description="The id of the meetings service's meeting where it was said, "
                                  "recorded as given: evaluations keeps no meetings, so it is "
                                  "a reference to follow there, not an id this service "
                                  "resolves.")

    def to_command(self) -> c.RecordCollectiveComments:
        return c.RecordCollectiveComments(
            str(self.period_id), str(self.subject_id), self.comments,
            self.suggested_level.value, self.recorded_on,
            str(self.meeting_id) if self.meeting_id else None)


@strawberry.input(description="Thẩm định: propose a level; the rules' ceiling is computed.")
class AppraiseEvaluationInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    period_id: strawberry.ID
    subject_id: strawberry.ID
    proposed_level: EvaluationLevel  # type: ignore[valid-type]
    appraised_on: date

    def to_command(self) -> c.AppraiseEvaluation:
        return c.AppraiseEvaluation(str(self.period_id), str(self.subject_id),
                                    self.proposed_level.value, self.appraised_on)


@strawberry.input(description="The competent body decides the level.")
class DecideClassificationInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    period_id: strawberry.ID
    subject_id: strawberry.ID
    level: EvaluationLevel  # type: ignore[valid-type]
    decision: ClassificationDecisionInput

    def to_command(self) -> c.DecideClassification:
        return c.DecideClassification(str(self.period_id), str(self.subject_id),
                                      self.level.value, decision=self.decision.to_domain())


@strawberry.input(description="Correct a decided classification, with its reason.")
class CorrectClassificationInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    period_id: strawberry.ID
    subject_id: strawberry.ID
    level: EvaluationLevel  # type: ignore[valid-type]
    reason: str
    decision: ClassificationDecisionInput

    def to_command(self) -> c.CorrectClassification:
        return c.CorrectClassification(str(self.period_id), str(self.subject_id),
                                       self.level.value, self.reason,
                                       decision=self.decision.to_domain())


@strawberry.input
class CloseEvaluationPeriodInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    period_id: strawberry.ID
    closed_on: date

    def to_command(self) -> c.CloseEvaluationPeriod:
        return c.CloseEvaluationPeriod(str(self.period_id), self.closed_on)


@strawberry.input(description="TSVM tiêu biểu for an organisation rated HTXS for the year.")
class RecognisePartyOrganisationInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    period_id: strawberry.ID
    subject_id: strawberry.ID = strawberry.field(description="The organisation.")
    decision: ClassificationDecisionInput

    def to_command(self) -> c.RecognisePartyOrganisation:
        return c.RecognisePartyOrganisation(str(self.period_id), str(self.subject_id),
                                            decision=self.decision.to_domain())
