"""The membership service's own reading of evaluations' published events (a consumer-owned view).

Each class declares only the fields membership reads, under evaluations' wire names
(contracts/events/evaluations/*.json); evaluations' classes are never imported. Types not
registered here are skipped by the projection that follows `evaluations.events`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kit.codec import EventCodec

SOURCE = "evaluations.events"  # the source name the projection follows (Kafka topic too)


@dataclass(frozen=True)
class DecisionDated:
    decided_on: date


@dataclass(frozen=True)
class UnsatisfactoryTwoYearsRunning:
    """A member rated KHT two years running: a review, or a xóa tên proposal, is due."""

    member_id: str
    years: tuple[int, ...]
    decided_on: date
    rule_version: str


@dataclass(frozen=True)
class ClassificationDecided:
    period_kind: str
    year: int
    subject_kind: str
    subject_id: str
    level: str
    decision: DecisionDated


@dataclass(frozen=True)
class ClassificationCorrected:
    year: int
    subject_kind: str
    subject_id: str
    level: str
    decision: DecisionDated


EVALUATIONS_VIEW = EventCodec([
    ("evaluations.UnsatisfactoryTwoYearsRunning", 1, UnsatisfactoryTwoYearsRunning),
    ("evaluations.ClassificationDecided", 1, ClassificationDecided),
    ("evaluations.ClassificationCorrected", 1, ClassificationCorrected),
])
