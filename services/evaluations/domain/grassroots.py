"""Which organisation is the grassroots organisation (tổ chức cơ sở đảng, TCCSĐ) of another on
a date, and which organisations a campaign classifies: read from membership's organisation
types, whose meaning changed on 1/7/2025 (QĐ 294: the commune's đảng bộ is no longer grassroots
but the level above its branches). The quota of HTXS members is counted per grassroots
organisation, so this reading is a versioned datum like every rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kit.rules import RuleBook, RuleSet

_SUB_LEVELS = ("sub_committee", "sub_branch", "party_cell")  # inside a grassroots organisation
_BEFORE_2025 = {
    # membership's types that are TCCSĐ: chi bộ cơ sở, đảng bộ cơ sở (the commune's included)
    "grassroots.types": ("grassroots_branch", "grassroots_committee", "commune_committee",
                         "police_grassroots_committee", "military_grassroots_committee"),
    "grassroots.sub_level_types": _SUB_LEVELS,
    # the branches a campaign classifies beside grassroots organisations: a chi bộ trực
    # thuộc, or a village branch under a commune that was grassroots before 1/7/2025
    "grassroots.classified_branch_types": ("grassroots_branch", "sub_branch"),
    # [mem] not counted among a collective's sub-units (tổ chức đảng trực thuộc): tổ đảng
    "grassroots.not_sub_unit_types": ("party_cell",),
}

GRASSROOTS_RULES = RuleBook([
    RuleSet("QĐ24-2021", date(2021, 7, 30),
            "Điều lệ Điều 21; QĐ 24-QĐ/TW: the commune's đảng bộ is a đảng bộ cơ sở",
            _BEFORE_2025),
    RuleSet("QĐ294-2025", date(2025, 7, 1),
            "QĐ 294-QĐ/TW (in force 1/7/2025): the commune's đảng bộ is above its branches, "
            "which are grassroots (HD 31 open question [mem])",
            {**_BEFORE_2025, "grassroots.types": tuple(
                t for t in _BEFORE_2025["grassroots.types"] if t != "commune_committee")}),
])


def grassroots_index(types: Sequence[str], on: date,
                     rules: RuleBook = GRASSROOTS_RULES) -> int | None:
    """Where the grassroots organisation sits on a path given by its organisations' types,
    nearest first, as membership's table of deciding bodies reads it: the nearest grassroots
    type; a sub-level organisation under a committee that is not grassroots on that date is
    taken as the grassroots organisation itself. None when the path starts above the
    grassroots level (a commune's đảng bộ since 1/7/2025, the province)."""
    r = rules.in_force(on)
    for index, kind in enumerate(types):
        if kind in r["grassroots.types"]:
            return index
        if kind not in r["grassroots.sub_level_types"]:
            return index - 1 if index else None
    return len(types) - 1 if types else None


def classified_kind(type_: str, is_grassroots: bool, on: date,
                    rules: RuleBook = GRASSROOTS_RULES) -> str | None:
    """"grassroots" or "branch" for an organisation a campaign classifies, else None (a tổ
    đảng, a đảng bộ bộ phận, a committee above the grassroots level)."""
    if is_grassroots:
        return "grassroots"
    if type_ in rules.in_force(on)["grassroots.classified_branch_types"]:
        return "branch"
    return None
