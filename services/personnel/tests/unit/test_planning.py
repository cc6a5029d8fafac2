"""Planning (QĐ 377-QĐ/TW 2025; QĐ 50 before it): each refusal is typed and names the rule and
the version in force on the decision's date, and appends nothing."""

from __future__ import annotations

from datetime import date

import pytest

from kit.envelope import Actor, CommandContext
from kit.errors import Forbidden, InvalidInput, NotFound, RuleViolated
from services.personnel import api as c
from services.personnel.domain import events as e
from services.personnel.domain.cadre import Discipline

from .conftest import decided, new_id


def test_a_cadre_enters_a_higher_posts_plan_and_the_post_takes_a_place(world):
    post = world.post("Phó Bí thư Tỉnh ủy", 90)
    cadre = world.cadre()
    appended = world.plan(post, cadre)
    added = appended.one(e.CadreAddedToPlan)
    assert (added.cadre_id, added.post_id, added.cycle, added.rule_version) == \
        (cadre, post, "2030-2035", "QD377-2025")
    assert added.decision.organ == "standing_committee"
    assert appended.one(e.PlanPlaceTaken) == e.PlanPlaceTaken(post, cadre, "2030-2035")


def test_a_fourth_cadre_for_a_post_is_refused_under_qd_377_but_not_under_qd_50(world):
    post = world.post("Chủ tịch UBND tỉnh", 95)
    for name in ("Lê Văn An", "Phạm Thị Bình", "Đỗ Văn Cường"):
        world.plan(post, world.cadre(name, gender="male"))
    fourth = world.cadre("Vũ Thị Dung")
    error = world.scenario.refused(c.AddCadreToPlan(post, fourth, "2030-2035",
                                                    decision=decided()), RuleViolated)
    assert (error.rule, error.rule_version) == ("planning.max_cadres_per_post", "QD377-2025")
    # a decision of 2024 was taken under QĐ 50, which allowed four
    world.plan(post, fourth, "2025-2030", on=date(2024, 6, 1))
    other = world.post("Phó Chủ tịch UBND tỉnh", 80)
    for name in ("Lê Văn Em", "Hà Văn Phúc", "Ngô Thị Giang", "Mai Văn Hải"):
        world.plan(other, world.cadre(name), "2025-2030", on=date(2024, 6, 1))
    error = world.scenario.refused(c.AddCadreToPlan(other, world.cadre("Tạ Văn Ích"),
                                                    "2025-2030",
                                                    decision=decided(date(2024, 6, 1))),
                                   RuleViolated)
    assert (error.rule, error.rule_version) == ("planning.max_cadres_per_post", "QD50-2021")


def test_a_cadre_in_a_fourth_posts_plan_is_refused(world):
    cadre = world.cadre()
    for i, title in enumerate(("Bí thư Tỉnh ủy", "Phó Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh")):
        world.plan(world.post(title, 99 - i), cadre)
    error = world.scenario.refused(
        c.AddCadreToPlan(world.post("Chủ tịch UBND tỉnh", 95), cadre, "2030-2035",
                         decision=decided()), RuleViolated)
    assert error.rule == "planning.max_posts_per_cadre"


def test_a_post_not_higher_than_the_one_held_is_refused(world):
    held = world.post("Phó Chủ tịch UBND tỉnh", 80)
    same = world.post("Phó Chủ tịch HĐND tỉnh", 80)
    cadre = world.cadre()
    world.scenario.when(c.AppointCadre(cadre, held, date(2025, 1, 1), external=True,
                                       decision=decided(date(2024, 12, 20))))
    error = world.scenario.refused(c.AddCadreToPlan(same, cadre, "2030-2035",
                                                    decision=decided()), RuleViolated)
    assert error.rule == "planning.higher_post_only"
    world.plan(world.post("Chủ tịch UBND tỉnh", 95), cadre)


def test_no_planning_while_an_appointment_is_in_progress(world):
    post, other = world.post("Chủ tịch UBND tỉnh", 95), world.post("Bí thư Tỉnh ủy", 99)
    cadre = world.cadre()
    world.scenario.when(c.ProposeAppointment(cadre, post, date(2026, 2, 1)))
    error = world.scenario.refused(c.AddCadreToPlan(other, cadre, "2030-2035",
                                                    decision=decided()), RuleViolated)
    assert error.rule == "planning.not_during_appointment"


def test_too_old_to_serve_a_full_term_of_the_cycle_is_refused(world):
    post = world.post("Chủ tịch UBND tỉnh", 95)
    # a man born in 1970 retires at 62 in 2032: not a full term from 1/1/2030
    old = world.cadre("Nguyễn Văn Cao", date(1970, 5, 1), "male")
    error = world.scenario.refused(c.AddCadreToPlan(post, old, "2030-2035",
                                                    decision=decided()), RuleViolated)
    assert (error.rule, error.rule_version) == ("planning.full_term", "QD377-2025")
    world.plan(post, old, "2025-2030", on=date(2024, 6, 1))  # 2025 + 5 = 2030 ≤ 2032


def test_an_unknown_cycle_is_invalid_input(world):
    error = world.scenario.refused(c.AddCadreToPlan(world.post("Bí thư", 99), world.cadre(),
                                                    "2040-2045", decision=decided()),
                                   InvalidInput)
    assert error.field == "cycle"


def run_as(world, command, org: str, organ: str = "standing_committee"):
    context = CommandContext(new_id(), "NB", Actor("u-ban-to-chuc", "organisation_commission"),
                             acting_organ=organ)
    return world.scenario.service.execute(command, context, org)


def test_only_the_managing_committee_sees_its_posts_and_cadres_and_only_its_organs_decide(
        world):
    post, cadre = world.post("Bí thư Tỉnh ủy", 99), world.cadre()
    command = c.AddCadreToPlan(post, cadre, "2030-2035", decision=decided())
    for other in (world.commune, world.branch):
        with pytest.raises(NotFound) as caught:
            run_as(world, command, other)
        assert caught.value.details["kind"] == "post"
    with pytest.raises(Forbidden):
        run_as(world, command, world.province, organ="")
    with pytest.raises(RuleViolated) as caught:
        run_as(world, command, world.province, organ="inspection_committee")
    assert caught.value.rule == "decision.organs"
    assert run_as(world, command, world.province).events == ("CadreAddedToPlan",
                                                             "PlanPlaceTaken")
    with pytest.raises(NotFound):  # the province lies outside a commune's subtree
        run_as(world, c.OpenCadreFile(world.province, "advanced", "master", date(2026, 1, 5),
                                      person=c.PersonInput("Lê Văn Tám", date(1985, 1, 1),
                                                           "male")), world.commune)
    with pytest.raises(Forbidden):  # the province keeps no file the commune manages
        run_as(world, c.OpenCadreFile(world.commune, "advanced", "master", date(2026, 1, 5),
                                      person=c.PersonInput("Lê Văn Tám", date(1985, 1, 1),
                                                           "male")), world.province)


def test_removal_on_a_ground_of_fact_needs_the_fact(world):
    post = world.post("Chủ tịch UBND tỉnh", 95)
    member, cadre = world.member_cadre("Đinh Văn Khải", date(1982, 3, 3))
    world.plan(post, cadre)
    remove = c.RemoveCadreFromPlan(post, cadre, "2030-2035", "discipline", "Bị khiển trách",
                                   decision=decided(date(2026, 3, 2)))
    error = world.scenario.refused(remove, RuleViolated)
    assert error.rule == "planning.removal.discipline"
    proposal = c.ProposePlanRemoval(post, cadre, "2030-2035", "over_age", "Quá tuổi",
                                    date(2026, 3, 2))
    assert world.scenario.refused(proposal, RuleViolated).rule == "planning.removal.over_age"
    world.directory.discipline[member] = [Discipline("reprimand", date(2026, 3, 2))]
    proposed = world.scenario.when(c.ProposePlanRemoval(
        post, cadre, "2030-2035", "discipline", "Bị khiển trách", date(2026, 3, 2)))
    assert proposed.one(e.PlanRemovalProposed).rule_version == "QD377-2025"
    appended = world.scenario.when(remove)
    assert appended.one(e.CadreRemovedFromPlan).ground == "discipline"
    assert appended.one(e.PlanPlaceReleased).cadre_id == cadre
