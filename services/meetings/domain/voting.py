"""Counting a resolution's vote: the denominator its type counts against, and the approvals it
needs (QĐ 24 §9.3 for ordinary resolutions; ≥ 2/3 of the branch's official members for those
the rule book lists as qualified: admission, official recognition, personnel)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kit.rules import RuleSet

from .events import Excluded, SummonedMember
from .resolutions import ResolutionType
from .values import AttendanceStatus, Exclusion


@dataclass(frozen=True)
class Tally:
    rule: str  # the rule the approvals are judged by
    excluded: tuple[Excluded, ...]
    denominator: int
    voters_present: int  # members counted and recorded present: no more votes than these
    required_votes: int


def qualified(resolution_type: ResolutionType, r: RuleSet) -> bool:
    return resolution_type.value in r["resolution.qualified_types"]


def _reasons(m: SummonedMember, attendance: AttendanceStatus | None) -> list[Exclusion]:
    """Every reason that may leave a summoned member out of a denominator, first one first
    (an unrecorded attendance reads as absent)."""
    reasons = [
        (m.temporarily_transferred_out, Exclusion.TEMPORARILY_TRANSFERRED_OUT),
        (m.suspended, Exclusion.SUSPENDED),
        (m.temporary_member, Exclusion.TEMPORARY_MEMBER),
        (not m.official, Exclusion.PROBATIONARY),
        (m.exempt and attendance is not AttendanceStatus.PRESENT, Exclusion.ABSENT_EXEMPT),
        (attendance is AttendanceStatus.ABSENT_EXCUSED, Exclusion.ABSENT_EXCUSED),
    ]
    return [why for applies, why in reasons if applies]


def exclusion_of(m: SummonedMember, attendance: AttendanceStatus | None,
                 r: RuleSet) -> Exclusion | None:
    """Why a summoned member does not count towards an ordinary resolution's denominator, if
    they don't (QĐ 24 §9.3; probationary members have no vote where the rule says so)."""
    return next((why for why in _reasons(m, attendance)
                 if why is not Exclusion.PROBATIONARY or r["resolution.voters_official_only"]),
                None)


def _official_exclusion(m: SummonedMember, attendance: AttendanceStatus | None,
                        r: RuleSet) -> Exclusion | None:
    """Why a summoned member is not among the branch's official members for a 2/3 vote."""
    listed = r["resolution.qualified_excluded"]
    return next((why for why in _reasons(m, attendance) if why.value in listed), None)


def tally(resolution_type: ResolutionType, summoned: list[SummonedMember],
          attendance: Mapping[str, AttendanceStatus], r: RuleSet) -> Tally:
    strict = not qualified(resolution_type, r)
    rule = "resolution.majority" if strict else "resolution.qualified_majority"
    exclusion = exclusion_of if strict else _official_exclusion
    excluded, present = [], 0
    for m in summoned:
        why = exclusion(m, attendance.get(m.member_id), r)
        if why is not None:
            excluded.append(Excluded(m.member_id, why))
        elif attendance.get(m.member_id) is AttendanceStatus.PRESENT:
            present += 1
    denominator = len(summoned) - len(excluded)
    num, den = r[rule]
    # more than num/den of the denominator, or at least num/den of it; never fewer than one
    needed = denominator * num // den + 1 if strict else -(-denominator * num // den)
    return Tally(rule, tuple(excluded), denominator, present, max(1, needed))
