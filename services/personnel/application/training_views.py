"""What personnel's training questions answer with (QĐ 350-QĐ/TW)."""

from __future__ import annotations

from dataclasses import dataclass

from .views import CadreRef, PostView


@dataclass(frozen=True)
class TheoryEligibility:
    """May the cadre be sent to trung cấp on the day? `shortfalls`: the rule keys not met."""

    cadre: CadreRef
    political_theory: str
    education: str
    good_standing_years: list[int]  # the latest two consecutive years HTT or better, if any
    part_time: bool
    eligible: bool
    shortfalls: list[str]
    rule_version: str


@dataclass(frozen=True)
class TheoryGap:
    """A cadre holding or planned for the post, below the level it requires."""

    cadre: CadreRef
    political_theory: str
    holds: bool  # holds the post on the day; else planned for it
    cycles: list[str]  # the plans' cycles, when planned


@dataclass(frozen=True)
class PostTheoryGaps:
    post: PostView
    required: str
    holders: int
    planned: int
    gaps: list[TheoryGap]
    rule_version: str


@dataclass(frozen=True)
class SubtreeTheoryGap:
    """A post of an organisation in the subtree, counted without naming anyone."""

    post: PostView
    required: str
    holders: int
    holders_below: int
    planned: int
    planned_below: int
    rule_version: str


@dataclass(frozen=True)
class CadreWithoutPost:
    """After a merger: a cadre whose post was in an organisation since merged, holding no post in
    one that still stands (to place, by rotation or appointment)."""

    cadre: CadreRef
    former_post: PostView
    merged_into_organisation_id: str
