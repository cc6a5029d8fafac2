"""Evaluations events: facts, in the past tense. Wire names and versions live in adapters/wire.py.

Two kinds of streams. An `EvaluationPeriod` (one per campaign a committee opens for its subtree)
holds the roll: who is evaluated, as of the reference date, and who is left out and why. An
`Evaluation` holds one subject's steps in one period: self-assessment, the collective's comments,
the appraisal (thẩm định), the decision and its corrections. Its id is derived, never chosen
(application/ids.py): for an annual period from (subject, year), so a subject has one annual
evaluation a year and the previous year's is found without a search (the two-years-running
events read it); for other periods from (subject, period).

Every event that applies the rule book names the rule version it used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .decision import DecisionRecord
from .levels import Level
from .values import AssessmentForm, Disqualification, Exclusion, PeriodKind, SubjectKind, Tasks

# -- the period stream -------------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluatedMember:
    """A member on the period's roll, where they stood on the reference date."""

    member_id: str
    organisation_id: str  # their branch (chi bộ)
    grassroots_id: str  # their grassroots organisation (TCCSĐ): the quota is counted there


@dataclass(frozen=True)
class EvaluatedOrganisation:
    """An organisation on the period's roll: a grassroots organisation or a branch."""

    organisation_id: str
    grassroots_id: str  # itself, for a grassroots organisation
    parent_id: str | None


@dataclass(frozen=True)
class LeftOut:
    """A member on the rolls of the subtree on the reference date who is not evaluated here."""

    member_id: str
    organisation_id: str
    reason: Exclusion


@dataclass(frozen=True)
class EvaluationPeriodOpened:
    """A committee opened an evaluation period for its subtree, with its calendar and roll."""

    period_id: str
    organisation_id: str  # the root of the subtree
    kind: PeriodKind
    year: int
    reference_date: date  # the roll is the subtree as it stood on this date
    civil_servants_by: date  # civil servants are evaluated first (by 15/12 of the year)
    closes_on: date
    members: tuple[EvaluatedMember, ...]
    organisations: tuple[EvaluatedOrganisation, ...]
    left_out: tuple[LeftOut, ...]
    rule_version: str


@dataclass(frozen=True)
class EvaluationPeriodClosed:
    """The period was closed: no step is taken in it any more (corrections still are)."""

    period_id: str
    closed_on: date
    undecided: int  # subjects on the roll with no decided classification when it closed


# -- the evaluation stream: one subject in one period ------------------------------------------


@dataclass(frozen=True)
class SelfAssessmentSubmitted:
    """The subject assessed itself (tự kiểm điểm, tự đánh giá) on its form; a later submission
    before the appraisal replaces the earlier one."""

    evaluation_id: str
    period_id: str
    year: int
    subject_kind: SubjectKind
    subject_id: str
    organisation_id: str  # a member's branch; an organisation itself
    grassroots_id: str
    form: AssessmentForm
    general_points: float  # 0-30, one decimal place
    result_points: float  # 0-70, one decimal place
    tasks: Tasks
    targets_met_percent: float | None  # a collective's share of its targets met
    self_proposed_level: Level
    heads_organisation_id: str | None  # Mẫu 2A: the organisation the member heads
    submitted_on: date
    rule_version: str


@dataclass(frozen=True)
class CollectiveCommentsRecorded:
    """The branch (or the collective) commented on the self-assessment and suggested a level,
    at a meeting of the meetings service when there is one."""

    evaluation_id: str
    meeting_id: str | None
    comments: str
    suggested_level: Level
    recorded_on: date


@dataclass(frozen=True)
class EvaluationAppraised:
    """Thẩm định: the appraising body proposed a level; the rule book allowed at most
    `allowed_level` on the score, the tasks and the disqualifiers found in the facts."""

    evaluation_id: str
    proposed_level: Level
    allowed_level: Level
    total_points: float
    disqualifiers: tuple[Disqualification, ...]
    reasons: tuple[str, ...]  # why each level above the allowed one is not
    appraised_on: date
    rule_version: str


@dataclass(frozen=True)
class ClassificationDecided:
    """The competent body classified the subject for the period (xếp loại chất lượng): the
    result per member (or organisation) per year other services read."""

    evaluation_id: str
    period_id: str
    period_kind: PeriodKind
    year: int
    subject_kind: SubjectKind
    subject_id: str
    organisation_id: str
    grassroots_id: str
    level: Level
    allowed_level: Level
    previous_level: Level | None  # the subject's annual level of the year before, if decided
    disqualifiers: tuple[Disqualification, ...]
    decision: DecisionRecord
    rule_version: str


@dataclass(frozen=True)
class ClassificationCorrected:
    """A decided classification was corrected, with its reason and the correcting decision."""

    evaluation_id: str
    period_id: str
    year: int
    subject_kind: SubjectKind
    subject_id: str
    grassroots_id: str
    previous_level: Level  # the level this correction replaces
    level: Level
    reason: str
    decision: DecisionRecord
    rule_version: str


@dataclass(frozen=True)
class UnsatisfactoryTwoYearsRunning:
    """A member was classified KHT in two consecutive years: a review of the member, or a xóa
    tên proposal, is due at membership's deciding body (Điều lệ Đảng Đ8; QĐ 366)."""

    evaluation_id: str
    member_id: str
    organisation_id: str
    grassroots_id: str
    years: tuple[int, ...]  # the consecutive years, oldest first
    decided_on: date
    rule_version: str


@dataclass(frozen=True)
class GoodStandingTwoYearsRunning:
    """A member was classified HTT or better in two consecutive years: eligible for
    political-theory training (personnel reads it)."""

    evaluation_id: str
    member_id: str
    organisation_id: str
    years: tuple[int, ...]
    levels: tuple[Level, ...]
    decided_on: date
    rule_version: str


@dataclass(frozen=True)
class PartyOrganisationRecognised:
    """An organisation rated HTXS for the year was recognised "trong sạch, vững mạnh" (TSVM
    tiêu biểu); `years_running` counts its HTXS years ending with this one (5: TSVM 5 năm liền)."""

    evaluation_id: str
    organisation_id: str
    year: int
    years_running: int
    five_years_running: bool
    decision: DecisionRecord
    rule_version: str
