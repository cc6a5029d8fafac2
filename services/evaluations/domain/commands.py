"""Evaluations commands: what a client asks for, imperative. Plain data; handlers validate.

Every id a command carries is typed by what it names: the runner refuses, as not found, a period
or organisation outside the caller's subtree (kit.references). A subject (a member or an
organisation) is known to a period only if it is on the period's roll: the period answers for it
(`within="period_id"`), and refuses anyone else as not found alike.

A step names the subject's evaluation by (period, subject): the evaluation's own id is derived
(application/ids.py), so a client never has to learn it first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from kit.dates import PartyDate, PlannedEnd
from kit.references import Ref
from kit.text import Name

PeriodId = Annotated[str, Ref("evaluation_period")]
OrganisationId = Annotated[str, Ref("organisation")]
SubjectId = Annotated[str, Ref("subject", within="period_id")]


@dataclass(frozen=True)
class DecidingBodyInput:
    """One organ (assembly, committee, standing_committee, inspection_committee,
    organisation_board) of one organisation."""

    organisation_id: OrganisationId
    organ: str


@dataclass(frozen=True)
class DecisionInput:
    """The decision (quyết định) a command records: its number and signer, and the body that
    took it; omitted, the body the caller acts for (its token's organisation and organ)."""

    number: str
    signer: Name
    decided_on: PartyDate
    body: DecidingBodyInput | None = None


@dataclass(frozen=True)
class TasksInput:
    """The year's tasks: total, and how many were on time (of which exceeded), late, not done."""

    total: int
    on_time: int
    exceeded: int
    late: int
    not_done: int


@dataclass(frozen=True)
class OpenEvaluationPeriod:
    """Open a campaign for the subtree of `organisation_id`. `kind`: annual | term | quarterly |
    ad_hoc. The roll is the subtree as of `reference_date`; civil servants are evaluated by
    `civil_servants_by` (default 15/12 of the year)."""

    organisation_id: OrganisationId
    kind: str
    year: int
    reference_date: PartyDate
    closes_on: PlannedEnd
    civil_servants_by: PlannedEnd | None = None


@dataclass(frozen=True)
class SubmitSelfAssessment:
    """Tự đánh giá on Mẫu 2A/2B/2C (`form`: 2A | 2B | 2C) or a collective's report (`collective`).
    Points have one decimal place: general 0-30, results 0-70. A leader (Mẫu 2A) names the
    organisation they head, so the head is never rated above the collective."""

    period_id: PeriodId
    subject_id: SubjectId
    form: str
    general_points: float
    result_points: float
    tasks: TasksInput
    self_proposed_level: str
    submitted_on: PartyDate
    targets_met_percent: float | None = None
    heads_organisation_id: OrganisationId | None = None


@dataclass(frozen=True)
class RecordCollectiveComments:
    """The branch's (or collective's) comments and suggested level; `meeting_id` names the
    meeting of the meetings service where they were made, when there is one."""

    period_id: PeriodId
    subject_id: SubjectId
    comments: str
    suggested_level: str
    recorded_on: PartyDate
    meeting_id: str | None = None


@dataclass(frozen=True)
class AppraiseEvaluation:
    """Thẩm định: propose a level; the rule book's ceiling is computed from the facts."""

    period_id: PeriodId
    subject_id: SubjectId
    proposed_level: str
    appraised_on: PartyDate


@dataclass(frozen=True)
class DecideClassification:
    """The competent body decides the subject's level: not above what the appraisal allowed,
    within the HTXS quota of the grassroots organisation, a head not above their collective."""

    period_id: PeriodId
    subject_id: SubjectId
    level: str
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class CorrectClassification:
    """Correct a decided classification, saying why."""

    period_id: PeriodId
    subject_id: SubjectId
    level: str
    reason: str
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class CloseEvaluationPeriod:
    period_id: PeriodId
    closed_on: PartyDate


@dataclass(frozen=True)
class RecognisePartyOrganisation:
    """Name an organisation rated HTXS for the period's year "trong sạch, vững mạnh" tiêu biểu
    (the run of HTXS years, for TSVM 5 năm liền, is computed from its history)."""

    period_id: PeriodId
    subject_id: SubjectId
    decision: DecisionInput = field(kw_only=True)
