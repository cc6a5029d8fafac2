"""What the evaluations queries answer with: plain values, typed for the RPC wire.

Levels are the Level values ("htxs", "htt", "ht", "kht"); points are decimal strings with one
place ("89.9"), exactly as submitted; every date is a business date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PeriodView:
    """An evaluation period (đợt đánh giá) as opened, and closed when it was."""

    period_id: str
    organisation_id: str  # the root of the subtree it evaluates
    kind: str
    year: int
    reference_date: date
    civil_servants_by: date
    closes_on: date
    rule_version: str
    closed_on: date | None


@dataclass(frozen=True)
class ProgressCounts:
    """A campaign's progress in a subtree as of a date: how many on the roll reached each step."""

    period: PeriodView
    as_of: date
    on_roll: int
    left_out: int  # on the rolls but not evaluated (exempt, away, newly admitted)
    self_assessed: int
    commented: int
    appraised: int
    decided: int


@dataclass(frozen=True)
class ProgressLine:
    """One subject on a campaign's board as of a date: the steps it had reached."""

    period_id: str
    subject_kind: str
    subject_id: str
    organisation_id: str
    grassroots_id: str
    stage: str  # awaiting_self_assessment | self_assessed | commented | appraised | decided
    self_assessed_on: date | None
    commented_on: date | None
    appraised_on: date | None
    decided_on: date | None
    proposed_level: str | None
    level: str | None
    cursor: str  # where a page ending here continues


@dataclass(frozen=True)
class LevelCounts:
    """Decided levels of one year in a subtree, and the share at HTT or better."""

    year: int
    excellent: int
    good: int
    completed: int
    failed: int
    total: int
    good_or_better_percent: float | None  # None when nobody was classified
    change_in_points: float | None  # against the year before, in percentage points


@dataclass(frozen=True)
class QuotaHeadroom:
    """The HTXS quota of one group (a grassroots organisation's members, or an organisation's
    sub-organisations) in a period, as of a date."""

    period_id: str
    subject_kind: str
    counted_in: str  # the grassroots organisation (members) or the superior (organisations)
    form: str  # "" unless the rule book counts forms apart
    excellent: int
    good: int
    completed: int
    failed: int
    allowed: int
    headroom: int  # negative when over the quota
    rule_version: str


@dataclass(frozen=True)
class Classification:
    """One decided (or corrected) classification: in force from `valid_from` until `valid_to`."""

    evaluation_id: str
    period_id: str
    period_kind: str
    year: int
    subject_kind: str
    subject_id: str
    organisation_id: str
    grassroots_id: str
    level: str
    corrects: str | None  # the level a correction replaced
    reason: str | None
    decision_number: str
    decision_organisation_id: str
    decision_organ: str
    valid_from: date
    valid_to: date | None
    rule_version: str
    global_position: int


@dataclass(frozen=True)
class RunningYears:
    """A member classified at the same kind of result two years running (KHT → review)."""

    member_id: str
    organisation_id: str
    grassroots_id: str
    years: list[int]
    levels: list[str]


@dataclass(frozen=True)
class TsvmRecognition:
    """An organisation recognised "trong sạch, vững mạnh" tiêu biểu for a year."""

    organisation_id: str
    year: int
    years_running: int
    five_years_running: bool
    decision_number: str
    decided_on: date
    rule_version: str


@dataclass(frozen=True)
class StepRecord:
    """One step of an evaluation as its event recorded it: the event's own data (JSON, the wire
    form, exactly as submitted), its type, id and position in the log."""

    type: str
    event_id: str
    global_position: int
    on: date
    data: str


@dataclass(frozen=True)
class ClassificationSnapshot:
    """A subject's evaluation of one year as it stood on a date, traced to the events: the
    steps up to then, in log order, and the level in force."""

    evaluation_id: str
    subject_id: str
    year: int
    as_of: date
    level: str | None
    steps: list[StepRecord]
