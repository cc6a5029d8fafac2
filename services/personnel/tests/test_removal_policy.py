"""Removal from a plan proposed automatically from facts: a discipline membership records (or
the age limit passing) turns into a `ProposePlanRemoval` issued by the policy itself, exactly once
however often the policy runs over the same facts; the competent body then decides."""

from __future__ import annotations

from datetime import date

from services.personnel import api as c
from services.personnel.application.removal_policy import propose_removals_from_facts

from .conftest import decided


def run_policy(world, on: date):
    world.platform.settle()
    return propose_removals_from_facts(world.personnel.service, world.queries, "NB", on)


def proposals_in_store(world) -> list:
    store = world.personnel.service.repo.store
    return [e for e in store.read_all(0, 10_000) if e.type.endswith("PlanRemovalProposed")]


def test_a_discipline_in_membership_is_proposed_for_removal_once_and_then_decided(world):
    hung = world.member("Nguyễn Văn Hùng", date(1982, 5, 4))
    cadre = world.member_cadre(hung)
    post = world.post("Phó Chủ tịch UBND tỉnh", 80)
    world.plan(post, cadre)
    assert run_policy(world, date(2026, 3, 1)) == []  # no grounds: nothing proposed

    world.discipline(hung, "reprimand", date(2026, 3, 2))  # khiển trách, in membership
    [proposal] = run_policy(world, date(2026, 3, 2))
    assert (proposal.command.cadre_id, proposal.command.post_id, proposal.command.ground,
            proposal.command.proposed_on) == (cadre, post, "discipline", date(2026, 3, 2))
    [item] = world.queries.work_queue(world.province)
    assert (item.kind, item.detail) == ("plan_removal_to_decide", "2030-2035: discipline")

    # redelivery: the same fact again, directly under its command id, and the policy rerun
    again = world.personnel.service.execute(proposal.command, world.context().__class__(
        proposal.command_id, "NB", world.context().actor))
    assert again.ids == {"cadre_id": cadre, "post_id": post}
    assert run_policy(world, date(2026, 3, 3)) == []
    assert len(proposals_in_store(world)) == 1

    world.run(c.RemoveCadreFromPlan(post, cadre, "2030-2035", "discipline", "Bị khiển trách",
                                    decision=decided(date(2026, 3, 5))))
    assert world.queries.work_queue(world.province) == []
    assert run_policy(world, date(2026, 3, 6)) == []


def test_the_command_id_is_the_facts_so_a_rebuilt_read_model_proposes_nothing_twice(world):
    hung = world.member("Trần Văn Hải", date(1980, 1, 9))
    cadre = world.member_cadre(hung)
    post = world.post("Phó Bí thư Tỉnh ủy", 90)
    world.plan(post, cadre)
    world.discipline(hung, "warning", date(2026, 3, 2))
    [first] = run_policy(world, date(2026, 3, 2))
    world.personnel.runner.rebuild()
    assert run_policy(world, date(2026, 3, 3)) == []
    assert len(proposals_in_store(world)) == 1
    assert first.fact == "discipline warning of 2026-03-02"
