"""Dues and admission votes at the demo's monthly meetings.

Members hand in the month's dues (đảng phí) at the monthly meeting, or have them handed in for
them when away; members away on a temporary transfer pay where they attend. A few members (about
one in a hundred and twenty) fall behind: they skip about every other month and never catch up,
so most of them reach the three unpaid months a year that are a ground for xóa tên. Amounts are
left out: QĐ 342's rates are not checked by the platform.

An admission vote: every official member present approves. The 2/3 rule counts all the
branch's official members, those absent with a reason too: a meeting too thin to carry it
leaves the vote to a later one (the plan's decision follows regardless), so none is rejected.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence
from datetime import datetime

from services.meetings.api import (
    AttendanceEntry,
    AttendanceStatus,
    DuesPaymentEntry,
    ResolutionType,
    SummonedMember,
    local_date,
    tally,
)
from services.meetings.declaration import DECLARATION as MEETINGS

from .meetings_attendance import chronic

DEFAULTER = 0.004  # share of the other members who fall behind with their dues
DEFAULTER_SKIPS = 0.5  # a defaulter's chance of paying nothing in a month


@functools.lru_cache(maxsize=65536)
def defaulter(seed: int, member_id: str) -> bool:
    """Whether a member falls behind with dues: the same answer every month."""
    return (chronic(seed, member_id)
            or random.Random(f"dues-defaulter:{seed}:{member_id}").random() < DEFAULTER)


def dues_paid(rng: random.Random, summoned: Sequence[SummonedMember], seed: int,
              month: str) -> list[DuesPaymentEntry]:
    """Who pays the month's dues at the meeting (2026-03)."""
    return [DuesPaymentEntry(m.member_id, (month,)) for m in summoned
            if not m.temporarily_transferred_out
            and not (defaulter(seed, m.member_id) and rng.random() < DEFAULTER_SKIPS)]


def admission_votes(summoned: Sequence[SummonedMember], sheet: Sequence[AttendanceEntry],
                    start: datetime) -> tuple[int, int, int] | None:
    """Votes for, against and abstaining, or None when those present cannot carry it."""
    rules = MEETINGS.rules.in_force(local_date(start))
    status = {e.member_id: AttendanceStatus(e.status) for e in sheet}
    count = tally(ResolutionType.ADMISSION, list(summoned), status, rules)
    if count.voters_present < count.required_votes:
        return None
    return count.voters_present, 0, 0
