"""Personnel's GraphQL types of training (QĐ 350-QĐ/TW): copies of its views."""

from __future__ import annotations

from typing import Any

import strawberry

from .types import Cadre, Post


@strawberry.type(description="May the cadre be sent to trung cấp on the day (QĐ 350)? "
                             "`shortfalls` names each rule not met.")
class TheoryEligibility:
    cadre: Cadre
    political_theory: str
    education: str
    good_standing_years: list[int]
    part_time: bool
    eligible: bool
    shortfalls: list[str]
    rule_version: str

    @classmethod
    def of(cls, v: Any) -> TheoryEligibility:
        return cls(cadre=Cadre.of(v.cadre), political_theory=v.political_theory,
                   education=v.education, good_standing_years=list(v.good_standing_years),
                   part_time=v.part_time, eligible=v.eligible, shortfalls=list(v.shortfalls),
                   rule_version=v.rule_version)


@strawberry.type(description="A holder of the post, or a cadre planned for it, below the "
                             "political-theory level it requires.")
class TheoryGap:
    cadre: Cadre
    political_theory: str
    holds: bool
    cycles: list[str]


@strawberry.type(description="A post's political-theory gaps: its holders on the day and its "
                             "planned cadres below the level it requires.")
class PostTheoryGaps:
    post: Post
    required: str
    holders: int
    planned: int
    gaps: list[TheoryGap]
    rule_version: str

    @classmethod
    def of(cls, v: Any) -> PostTheoryGaps:
        return cls(post=Post.of(v.post), required=v.required, holders=v.holders,
                   planned=v.planned, rule_version=v.rule_version,
                   gaps=[TheoryGap(cadre=Cadre.of(g.cadre), political_theory=g.political_theory,
                                   holds=g.holds, cycles=list(g.cycles)) for g in v.gaps])


@strawberry.type(description="A post of the subtree with its political-theory gaps counted, "
                             "no one named.")
class SubtreeTheoryGap:
    post: Post
    required: str
    holders: int
    holders_below: int
    planned: int
    planned_below: int
    rule_version: str

    @classmethod
    def of(cls, v: Any) -> SubtreeTheoryGap:
        return cls(post=Post.of(v.post), required=v.required, holders=v.holders,
                   holders_below=v.holders_below, planned=v.planned,
                   planned_below=v.planned_below, rule_version=v.rule_version)


@strawberry.type(description="After a merger: a cadre whose post was in an organisation since "
                             "merged, holding no post in one that still stands.")
class CadreWithoutPost:
    cadre: Cadre
    former_post: Post
    merged_into_organisation_id: strawberry.ID

    @classmethod
    def of(cls, v: Any) -> CadreWithoutPost:
        return cls(cadre=Cadre.of(v.cadre), former_post=Post.of(v.former_post),
                   merged_into_organisation_id=strawberry.ID(v.merged_into_organisation_id))
