"""Removal from a plan proposed automatically from facts: a discipline membership records turns,
by personnel's policy alone, into a `ProposePlanRemoval` — exactly once however often the policy
runs over the same facts (redelivery, a rebuilt read model); the competent body then decides."""

from __future__ import annotations

from datetime import date

from kit.envelope import CommandContext
from services.personnel import api as c
from services.personnel.application.removal_policy import (
    POLICY_ACTOR,
    automatic_proposals,
    propose_removals_from_facts,
)

from .conftest import decided


def run_policy_again(world, on: date):
    world.platform.settle()
    return propose_removals_from_facts(world.personnel.service, world.queries, "NB", on)


def proposed(world) -> list:
    store = world.personnel.service.repo.store
    return [e for e in store.read_all(0, 10_000) if e.type.endswith("PlanRemovalProposed")]


def test_a_discipline_in_membership_is_proposed_for_removal_by_the_policy_once(world):
    hung = world.member("Nguyễn Văn Hùng", date(1982, 5, 4))
    cadre = world.member_cadre(hung)
    post = world.post("Phó Chủ tịch UBND tỉnh", 80)
    world.plan(post, cadre)
    world.platform.settle()
    assert proposed(world) == []  # no grounds: nothing proposed

    world.discipline(hung, "reprimand", date(2026, 3, 2))  # khiển trách, recorded in membership
    world.platform.settle()  # personnel's view follows, and its policy runs: nobody proposes
    [event] = proposed(world)
    assert (event.data["cadre_id"], event.data["post_id"], event.data["ground"]) == \
        (cadre, post, "discipline")
    assert event.actor == POLICY_ACTOR  # issued by the policy, not by a person
    [item] = world.queries.work_queue(world.province)
    assert (item.kind, item.detail) == ("plan_removal_to_decide", "2030-2035: discipline")

    # redelivery: the policy over the same facts again, and the proposal under its fact's id
    assert run_policy_again(world, date(2026, 3, 2)) == []
    world.personnel.service.execute(c.ProposePlanRemoval(
        post, cadre, "2030-2035", "discipline", event.data["reason"], date(2026, 3, 2)),
        CommandContext(event.command_id, "NB", POLICY_ACTOR))
    world.platform.settle()
    assert len(proposed(world)) == 1

    world.run(c.RemoveCadreFromPlan(post, cadre, "2030-2035", "discipline", "Bị khiển trách",
                                    decision=decided(date(2026, 3, 2))))
    world.platform.settle()
    assert world.queries.work_queue(world.province) == []
    assert len(proposed(world)) == 1


def test_the_command_id_is_the_facts_so_a_rebuilt_read_model_proposes_nothing_twice(world):
    hai = world.member("Trần Văn Hải", date(1980, 1, 9))
    cadre = world.member_cadre(hai)
    post = world.post("Phó Bí thư Tỉnh ủy", 90)
    world.plan(post, cadre)
    world.discipline(hai, "warning", date(2026, 3, 2))
    world.platform.settle()
    [first] = proposed(world)
    world.personnel.runner.rebuild()
    assert automatic_proposals(world.queries, date(2026, 3, 2)) == []  # proposed: to decide
    assert run_policy_again(world, date(2026, 3, 3)) == []
    assert [e.event_id for e in proposed(world)] == [first.event_id]
