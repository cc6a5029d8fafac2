"""The HTXS quota and the head-versus-collective rule, checked when a level is decided.

HTXS ≤ 20 % of those rated HTT [S32, S33], counted per grassroots organisation for members
(HD 21-HD/BTCTW 2019) and, for organisations, per their directly superior organisation
(UNCONFIRMED); the base, the rounding and the per-form grouping are rule-book data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import Decimal

from kit.rules import RuleSet

from .levels import Level

__all__ = ["Counts", "QuotaGroup", "allowed_excellent", "check_excellent_quota",
           "check_head_not_above_collective", "headroom", "quota_group"]

QUOTA_RULE = "quota.excellent"
HEAD_RULE = "head.not_above_collective"

_FIELD = {Level.EXCELLENT: "excellent", Level.GOOD: "good", Level.COMPLETED: "completed",
          Level.FAILED: "failed"}


@dataclass(frozen=True)
class QuotaGroup:
    """Where a decision is counted: the subject kind, the organisation the quota is counted per
    (a member's grassroots organisation; an organisation's superior) and the form, when the rule
    book counts forms apart ("" otherwise)."""

    subject_kind: str
    counted_in: str
    form: str = ""


def quota_group(subject_kind: str, grassroots_id: str, parent_id: str | None, form: str,
                rules: RuleSet) -> QuotaGroup | None:
    """The group a subject's decision is counted in, or None when the quota does not count it."""
    if subject_kind not in rules["quota.excellent.subject_kinds"]:
        return None
    counted_in = grassroots_id if subject_kind == "member" else (parent_id or "")
    return QuotaGroup(subject_kind, counted_in, form if rules["quota.excellent.per_form"] else "")


@dataclass(frozen=True)
class Counts:
    """Decided levels in one quota group."""

    excellent: int = 0
    good: int = 0
    completed: int = 0
    failed: int = 0

    def adding(self, level: Level, replacing: Level | None = None) -> Counts:
        """The counts once `level` is decided (instead of `replacing`, for a correction)."""
        counts = replace(self, **{_FIELD[level]: getattr(self, _FIELD[level]) + 1})
        if replacing is not None:
            field = _FIELD[replacing]
            counts = replace(counts, **{field: getattr(counts, field) - 1})
        return counts


def _base(counts: Counts, rules: RuleSet) -> int:
    match rules["quota.excellent.base"]:
        case "good_or_better":
            return counts.good + counts.excellent
        case "good":
            return counts.good
        case other:
            raise ValueError(f"unknown quota.excellent.base {other!r}")


def allowed_excellent(counts: Counts, rules: RuleSet) -> int:
    """How many HTXS the group may hold: the share of the base, rounded as the book says."""
    exact = rules["quota.excellent.percent"] * _base(counts, rules) / Decimal(100)
    match rules["quota.excellent.rounding"]:
        case "down":
            return math.floor(exact)
        case "half_up":
            return int(exact.quantize(Decimal(1), rounding="ROUND_HALF_UP"))
        case other:
            raise ValueError(f"unknown quota.excellent.rounding {other!r}")


def headroom(counts: Counts, rules: RuleSet) -> int:
    """How many more HTXS the group may hold as it stands; negative when over the quota."""
    return allowed_excellent(counts, rules) - counts.excellent


def check_excellent_quota(decided: Counts, rules: RuleSet, *, level: Level = Level.EXCELLENT,
                          replacing: Level | None = None) -> None:
    """Refuse a decision of `level` (replacing a decided one, for a correction) that would put
    the group's HTXS above the quota; `decided` are the group's counts before it. The error
    names the rule, its version and the headroom left (in its details too)."""
    after = decided.adding(level, replacing)
    if headroom(after, rules) >= 0 or headroom(after, rules) >= headroom(decided, rules):
        return  # within the quota, or no further from it (a group already over stays decidable)
    left = max(headroom(decided, rules), 0)
    err = rules.refuse(
        QUOTA_RULE,
        f"HTXS at most {rules['quota.excellent.percent']} % of those rated HTT"
        f"{' or better' if rules['quota.excellent.base'] == 'good_or_better' else ''}: "
        f"{allowed_excellent(after, rules)} allowed here, {decided.excellent} already "
        f"decided; headroom {left}")
    err.details["headroom"] = left
    err.details["allowed"] = allowed_excellent(after, rules)
    raise err


def check_head_not_above_collective(head_level: Level, collective_level: Level | None,
                                    rules: RuleSet) -> None:
    """The head of a collective (Mẫu 2A) is not rated above it (UNCONFIRMED, configurable). An
    undecided collective (None) leaves nothing to compare yet."""
    if not rules[HEAD_RULE] or collective_level is None or head_level <= collective_level:
        return
    raise rules.refuse(HEAD_RULE, f"the head is not rated above the collective they head: "
                                  f"{head_level.label} above {collective_level.label}")
