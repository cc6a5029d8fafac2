"""One subject's evaluation in one period: self-assessment, the collective's comments, the
appraisal (thẩm định), the competent body's decision and its corrections, in that order.

Pure: the handler brings what the rules need (the appraisal's ceiling from the rule functions,
the quota counts, the collective's level, last year's level); this aggregate keeps the steps in
order and records the events.
"""

from __future__ import annotations

from datetime import date

from kit.aggregate import Aggregate
from kit.errors import InvalidInput, InvalidState

from .decision import DecisionRecord
from .events import (
    ClassificationCorrected,
    ClassificationDecided,
    CollectiveCommentsRecorded,
    EvaluationAppraised,
    GoodStandingTwoYearsRunning,
    PartyOrganisationRecognised,
    SelfAssessmentSubmitted,
    UnsatisfactoryTwoYearsRunning,
)
from .levels import Level
from .values import Disqualification, PeriodKind, SubjectKind


class Evaluation(Aggregate):
    stream_prefix = "evaluation"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.assessment: SelfAssessmentSubmitted | None = None
        self.comments: CollectiveCommentsRecorded | None = None
        self.appraisal: EvaluationAppraised | None = None
        self.decided: ClassificationDecided | None = None
        self.level: Level | None = None  # the decided level, after corrections
        self.unsatisfactory_told = False
        self.good_standing_told = False
        self.recognised = False

    # -- the steps ----------------------------------------------------------------------------

    def submit(self, assessment: SelfAssessmentSubmitted) -> None:
        if self.appraisal is not None:
            raise InvalidState("the evaluation is already appraised: the self-assessment is "
                               "no longer changed")
        if self.assessment is not None and self.assessment.period_id != assessment.period_id:
            raise InvalidState(f"{assessment.subject_id} is already evaluated for "
                               f"{assessment.year} in another annual period "
                               f"({self.assessment.period_id})")
        self.record(assessment)

    def comment(self, meeting_id: str | None, comments: str, suggested: Level,
                recorded_on: date) -> None:
        self._require_assessed()
        if self.decided is not None:
            raise InvalidState("the classification is already decided")
        if self.assessment is not None and recorded_on < self.assessment.submitted_on:
            raise InvalidInput("recorded_on", "falls before the self-assessment")
        self.record(CollectiveCommentsRecorded(self.id, meeting_id, comments, suggested,
                                               recorded_on))

    def appraise(self, proposed: Level, allowed: Level, total_points: float,
                 disqualifiers: tuple[Disqualification, ...], reasons: tuple[str, ...],
                 appraised_on: date, rule_version: str) -> None:
        self._require_assessed()
        if self.decided is not None:
            raise InvalidState("the classification is already decided; correct it instead")
        if self.assessment is not None and appraised_on < self.assessment.submitted_on:
            raise InvalidInput("appraised_on", "falls before the self-assessment")
        self.record(EvaluationAppraised(self.id, proposed, allowed, total_points, disqualifiers,
                                        reasons, appraised_on, rule_version))

    def decide(self, level: Level, previous_level: Level | None, decision: DecisionRecord,
               period_kind: PeriodKind, rule_version: str) -> None:
        """The ceiling is checked here; the quota and the head's rule by the handler (they
        read other evaluations)."""
        if self.decided is not None:
            raise InvalidState("the classification is already decided; correct it instead")
        if self.appraisal is None:
            raise InvalidState("the evaluation is not appraised yet (thẩm định comes before "
                               "the decision)")
        if decision.decided_on < self.appraisal.appraised_on:
            raise InvalidInput("decision.decided_on", "falls before the appraisal")
        a = self.assessment
        assert a is not None
        self.record(ClassificationDecided(
            self.id, a.period_id, period_kind, a.year, a.subject_kind, a.subject_id,
            a.organisation_id, a.grassroots_id, level, self.appraisal.allowed_level,
            previous_level, self.appraisal.disqualifiers, decision, rule_version))

    def correct(self, level: Level, reason: str, decision: DecisionRecord,
                rule_version: str) -> None:
        if self.decided is None or self.level is None:
            raise InvalidState("there is no decided classification to correct")
        if level == self.level:
            raise InvalidInput("level", f"the classification is already {level.value}")
        if decision.decided_on < self.decided.decision.decided_on:
            raise InvalidInput("decision.decided_on", "falls before the decision it corrects")
        a = self.decided
        self.record(ClassificationCorrected(
            self.id, a.period_id, a.year, a.subject_kind, a.subject_id, a.grassroots_id,
            self.level, level, reason, decision, rule_version))

    def tell_running_years(self, previous_level: Level | None, decided_on: date,
                           rule_version: str) -> None:
        """After a decision or correction of an annual member evaluation: two consecutive years
        KHT, or at HTT or better, are told once each to whoever follows (membership, personnel)."""
        d = self.decided
        if (d is None or self.level is None or previous_level is None
                or d.subject_kind is not SubjectKind.MEMBER or d.period_kind is not PeriodKind.ANNUAL):
            return
        years = (d.year - 1, d.year)
        if (self.level is Level.FAILED and previous_level is Level.FAILED
                and not self.unsatisfactory_told):
            self.record(UnsatisfactoryTwoYearsRunning(
                self.id, d.subject_id, d.organisation_id, d.grassroots_id, years, decided_on,
                rule_version))
        if (self.level >= Level.GOOD and previous_level >= Level.GOOD
                and not self.good_standing_told):
            self.record(GoodStandingTwoYearsRunning(
                self.id, d.subject_id, d.organisation_id, years, (previous_level, self.level),
                decided_on, rule_version))

    def recognise(self, years_running: int, five_years: bool, decision: DecisionRecord,
                  rule_version: str) -> None:
        d = self.decided
        if d is None or d.subject_kind is not SubjectKind.ORGANISATION:
            raise InvalidState("only a decided organisation's classification is recognised")
        if self.recognised:
            raise InvalidState("the organisation is already recognised for this year")
        self.record(PartyOrganisationRecognised(
            self.id, d.subject_id, d.year, years_running, five_years, decision,
            rule_version))

    def _require_assessed(self) -> None:
        if self.assessment is None:
            raise InvalidState("the subject has not assessed itself yet")

    # -- state --------------------------------------------------------------------------------

    def apply(self, event: object) -> None:
        match event:
            case SelfAssessmentSubmitted():
                self.assessment = event
            case CollectiveCommentsRecorded():
                self.comments = event
            case EvaluationAppraised():
                self.appraisal = event
            case ClassificationDecided():
                self.decided = event
                self.level = event.level
            case ClassificationCorrected():
                self.level = event.level
            case UnsatisfactoryTwoYearsRunning():
                self.unsatisfactory_told = True
            case GoodStandingTwoYearsRunning():
                self.good_standing_told = True
            case PartyOrganisationRecognised():
                self.recognised = True
