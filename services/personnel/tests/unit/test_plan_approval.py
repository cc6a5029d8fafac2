"""Approving a committee's plan (by the level above) and reviewing it once a year: each
refusal is typed, names the rule, and appends nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from kit.errors import InvalidState, RuleViolated
from services.personnel import api as c
from services.personnel.domain import plan_approval as pa

from .conftest import decided


@dataclass(frozen=True)
class _Post:
    id: str


@pytest.fixture
def plans(world, directory):
    """The commune committee's posts; the directory answers which posts a committee manages,
    as personnel's read side does."""
    managed: dict[str, list[_Post]] = {}
    directory.posts = lambda org: managed.get(org, [])  # type: ignore[attr-defined]

    def post(title: str, rank: int) -> str:
        post_id = world.post(title, rank, managing=world.commune)
        managed.setdefault(world.commune, []).append(_Post(post_id))
        return post_id
    world.commune_post = post
    return world


def _approve(plans, year: int = 2026, on: date = date(2026, 3, 1)) -> pa.ApprovePlan:
    return c.ApprovePlan(plans.commune, "2030-2035", year, decision=decided(on))


def _review(plans, on: date) -> pa.ReviewPlan:
    return c.ReviewPlan(plans.commune, "2030-2035", on.year, on, decision=decided(on))


def test_the_level_above_approves_the_plan_as_it_stands(plans):
    post = plans.commune_post("Bí thư Đảng ủy xã", 50)
    other = plans.commune_post("Chủ tịch UBND xã", 40)
    cadre = plans.cadre(managing=plans.commune)
    plans.plan(post, cadre)
    approved = plans.scenario.when(_approve(plans), acting_for=None).one(pa.PlanApproved)
    assert approved.managing_organisation_id == plans.commune
    assert approved.decision.organisation_id == plans.province
    assert approved.rule_version == "QD377-2025"
    assert {e.post_id: e.cadre_ids for e in approved.entries} == {post: (cadre,), other: ()}


def test_the_committee_itself_does_not_approve_its_plan(plans):
    plans.commune_post("Bí thư Đảng ủy xã", 50)
    error = plans.scenario.refused(_approve(plans), RuleViolated, acting_for=plans.commune)
    assert (error.rule, error.rule_version) == ("planning.approval_organs", "QD377-2025")


def test_a_plan_over_the_limit_is_not_approved(plans):
    post = plans.commune_post("Bí thư Đảng ủy xã", 50)
    # four cadres entered under QĐ 50 (2024), more than QĐ 377 allows when approving in 2026
    for name in ("Lê Văn An", "Phạm Thị Bình", "Đỗ Văn Cường", "Vũ Thị Dung"):
        plans.plan(post, plans.cadre(name, managing=plans.commune), on=date(2024, 6, 1))
    error = plans.scenario.refused(_approve(plans), RuleViolated)
    assert (error.rule, error.rule_version) == ("planning.max_cadres_per_post", "QD377-2025")


def test_a_plan_is_reviewed_at_most_once_a_year_after_its_approval(plans, clock):
    plans.commune_post("Bí thư Đảng ủy xã", 50)
    plans.scenario.refused(_review(plans, date(2026, 2, 1)), InvalidState)  # not approved yet
    plans.scenario.when(_approve(plans))
    # the approval is its year's review
    error = plans.scenario.refused(_review(plans, date(2026, 9, 1)), RuleViolated)
    assert (error.rule, error.rule_version) == ("planning.review_every_years", "QD377-2025")
    clock.set_today(date(2027, 12, 1))
    reviewed = plans.scenario.when(_review(plans, date(2027, 2, 1))).one(pa.PlanReviewed)
    assert (reviewed.year, reviewed.reviewed_on) == (2027, date(2027, 2, 1))
    again = plans.scenario.refused(_review(plans, date(2027, 11, 1)), RuleViolated)
    assert again.rule == "planning.review_every_years"
    clock.set_today(date(2028, 1, 10))
    plans.scenario.when(_review(plans, date(2028, 1, 5))).one(pa.PlanReviewed)
