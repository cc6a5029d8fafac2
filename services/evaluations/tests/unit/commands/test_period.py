"""Opening and closing a period: the roll from the view as of the reference date, who is left
out and why, the calendar from the rule book, and the scope of who may open and see it."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import InvalidInput, InvalidState, NotFound
from services.evaluations.domain import commands as c
from services.evaluations.domain import events as e
from services.evaluations.domain.values import Exclusion, PeriodKind

from .conftest import RULES_NOW, acting

pytestmark = pytest.mark.unit


def test_a_period_opens_with_the_subtree_roll_and_those_left_out(scenario, world):
    present = world.members(2)
    exempt = world.view.member(world.branch, exclusion="exempt")
    then = scenario.when(c.OpenEvaluationPeriod(world.grassroots, "annual", 2025,
                                                date(2025, 12, 1), date(2026, 1, 31)))
    opened = then.one(e.EvaluationPeriodOpened)
    assert (opened.kind, opened.year, opened.rule_version) == (PeriodKind.ANNUAL, 2025, RULES_NOW)
    assert opened.civil_servants_by == date(2025, 12, 15)  # the rule book's calendar
    assert sorted(m.member_id for m in opened.members) == sorted(present)
    assert opened.left_out == (e.LeftOut(exempt, world.branch, Exclusion.EXEMPT),)
    assert {o.organisation_id for o in opened.organisations} == {
        world.grassroots, world.branch, world.other_branch}  # not the other grassroots


def test_a_left_out_member_is_refused_saying_why(scenario, world):
    exempt = world.view.member(world.branch, exclusion="exempt")
    world.members(1)
    period = world.opened()
    error = scenario.refused(c.AppraiseEvaluation(period, exempt, "htt", date(2025, 12, 20)),
                             InvalidState)
    assert "exempt" in error.message


def test_a_period_outside_the_callers_subtree_is_not_found(scenario, world):
    world.members(1)
    with pytest.raises(NotFound):
        acting(scenario, c.OpenEvaluationPeriod(world.grassroots, "annual", 2025,
                                                date(2025, 12, 1), date(2026, 1, 31)),
               world.elsewhere)
    period = world.opened(root=world.grassroots)
    with pytest.raises(NotFound):
        acting(scenario, c.CloseEvaluationPeriod(period, date(2026, 1, 31)), world.elsewhere)


def test_a_period_closing_before_it_starts_is_refused(scenario, world):
    world.members(1)
    error = scenario.refused(c.OpenEvaluationPeriod(world.province, "annual", 2025,
                                                    date(2025, 12, 1), date(2025, 11, 1)),
                             InvalidInput)
    assert error.field == "closes_on"


def test_a_closed_period_takes_no_step_but_counts_who_was_left_undecided(scenario, world):
    member, other = world.members(2)
    period = world.opened()
    world.through(period, member, "htt")
    then = scenario.when(c.CloseEvaluationPeriod(period, date(2026, 1, 31)))
    # the other member and the three organisations of the subtree are undecided
    assert then.one(e.EvaluationPeriodClosed).undecided == 1 + 4
    scenario.refused(c.AppraiseEvaluation(period, other, "htt", date(2026, 2, 1)), InvalidState)
