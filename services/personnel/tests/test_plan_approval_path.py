"""Plan approval on the real embedded path: the level above approves a commune committee's plan
as it stands; the approval state shows later additions and removals; a plan not reviewed for
more than a year is work to do, until its review."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from kit.envelope import Actor, CommandContext
from kit.errors import NotFound, RuleViolated
from services.personnel import api as c

from .conftest import decided


def as_committee(world, command, org: str, organ: str = "standing_committee") -> dict:
    context = CommandContext(str(uuid.uuid4()), "NB", Actor("u-ban-to-chuc",
                                                            "organisation_commission"),
                             acting_organ=organ)
    return world.personnel.service.execute(command, context, acting_for=org).ids


def commune_plan(world) -> tuple[str, str, str]:
    post = world.run(c.RegisterPost("Bí thư Đảng ủy xã", "party_committee", "commune", world.commune,
                                    world.commune, 50, True))["post_id"]
    first, second = (world.run(c.OpenCadreFile(world.commune, "intermediate", "bachelor",
                                               date(2026, 1, 5), person=c.PersonInput(
                                                   name, date(1985, 5, 1), "female")))["cadre_id"]
                     for name in ("Trần Thị Hoa", "Lê Thị Mai"))
    world.plan(post, first)
    return post, first, second


def test_the_province_approves_a_communes_plan_and_changes_since_show(world):
    post, first, second = commune_plan(world)
    approve = c.ApprovePlan(world.commune, "2030-2035", 2026, decision=decided())
    with pytest.raises(RuleViolated) as refused:
        as_committee(world, approve, world.commune)
    assert refused.value.rule == "planning.approval_organs"
    with pytest.raises(RuleViolated):  # the level above, but not an organ that approves
        as_committee(world, approve, world.province, organ="organisation_board")
    other = world.organisation("Đảng bộ tỉnh Hòa Bình", "provincial_committee", None)
    with pytest.raises(NotFound):  # another province's body does not see the commune at all
        as_committee(world, approve, other)
    assert world.queries.plan_approval(world.commune, "2030-2035") is None

    as_committee(world, approve, world.province)
    state = world.queries.plan_approval(world.commune, "2030-2035")
    assert (state.approved_on, state.approved_by_organisation_id, state.approved_by_organ) == \
        (date(2026, 3, 1), world.province, "standing_committee")
    assert (state.last_reviewed_year, state.review_due) == (2026, False)
    assert state.added_since == [] and state.removed_since == []

    world.plan(post, second)
    world.run(c.RemoveCadreFromPlan(post, first, "2030-2035", "other", "Chuyển công tác",
                                    decision=decided(date(2026, 3, 2))))
    state = world.queries.plan_approval(world.commune, "2030-2035")
    assert state.added_since == [c.PlanChange(post, second)]
    assert state.removed_since == [c.PlanChange(post, first)]


def test_a_plan_unreviewed_for_more_than_a_year_is_due_until_reviewed(world):
    commune_plan(world)
    world.run(c.ApprovePlan(world.commune, "2030-2035", 2026, decision=decided()))
    assert world.queries.plan_reviews_due(world.commune, date(2027, 6, 1)) == []
    due = world.queries.plan_reviews_due(world.commune, date(2028, 1, 10))
    assert [(d.cycle, d.last_reviewed_year) for d in due] == [("2030-2035", 2026)]
    world.clock.set_today(date(2028, 1, 10))
    world.run(c.ReviewPlan(world.commune, "2030-2035", 2028, date(2028, 1, 8),
                           decision=decided(date(2028, 1, 8))))
    assert world.queries.plan_reviews_due(world.commune, date(2028, 1, 10)) == []
    assert world.queries.plan_approval(world.commune, "2030-2035").last_reviewed_year == 2028
