"""Personnel's GraphQL types: copies of its views, built by `of(view)`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from gateway.toolkit import Info

Info = Info  # re-exported for the resolvers


@strawberry.type(description="A leadership post of the catalogue.")
class Post:
    id: strawberry.ID
    title: str
    body: str
    level: str
    organisation_id: strawberry.ID
    managing_organisation_id: strawberry.ID
    rank: int = strawberry.field(description="A higher number is a higher post.")
    head: bool

    @classmethod
    def of(cls, v: Any) -> Post:
        return cls(id=strawberry.ID(v.id), title=v.title, body=v.body, level=v.level,
                   organisation_id=strawberry.ID(v.organisation_id),
                   managing_organisation_id=strawberry.ID(v.managing_organisation_id),
                   rank=v.rank, head=v.head)


@strawberry.type(description="Who a cadre is (from the member file for a party member).")
class Cadre:
    id: strawberry.ID
    member_id: strawberry.ID | None
    full_name: str | None = strawberry.field(description="null once erased")
    date_of_birth: date | None = strawberry.field(description="null once erased")
    gender: str | None = strawberry.field(description="null once erased")
    erased: bool = strawberry.field(description="the cadre's personal data was erased (their "
                                                "key destroyed): it reads as null for good")

    @classmethod
    def of(cls, v: Any) -> Cadre:
        if v.erased:
            return cls(id=strawberry.ID(v.id), member_id=v.member_id, full_name=None,
                       date_of_birth=None, gender=None, erased=True)
        return cls(id=strawberry.ID(v.id), member_id=v.member_id, full_name=v.full_name,
                   date_of_birth=v.date_of_birth, gender=v.gender, erased=False)


@strawberry.type
class Term:
    post_id: strawberry.ID
    term_number: int
    starts_on: date
    ends_on: date
    head: bool
    kind: str

    @classmethod
    def of(cls, v: Any) -> Term:
        return cls(post_id=strawberry.ID(v.post_id), term_number=v.term_number,
                   starts_on=v.starts_on, ends_on=v.ends_on, head=v.head, kind=v.kind)


@strawberry.type
class PlanEntry:
    post_id: strawberry.ID
    cycle: str
    added_on: date


@strawberry.type(description="A cadre file (hồ sơ cán bộ). Each read is recorded.")
class CadreFile:
    cadre: Cadre
    political_theory: str
    education: str
    opened_on: date
    terms: list[Term]
    plans: list[PlanEntry]
    appointments_in_progress: list[strawberry.ID]

    @classmethod
    def of(cls, v: Any) -> CadreFile:
        return cls(cadre=Cadre.of(v.cadre), political_theory=v.political_theory,
                   education=v.education, opened_on=v.opened_on,
                   terms=[Term.of(t) for t in v.terms],
                   plans=[PlanEntry(post_id=strawberry.ID(p.post_id), cycle=p.cycle,
                                    added_on=p.added_on) for p in v.plans],
                   appointments_in_progress=[strawberry.ID(p)
                                             for p in v.appointments_in_progress])


@strawberry.type(description="How full a post's plan for a cycle is.")
class PostPlan:
    post: Post
    cycle: str
    cadres: list[Cadre]
    places: int = strawberry.field(description="The most the rule in force allows.")
    full: bool
    rule_version: str

    @classmethod
    def of(cls, v: Any) -> PostPlan:
        return cls(post=Post.of(v.post), cycle=v.cycle, cadres=[Cadre.of(c) for c in v.cadres],
                   places=v.places, full=len(v.cadres) >= v.places, rule_version=v.rule_version)


@strawberry.type(description="A plan's structure against the targets; `warnings` names each "
                             "target missed (young_below_target, women_below_target).")
class PlanStructure:
    managing_organisation_id: strawberry.ID
    cycle: str
    cadres: int
    young: int
    women: int
    young_target_percent: float
    women_target_percent: float
    warnings: list[str]
    rule_version: str

    @classmethod
    def of(cls, v: Any) -> PlanStructure:
        return cls(**{**v.__dict__,
                      "managing_organisation_id": strawberry.ID(v.managing_organisation_id)})


@strawberry.type
class ExpiringTerm:
    cadre: Cadre
    post: Post
    term: Term
    notice_on: date
    rule_version: str

    @classmethod
    def of(cls, v: Any) -> ExpiringTerm:
        return cls(cadre=Cadre.of(v.cadre), post=Post.of(v.post), term=Term.of(v.term),
                   notice_on=v.notice_on, rule_version=v.rule_version)


@strawberry.type
class PromotionBan:
    cadre: Cadre
    form: str
    decided_on: date
    ends_on: date
    rule_version: str

    @classmethod
    def of(cls, v: Any) -> PromotionBan:
        return cls(cadre=Cadre.of(v.cadre), form=v.form, decided_on=v.decided_on,
                   ends_on=v.ends_on, rule_version=v.rule_version)


@strawberry.type(description="Work the facts opened: term_expiry_notice, "
                             "plan_removal_grounds_found (to propose), plan_removal_to_decide "
                             "(proposed, for the competent body).")
class PersonnelWorkItem:
    kind: str
    cadre: Cadre
    post: Post
    due_on: date
    detail: str
    rule_version: str

    @classmethod
    def of(cls, v: Any) -> PersonnelWorkItem:
        return cls(kind=v.kind, cadre=Cadre.of(v.cadre), post=Post.of(v.post), due_on=v.due_on,
                   detail=v.detail, rule_version=v.rule_version)


@strawberry.type(description="One read of a cadre file: who, when, which file, for what.")
class CadreFileRead:
    read_id: strawberry.ID
    cadre_id: strawberry.ID
    reader: str
    reader_role: str
    reader_organisation_id: strawberry.ID | None
    reader_organ: str
    read_at: datetime
    purpose: str

    @classmethod
    def of(cls, v: Any) -> CadreFileRead:
        return cls(**{**v.__dict__, "read_id": strawberry.ID(v.read_id)})
