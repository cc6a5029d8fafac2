"""What the meetings domain knows of an organisation: the meetings service's own view of it,
built from membership's events (never membership's classes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kit.errors import InvalidInput, InvalidState

from .values import BRANCH_TYPES


@dataclass(frozen=True)
class OrganisationInfo:
    id: str
    name: str
    type: str
    parent_id: str | None
    status: str  # active | merged | dissolved
    established_on: date
    ended_on: date | None

    def require_branch_meeting_on(self, day: date, field: str) -> None:
        """Meetings are held by a chi bộ that exists on the meeting's date."""
        if self.type not in BRANCH_TYPES:
            raise InvalidInput("organisation_id", f"{self.name} is a {self.type}; meetings are "
                                                  "held by a branch (chi bộ)")
        if self.status != "active":
            raise InvalidState(f"{self.name} is {self.status}", organisation_id=self.id)
        if day < self.established_on:
            raise InvalidInput(field, f"{self.name} was established on "
                                      f"{self.established_on:%d/%m/%Y}, after this date")
