"""Personnel on the real embedded path: membership's facts (birth date, gender, discipline) reach
personnel's own view of its events, and its plans, work queue, bans and terms answer from them;
every read model rebuilds to exactly its live state."""

from __future__ import annotations

from datetime import date

import pytest

from kit.errors import RuleViolated
from services.personnel import api as c

from .conftest import decided
from .congress_scenario import hold_election
from .test_training import good_standing


def test_a_member_cadre_reads_as_the_member_file_says_and_its_discipline_opens_work(world):
    hung = world.member("Nguyễn Văn Hùng", date(1982, 5, 4))
    cadre = world.member_cadre(hung)
    post = world.post("Phó Chủ tịch UBND tỉnh", 80)
    world.plan(post, cadre)
    assert world.queries.cadre(cadre).full_name == "Nguyễn Văn Hùng"
    assert world.queries.work_queue(world.province) == []

    world.discipline(hung, "reprimand", date(2026, 3, 2))  # khiển trách: removal and a ban
    world.platform.settle()  # personnel's policy proposes the removal itself (removal_policy)
    [ban] = world.queries.promotion_bans(world.province)
    assert (ban.cadre.id, ban.form, ban.ends_on) == (cadre, "reprimand", date(2028, 3, 2))
    [item] = world.queries.work_queue(world.province)
    assert (item.cadre.id, item.post.id) == (cadre, post)
    assert (item.kind, item.detail) == ("plan_removal_to_decide", "2030-2035: discipline")
    world.run(c.RemoveCadreFromPlan(post, cadre, "2030-2035", "discipline", "Bị khiển trách",
                                    decision=decided(date(2026, 3, 2))))
    assert world.queries.work_queue(world.province) == []
    assert [p.cadres for p in world.queries.plan_fullness(world.province, "2030-2035")] == [[]]
    with pytest.raises(RuleViolated) as refused:  # and no promotion while the ban runs
        world.run(c.AppointCadre(cadre, world.post("Chủ tịch UBND tỉnh", 95), date(2026, 4, 1),
                                 external=True, decision=decided(date(2026, 3, 2))))
    assert refused.value.rule == "appointment.promotion_ban_months"


def test_plan_fullness_structure_and_the_fourth_cadre(world):
    post = world.post("Chủ tịch UBND tỉnh", 95)
    cadres = [world.cadre("Lê Văn An", date(1990, 1, 1), "male"),
              world.cadre("Phạm Văn Bình", date(1980, 1, 1), "male"),
              world.cadre("Đỗ Văn Cường", date(1981, 1, 1), "male")]
    for cadre in cadres:
        world.plan(post, cadre)
    with pytest.raises(RuleViolated) as refused:
        world.plan(post, world.cadre("Vũ Thị Dung", date(1985, 1, 1), "female"))
    assert refused.value.rule == "planning.max_cadres_per_post"
    [plan] = world.queries.plan_fullness(world.province, "2030-2035")
    assert ({x.id for x in plan.cadres}, plan.places) == (set(cadres), 3)
    structure = world.queries.plan_structure(world.province, "2030-2035")
    # on 1/1/2030 An is 40 (not under 40): no young cadre; no woman
    assert (structure.cadres, structure.young, structure.women) == (3, 0, 0)
    assert structure.warnings == ["young_below_target", "women_below_target"]


def test_an_appointment_from_the_plan_shows_its_expiry_notice_in_the_work_queue(world):
    post = world.post("Giám đốc Sở Nội vụ", 60, head=True)
    cadre = world.cadre("Trần Thị Hoa", date(1975, 4, 2), "female")
    world.plan(post, cadre, "2025-2030")
    world.run(c.AppointCadre(cadre, post, date(2021, 12, 1), external=True,
                             decision=decided(date(2021, 11, 20))))
    [term] = world.queries.expiring_terms(world.province, date(2026, 1, 1), date(2026, 12, 31))
    assert term.term.ends_on == date(2026, 12, 1) and term.notice_on < date(2026, 8, 1)
    assert world.queries.work_queue(world.province) == []  # not due yet on 2/3/2026
    [due] = world.queries.work_queue(world.province, term.notice_on)
    assert (due.kind, due.cadre.id, due.due_on) == ("term_expiry_notice", cadre, term.notice_on)
    world.run(c.ReappointCadre(cadre, post, decision=decided(date(2026, 3, 2))))
    assert world.queries.expiring_terms(world.province, date(2026, 1, 1),
                                        date(2026, 12, 31)) == []
    assert [t.kind for t in world.queries.cadre_file(cadre).terms] == ["appointed",
                                                                       "reappointed"]


def dump_all(service) -> dict:
    service.settle()
    with service.read_db.transaction() as conn:
        return {p.name: p.dump(conn) for p in service.runner.projections}


def busy(world) -> None:
    """A little of everything: every personnel read model gets rows."""
    hung = world.member("Nguyễn Văn Hùng", date(1982, 5, 4))
    cadre, other = world.member_cadre(hung), world.cadre("Lê Thị Mai", date(1985, 1, 1),
                                                         "female")
    post, low = world.post("Chủ tịch UBND tỉnh", 95), world.post("Phó Giám đốc Sở", 50)
    world.plan(post, other)
    world.plan(post, cadre)
    world.discipline(hung, "warning", date(2026, 3, 2))
    world.platform.settle()  # the policy's proposal first (removal_policy), then the decision
    world.run(c.RemoveCadreFromPlan(post, cadre, "2030-2035", "discipline", "Cảnh cáo",
                                    decision=decided(date(2026, 3, 2))))
    world.run(c.AppointCadre(other, low, date(2021, 1, 1), external=True,
                             decision=decided(date(2020, 12, 1))))
    world.run(c.ProposeAppointment(cadre, low, date(2026, 3, 2)))
    world.run(c.RecordCadreFileRead(other, "Thẩm định hồ sơ"))
    # personnel-more: evaluations' good standing (personnel_evaluations_view); an erasure
    good_standing(world, hung, (2024, 2025), date(2026, 1, 15))
    world.run(c.EraseCadrePersonalData(world.cadre("Hà Văn Lộc", date(1980, 2, 2), "male"),
                                       "Đề nghị xoá", decision=decided(date(2026, 3, 2))))
    hold_election(world)
    # plan-approval: the province's own plan approved, then reviewed the next year
    world.run(c.ApprovePlan(world.province, "2030-2035", 2026, decision=decided()))
    world.run(c.ReviewPlan(world.province, "2030-2035", 2027, date(2027, 2, 1),
                           decision=decided(date(2027, 2, 1))))


def test_rebuilding_every_read_model_gives_exactly_the_live_state(world):
    busy(world)
    live = dump_all(world.personnel)
    assert all(any(rows for rows in tables.values()) for tables in live.values()), \
        "the scenario leaves a read model empty"
    world.personnel.runner.rebuild()
    assert dump_all(world.personnel) == live
    assert world.personnel.runner.dead_letters() == []
