"""The types of the questions over the years: the distribution by level, members at a level two
years running, the TSVM list, one subject's classifications, a past year as submitted."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import Info

from .enums import EvaluationLevel, EvaluationPeriodKind, EvaluationSubjectKind
from .reading import Member, Organisation, member_or_none, organisation_or_none


@strawberry.type(description="One year's annual classifications in a subtree, by level.")
class LevelDistributionYear:
    year: int
    excellent: int = strawberry.field(description="HTXS")
    good: int = strawberry.field(description="HTT")
    completed: int = strawberry.field(description="HT")
    failed: int = strawberry.field(description="KHT")
    total: int
    good_or_better_percent: float | None = strawberry.field(
        description="The share at HTT or better, in %, one decimal; null with nobody "
                    "classified.")
    change_in_points: float | None = strawberry.field(
        description="The share's change from the year before, in percentage points.")

    @classmethod
    def from_view(cls, y) -> LevelDistributionYear:
        return cls(year=y.year, excellent=y.excellent, good=y.good, completed=y.completed,
                   failed=y.failed, total=y.total, good_or_better_percent=y.good_or_better_percent,
                   change_in_points=y.change_in_points)


@strawberry.type(description="A member classified at the same kind of level in two "
                             "consecutive years (KHT two years running: a review or xóa tên "
                             "proposal is due).")
class MemberRunningYears:
    member_id: strawberry.ID
    organisation_id: strawberry.ID
    grassroots_id: strawberry.ID
    years: list[int]
    levels: list[EvaluationLevel]  # type: ignore[valid-type]

    @strawberry.field(description="The member's file now; FORBIDDEN when kept outside your "
                                  "subtree.")
    def member(self, info: Info) -> Member | None:
        return member_or_none(info, self.member_id)

    @classmethod
    def from_view(cls, r) -> MemberRunningYears:
        return cls(member_id=strawberry.ID(r.member_id),
                   organisation_id=strawberry.ID(r.organisation_id),
                   grassroots_id=strawberry.ID(r.grassroots_id), years=list(r.years),
                   levels=[EvaluationLevel(v) for v in r.levels])


@strawberry.type(description="An organisation recognised \"trong sạch, vững mạnh\" tiêu biểu "
                             "for a year (only one rated HTXS).")
class TsvmRecognition:
    organisation_id: strawberry.ID
    year: int
    years_running: int = strawberry.field(description="HTXS years running, ending this one.")
    five_years_running: bool = strawberry.field(description="TSVM 5 năm liền.")
    decision_number: str
    decided_on: date
    rule_version: str

    @strawberry.field
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)

    @classmethod
    def from_view(cls, t) -> TsvmRecognition:
        return cls(organisation_id=strawberry.ID(t.organisation_id), year=t.year,
                   years_running=t.years_running, five_years_running=t.five_years_running,
                   decision_number=t.decision_number, decided_on=t.decided_on,
                   rule_version=t.rule_version)


@strawberry.type(description="A decided classification, or a correction of one, with the days "
                             "it was in force.")
class ClassificationRecord:
    period_id: strawberry.ID
    period_kind: EvaluationPeriodKind  # type: ignore[valid-type]
    year: int
    subject_kind: EvaluationSubjectKind  # type: ignore[valid-type]
    subject_id: strawberry.ID
    organisation_id: strawberry.ID
    grassroots_id: strawberry.ID
    level: EvaluationLevel  # type: ignore[valid-type]
    corrects: EvaluationLevel | None = strawberry.field(  # type: ignore[valid-type]
        description="The level a correction replaced.")
    reason: str | None
    decision_number: str
    decision_organisation_id: strawberry.ID
    decision_organ: str
    valid_from: date
    valid_to: date | None
    rule_version: str
    global_position: int = strawberry.field(description="The event's position in the log.")

    @classmethod
    def from_view(cls, c) -> ClassificationRecord:
        return cls(period_id=strawberry.ID(c.period_id),
                   period_kind=EvaluationPeriodKind(c.period_kind), year=c.year,
                   subject_kind=EvaluationSubjectKind(c.subject_kind),
                   subject_id=strawberry.ID(c.subject_id),
                   organisation_id=strawberry.ID(c.organisation_id),
                   grassroots_id=strawberry.ID(c.grassroots_id), level=EvaluationLevel(c.level),
                   corrects=EvaluationLevel(c.corrects) if c.corrects else None, reason=c.reason,
                   decision_number=c.decision_number,
                   decision_organisation_id=strawberry.ID(c.decision_organisation_id),
                   decision_organ=c.decision_organ, valid_from=c.valid_from,
                   valid_to=c.valid_to, rule_version=c.rule_version,
                   global_position=c.global_position)


@strawberry.type(description="One step of an evaluation exactly as its event recorded it.")
class EvaluationStepRecord:
    type: str = strawberry.field(description="The event's wire name, e.g. "
                                             "evaluations.SelfAssessmentSubmitted.")
    event_id: strawberry.ID
    global_position: int
    on: date
    data: str = strawberry.field(description="The event's data as JSON (its published form).")


@strawberry.type(description="A subject's annual evaluation of a year as it stood on a day, "
                             "traced to the events that recorded it.")
class ClassificationSnapshot:
    evaluation_id: strawberry.ID
    subject_id: strawberry.ID
    year: int
    as_of: date
    level: EvaluationLevel | None  # type: ignore[valid-type]
    steps: list[EvaluationStepRecord]

    @classmethod
    def from_view(cls, s) -> ClassificationSnapshot:
        return cls(evaluation_id=strawberry.ID(s.evaluation_id),
                   subject_id=strawberry.ID(s.subject_id), year=s.year, as_of=s.as_of,
                   level=EvaluationLevel(s.level) if s.level else None,
                   steps=[EvaluationStepRecord(type=x.type, event_id=strawberry.ID(x.event_id),
                                               global_position=x.global_position, on=x.on,
                                               data=x.data) for x in s.steps])
