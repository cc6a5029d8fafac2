"""The campaign's types: a period, its progress board in a subtree, the HTXS quota's headroom."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import DEFAULT_PAGE, Connection, Edge, Info, connection, domain_errors

from .enums import EvaluationLevel, EvaluationPeriodKind, EvaluationSubjectKind
from .reading import (
    Member,
    Organisation,
    evaluations,
    member_or_none,
    organisation_or_none,
    visible,
)


@strawberry.type(description="An evaluation period (đợt đánh giá, xếp loại) as opened.")
class EvaluationPeriod:
    id: strawberry.ID
    organisation_id: strawberry.ID = strawberry.field(description="The root of its subtree.")
    kind: EvaluationPeriodKind  # type: ignore[valid-type]
    year: int
    reference_date: date = strawberry.field(description="Its roll is the subtree on this day.")
    civil_servants_by: date
    closes_on: date
    rule_version: str
    closed_on: date | None

    @strawberry.field
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)

    @classmethod
    def from_view(cls, p) -> EvaluationPeriod:
        return cls(id=strawberry.ID(p.period_id), organisation_id=strawberry.ID(p.organisation_id),
                   kind=EvaluationPeriodKind(p.kind), year=p.year,
                   reference_date=p.reference_date, civil_servants_by=p.civil_servants_by,
                   closes_on=p.closes_on, rule_version=p.rule_version, closed_on=p.closed_on)


@strawberry.type(description="One subject on the board: the steps it had reached by the day.")
class EvaluationProgressEntry:
    subject_kind: EvaluationSubjectKind  # type: ignore[valid-type]
    subject_id: strawberry.ID
    organisation_id: strawberry.ID
    grassroots_id: strawberry.ID
    stage: str = strawberry.field(description="awaiting_self_assessment, self_assessed, "
                                              "commented, appraised or decided.")
    self_assessed_on: date | None
    commented_on: date | None
    appraised_on: date | None
    decided_on: date | None
    proposed_level: EvaluationLevel | None  # type: ignore[valid-type]
    level: EvaluationLevel | None  # type: ignore[valid-type]

    @strawberry.field(description="The member's file now (null for an organisation; FORBIDDEN "
                                  "when kept outside your subtree).")
    def member(self, info: Info) -> Member | None:
        return member_or_none(info, self.subject_id) if self.subject_kind.value == "member" \
            else None

    @classmethod
    def from_view(cls, x) -> EvaluationProgressEntry:
        return cls(subject_kind=EvaluationSubjectKind(x.subject_kind),
                   subject_id=strawberry.ID(x.subject_id),
                   organisation_id=strawberry.ID(x.organisation_id),
                   grassroots_id=strawberry.ID(x.grassroots_id), stage=x.stage,
                   self_assessed_on=x.self_assessed_on, commented_on=x.commented_on,
                   appraised_on=x.appraised_on, decided_on=x.decided_on,
                   proposed_level=EvaluationLevel(x.proposed_level) if x.proposed_level else None,
                   level=EvaluationLevel(x.level) if x.level else None)


@strawberry.type(description="A campaign's progress board for a subtree, as of a day: how "
                             "many reached each step, and who has not.")
class EvaluationProgress:
    organisation_id: strawberry.Private[str]
    period: EvaluationPeriod
    as_of: date
    on_roll: int
    left_out: int = strawberry.field(description="On the rolls but not evaluated (exempt, "
                                                 "away, newly admitted).")
    self_assessed: int
    commented: int
    appraised: int
    decided: int

    def _awaiting(self, info: Info, step: str, first: int,
                  after: str | None) -> Connection[EvaluationProgressEntry]:
        with domain_errors():
            page = evaluations(info.context).awaiting(self.organisation_id, self.period.id, step,
                                                      self.as_of, first, after)
        return connection(page, [
            Edge(cursor=x.cursor, node=EvaluationProgressEntry.from_view(x))
            for x in visible(info, page.items)])

    @strawberry.field(description="Who in the subtree had not self-assessed by the day, in "
                                  "tree order (rows kept outside your subtree are left out).")
    def awaiting_self_assessment(self, info: Info, first: int = DEFAULT_PAGE,
                                 after: str | None = None
                                 ) -> Connection[EvaluationProgressEntry]:
        return self._awaiting(info, "self_assessment", first, after)

    @strawberry.field(description="Who in the subtree had not been appraised (thẩm định) by "
                                  "the day, in tree order.")
    def awaiting_appraisal(self, info: Info, first: int = DEFAULT_PAGE,
                           after: str | None = None) -> Connection[EvaluationProgressEntry]:
        return self._awaiting(info, "appraisal", first, after)

    @strawberry.field(description="Who in the subtree had not been decided by the day, in "
                                  "tree order.")
    def awaiting_decision(self, info: Info, first: int = DEFAULT_PAGE,
                          after: str | None = None) -> Connection[EvaluationProgressEntry]:
        return self._awaiting(info, "decision", first, after)


@strawberry.type(description="The HTXS quota of one group in a period, as of a day: HTXS ≤ the "
                             "rule book's share of those rated HTT (or better), counted per "
                             "grassroots organisation for members.")
class ExcellentQuotaHeadroom:
    subject_kind: EvaluationSubjectKind  # type: ignore[valid-type]
    counted_in: strawberry.ID = strawberry.field(description="The grassroots organisation "
                                                             "(members) or the superior "
                                                             "(organisations).")
    form: str = strawberry.field(description="Empty unless the rule book counts forms apart.")
    excellent: int
    good: int
    completed: int
    failed: int
    allowed: int
    headroom: int = strawberry.field(description="How many more may be rated HTXS; negative "
                                                 "when over the quota.")
    rule_version: str

    @strawberry.field
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.counted_in)

    @classmethod
    def from_view(cls, h) -> ExcellentQuotaHeadroom:
        return cls(subject_kind=EvaluationSubjectKind(h.subject_kind),
                   counted_in=strawberry.ID(h.counted_in), form=h.form, excellent=h.excellent,
                   good=h.good, completed=h.completed, failed=h.failed, allowed=h.allowed,
                   headroom=h.headroom, rule_version=h.rule_version)
