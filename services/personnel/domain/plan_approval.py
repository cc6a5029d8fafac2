"""A committee's plan for a cycle, approved by the level above (phê duyệt quy hoạch) and
reviewed yearly (rà soát, bổ sung quy hoạch hằng năm). The plan as it stands (cadres per post)
is recorded on each event, so later additions and removals show against the approval."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field

from kit.aggregate import Aggregate
from kit.dates import PartyDate
from kit.errors import InvalidInput, InvalidState
from kit.rules import RuleSet

from .commands import DecisionInput, OrganisationId
from .events import DecisionRecord

PLAN_NAMESPACE = uuid.UUID("6c2f8e14-93a7-4b1d-8e5a-0f7d2c9b4a31")


def plan_id_for(managing_organisation_id: str, cycle: str) -> str:
    """One plan per committee and cycle: its id derives from both."""
    return str(uuid.uuid5(PLAN_NAMESPACE, f"{managing_organisation_id}:{cycle}"))


@dataclass(frozen=True)
class ApprovePlan:
    """Phê duyệt quy hoạch: by the organ the token names of the committee directly above."""

    managing_organisation_id: OrganisationId
    cycle: str
    year: int
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class ReviewPlan:
    """Rà soát, bổ sung quy hoạch: at most once a year, by the committee managing the plan."""

    managing_organisation_id: OrganisationId
    cycle: str
    year: int
    reviewed_on: PartyDate
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class PlanEntry:
    post_id: str
    cadre_ids: tuple[str, ...]


@dataclass(frozen=True)
class PlanApproved:
    plan_id: str
    managing_organisation_id: str
    cycle: str
    year: int
    entries: tuple[PlanEntry, ...]
    decision: DecisionRecord
    rule_version: str


@dataclass(frozen=True)
class PlanReviewed:
    plan_id: str
    managing_organisation_id: str
    cycle: str
    year: int
    reviewed_on: PartyDate
    entries: tuple[PlanEntry, ...]
    decision: DecisionRecord
    rule_version: str


def check_limits(entries: tuple[PlanEntry, ...], rules: RuleSet) -> None:
    """A plan that breaks QĐ 377's limits is not approved (nor passed as reviewed)."""
    most = rules["planning.max_cadres_per_post"]
    for e in entries:
        rules.require(len(e.cadre_ids) <= most, "planning.max_cadres_per_post",
                      f"post {e.post_id} has {len(e.cadre_ids)} cadres in the plan, the most "
                      f"{rules.version} allows is {most}")
    posts = Counter(c for e in entries for c in set(e.cadre_ids))
    most_posts = rules["planning.max_posts_per_cadre"]
    for cadre_id, n in sorted(posts.items()):
        rules.require(n <= most_posts, "planning.max_posts_per_cadre",
                      f"cadre {cadre_id} is in {n} posts' plans, the most {rules.version} "
                      f"allows is {most_posts}")


class PlanApproval(Aggregate):
    stream_prefix = "plan"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.managing_organisation_id = ""
        self.cycle = ""
        self.approved_year: int | None = None
        self.reviewed_years: set[int] = set()

    @property
    def last_reviewed_year(self) -> int | None:
        """The approval counts as its year's review."""
        years = self.reviewed_years | ({self.approved_year} if self.approved_year else set())
        return max(years, default=None)

    def approve(self, managing_organisation_id: str, cycle: str, year: int,
                entries: tuple[PlanEntry, ...], decision: DecisionRecord,
                rules: RuleSet) -> None:
        if cycle not in rules["planning.cycles"]:
            raise InvalidInput("cycle", f"{cycle} is not a planning cycle")
        if year != decision.decided_on.year:
            raise InvalidInput("year", "the plan is approved for the year of the decision")
        if self.approved_year is not None:
            raise InvalidState(f"the {cycle} plan was approved in {self.approved_year}; "
                               "it is reviewed yearly from then on")
        check_limits(entries, rules)
        self.record(PlanApproved(self.id, managing_organisation_id, cycle, year, entries,
                                 decision, rules.version))

    def review(self, year: int, reviewed_on, entries: tuple[PlanEntry, ...],
               decision: DecisionRecord, rules: RuleSet) -> None:
        if self.approved_year is None:
            raise InvalidState("a plan is reviewed once it has been approved")
        if reviewed_on.year != year:
            raise InvalidInput("reviewed_on", f"a review of {year} is held in {year}")
        every = rules["planning.review_every_years"]
        last = self.last_reviewed_year or year
        rules.require(year >= last + every, "planning.review_every_years",
                      f"the plan was last reviewed in {last}; {rules.version} reviews it once "
                      f"every {every} year(s)")
        check_limits(entries, rules)
        self.record(PlanReviewed(self.id, self.managing_organisation_id, self.cycle, year,
                                 reviewed_on, entries, decision, rules.version))

    def apply(self, event: object) -> None:
        match event:
            case PlanApproved():
                self.managing_organisation_id, self.cycle = (event.managing_organisation_id,
                                                             event.cycle)
                self.approved_year = event.year
            case PlanReviewed():
                self.reviewed_years.add(event.year)
