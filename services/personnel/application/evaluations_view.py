"""Personnel's own reading of evaluations' published events (a consumer-owned view).

Only the fields personnel reads, under evaluations' wire names
(contracts/events/evaluations/*.json); evaluations' classes are never imported. Types not
registered here are skipped by the projection that follows `evaluations.events`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kit.codec import EventCodec

SOURCE = "evaluations.events"


@dataclass(frozen=True)
class GoodStandingTwoYearsRunning:
    """A member classified HTT or better two consecutive years: may be sent to trung cấp."""

    evaluation_id: str
    member_id: str
    years: tuple[int, ...]
    decided_on: date
    rule_version: str


EVALUATIONS_VIEW = EventCodec([
    ("evaluations.GoodStandingTwoYearsRunning", 1, GoodStandingTwoYearsRunning),
])
