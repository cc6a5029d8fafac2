"""What personnel's queries answer with: plain values, typed for the RPC wire too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class OrganisationRef:
    id: str
    name: str
    type: str
    parent_id: str | None
    merged_into: str | None


@dataclass(frozen=True)
class MemberView:
    """A member as personnel's view of membership's events keeps them."""

    member_id: str
    organisation_id: str
    full_name: str
    date_of_birth: date
    gender: str
    died_on: date | None


@dataclass(frozen=True)
class PostView:
    id: str
    title: str
    body: str
    level: str
    organisation_id: str
    managing_organisation_id: str
    rank: int
    head: bool


@dataclass(frozen=True)
class CadreRef:
    """Who a cadre is (from the member file for a party member)."""

    id: str
    managing_organisation_id: str
    member_id: str | None
    full_name: str
    date_of_birth: date
    gender: str
    erased: bool = False  # the key was destroyed: name "", birth date date.min, gender ""


@dataclass(frozen=True)
class PlanEntryView:
    post_id: str
    cycle: str
    added_on: date


@dataclass(frozen=True)
class TermView:
    cadre_id: str
    post_id: str
    term_number: int
    starts_on: date
    ends_on: date
    head: bool
    kind: str  # appointed | reappointed | extended


@dataclass(frozen=True)
class CadreFileView:
    cadre: CadreRef
    political_theory: str
    education: str
    opened_on: date
    terms: list[TermView]
    plans: list[PlanEntryView]
    appointments_in_progress: list[str]  # post ids


@dataclass(frozen=True)
class PostPlan:
    """How full a post's plan for a cycle is, against the rule in force."""

    post: PostView
    cycle: str
    cadres: list[CadreRef]
    places: int
    rule_version: str


@dataclass(frozen=True)
class PlanStructure:
    """The plan's structure against the targets (QĐ 50: young ≥ 15 %, women ≥ 25 %)."""

    managing_organisation_id: str
    cycle: str
    cadres: int
    young: int
    women: int
    young_target_percent: float
    women_target_percent: float
    warnings: list[str]  # young_below_target | women_below_target
    rule_version: str


@dataclass(frozen=True)
class ExpiringTerm:
    cadre: CadreRef
    post: PostView
    term: TermView
    notice_on: date  # the expiry notice's day: the rule's working days before the end
    rule_version: str


@dataclass(frozen=True)
class PromotionBan:
    cadre: CadreRef
    form: str
    decided_on: date
    ends_on: date
    rule_version: str


@dataclass(frozen=True)
class WorkItem:
    """Work the facts opened: a term's expiry notice due, or a plan removal to decide."""

    # term_expiry_notice | plan_removal_grounds_found | plan_removal_to_decide
    kind: str
    cadre: CadreRef
    post: PostView
    due_on: date
    detail: str  # the term's end, or the grounds found
    rule_version: str


@dataclass(frozen=True)
class FileReadView:
    read_id: str
    cadre_id: str
    reader: str
    reader_role: str
    reader_organisation_id: str | None
    reader_organ: str
    read_at: datetime
    purpose: str
