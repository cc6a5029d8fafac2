"""Who came to a demo meeting, and how they voted.

About nine in ten members expected at a meeting come; most absences are excused. A few members
(about one in a hundred) are chronic absentees: they stay away without a reason at about two
meetings in five, so most of them reach the three unexcused absences a year that are a ground for
xóa tên. Exempt members come now and then; members away on a temporary transfer or suspended are
not expected and are left unrecorded.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence
from datetime import datetime

from services.meetings.api import (
    AttendanceEntry,
    AttendanceStatus,
    SummonedMember,
    exclusion_of,
    local_date,
)
from services.meetings.declaration import DECLARATION as MEETINGS

from .meetings_texts import EXCUSES

CHRONIC = 0.011  # share of members who are chronic absentees
EXCUSED, UNEXCUSED = 0.065, 0.012  # an ordinary member's chances at one meeting
CHRONIC_EXCUSED, CHRONIC_UNEXCUSED = 0.10, 0.42
EXEMPT_COMES = 0.2


@functools.lru_cache(maxsize=65536)
def chronic(seed: int, member_id: str) -> bool:
    """Whether a member is a chronic absentee: the same answer at every meeting."""
    return random.Random(f"chronic:{seed}:{member_id}").random() < CHRONIC


def roll_call(rng: random.Random, summoned: Sequence[SummonedMember],
              seed: int) -> list[AttendanceEntry]:
    sheet = []
    for m in summoned:
        if m.temporarily_transferred_out or m.suspended:
            continue
        if m.exempt:
            if rng.random() < EXEMPT_COMES:
                sheet.append(AttendanceEntry(m.member_id, "present"))
            continue
        excused, unexcused = ((CHRONIC_EXCUSED, CHRONIC_UNEXCUSED) if chronic(seed, m.member_id)
                              else (EXCUSED, UNEXCUSED))
        r = rng.random()
        if r < unexcused:
            sheet.append(AttendanceEntry(m.member_id, "absent_unexcused"))
        elif r < unexcused + excused:
            sheet.append(AttendanceEntry(m.member_id, "absent_excused", rng.choice(EXCUSES)))
        else:
            sheet.append(AttendanceEntry(m.member_id, "present"))
    return sheet


def votes(rng: random.Random, summoned: Sequence[SummonedMember],
          sheet: Sequence[AttendanceEntry], start: datetime) -> tuple[int, int, int] | None:
    """Votes for, against and abstaining on the meeting's resolution, or None when the members
    present could not carry one (the rule the service applies, computed the same way)."""
    rules = MEETINGS.rules.in_force(local_date(start))
    status = {e.member_id: AttendanceStatus(e.status) for e in sheet}
    counted = voters = 0
    for m in summoned:
        if exclusion_of(m, status.get(m.member_id), rules) is None:
            counted += 1
            voters += status.get(m.member_id) is AttendanceStatus.PRESENT
    against = 1 if voters >= 5 and rng.random() < 0.08 else 0
    abstaining = 1 if voters >= 5 and rng.random() < 0.1 else 0
    votes_for = voters - against - abstaining
    num, den = rules["resolution.majority"]
    if votes_for * den <= counted * num:
        return None
    return votes_for, against, abstaining
