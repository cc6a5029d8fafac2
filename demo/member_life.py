"""One member's planned life: what the planners know of a member on any date.

Each life is planned from the member's admission forward, with a cursor that only moves ahead,
because the domain refuses a member event dated before the member's last recorded change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from services.membership import api as c
from services.membership.api import new_id

from . import yenmo as y
from .plan import Org

FIRST_ADMISSION = date(1965, 1, 1)  # the oldest paper records entered
LAST_RECORDED_ADMISSION = date(2023, 12, 31)  # later admissions go through the whole path


def days(n: int) -> timedelta:
    return timedelta(days=n)


def ordinary(day: date) -> date:
    """Nothing but the reorganisation happens on 1/7/2025, so counts either side of it compare
    exactly: a member event that would fall on that day moves to the next."""
    return day + days(1) if day == y.REORGANISED_ON else day


@dataclass
class Life:
    member_id: str
    profile: c.ProfileInput
    cursor: date  # the member's last recorded change
    placements: list[tuple[date, Org]] = field(default_factory=list)
    official_at: date = date.max  # when the member's stream says official (sponsors need it)
    official_from: date = date.max
    leaves: date | None = None
    steady: bool = True  # no exemption or temporary transfer: a natural sponsor


def new_member_id(command_id: str) -> str:
    """The id the service gives the member that this command creates (handlers.new_id)."""
    return new_id(command_id, "member")
