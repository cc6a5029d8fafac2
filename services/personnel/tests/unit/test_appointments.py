"""Appointments and terms: internal candidates from the plan, years left for a first
appointment, promotion bans after discipline, reappointment and extension to retirement, at most
two consecutive terms as head."""

from __future__ import annotations

from datetime import date, timedelta

from kit.errors import RuleViolated
from services.personnel import api as c
from services.personnel.domain import events as e
from services.personnel.domain.cadre import Discipline
from services.personnel.domain.facts import calendar, notice_on
from services.personnel.domain.rules import PERSONNEL_RULES

from .conftest import decided

START = date(2026, 4, 1)


def appoint(world, cadre, post, starts_on=START, external=False):
    return world.scenario.when(c.AppointCadre(cadre, post, starts_on, external,
                                              decision=decided(date(2026, 3, 20))))


def test_an_internal_candidate_must_be_in_the_posts_plan(world):
    post, cadre = world.post("Chủ tịch UBND tỉnh", 95), world.cadre()
    error = world.scenario.refused(c.AppointCadre(cadre, post, START,
                                                  decision=decided(date(2026, 3, 20))),
                                   RuleViolated)
    assert error.rule == "appointment.requires_plan"
    world.plan(post, cadre, "2025-2030")
    appointed = appoint(world, cadre, post).one(e.CadreAppointed)
    assert (appointed.starts_on, appointed.ends_on, appointed.term_number) == \
        (START, date(2031, 4, 1), 1)


def test_a_first_appointment_needs_five_years_before_retirement(world):
    post = world.post("Giám đốc Sở", 60)
    # a woman born in 1968 retires at 60 in 2028
    cadre = world.cadre("Lê Thị Lan", date(1968, 6, 1), "female")
    error = world.scenario.refused(c.AppointCadre(cadre, post, START, external=True,
                                                  decision=decided(date(2026, 3, 20))),
                                   RuleViolated)
    assert (error.rule, error.rule_version) == ("appointment.first_min_years_left",
                                                "QD377-2025")


def test_no_promotion_while_a_discipline_ban_runs(world):
    low, high = world.post("Phó Giám đốc Sở", 50), world.post("Giám đốc Sở", 60)
    member, cadre = world.member_cadre("Hoàng Văn Minh", date(1978, 1, 1))
    appoint(world, cadre, low, date(2024, 1, 1), external=True)
    world.directory.discipline[member] = [Discipline("warning", date(2024, 6, 1))]  # 36 months
    error = world.scenario.refused(c.AppointCadre(cadre, high, START, external=True,
                                                  decision=decided(date(2026, 3, 20))),
                                   RuleViolated)
    assert error.rule == "appointment.promotion_ban_months"
    assert "until 2027-06-01" in error.message
    world.directory.discipline[member] = [Discipline("reprimand", date(2024, 1, 2))]  # 24
    appoint(world, cadre, high, external=True)


def test_reappointment_and_at_most_two_consecutive_terms_as_head(world):
    head = world.post("Giám đốc Sở", 60, head=True)
    cadre = world.cadre("Phan Văn Nam", date(1975, 1, 1), "male")  # retires 2037
    appoint(world, cadre, head, date(2021, 1, 1), external=True)
    second = world.scenario.when(c.ReappointCadre(cadre, head,
                                                  decision=decided(date(2025, 12, 1))))
    assert second.one(e.CadreReappointed).term_number == 2
    assert second.one(e.CadreReappointed).starts_on == date(2026, 1, 1)
    error = world.scenario.refused(c.ReappointCadre(cadre, head,
                                                    decision=decided(date(2026, 3, 1))),
                                   RuleViolated)
    assert error.rule == "appointment.max_consecutive_terms_as_head"


def test_fewer_than_two_years_left_extends_to_retirement_instead(world):
    post = world.post("Phó Giám đốc Sở", 50)
    cadre = world.cadre("Trịnh Văn Phong", date(1964, 10, 1), "male")  # retires 1/10/2026
    appoint(world, cadre, post, date(2021, 6, 1), external=True)  # ends 1/6/2026
    error = world.scenario.refused(c.ReappointCadre(cadre, post, decision=decided()),
                                   RuleViolated)
    assert error.rule == "appointment.extend_below_years_left"
    extended = world.scenario.when(c.ExtendToRetirement(cadre, post, decision=decided()))
    assert extended.one(e.TermExtendedToRetirement).ends_on == date(2026, 10, 1)
    younger = world.cadre("Trịnh Văn Quang", date(1980, 1, 1), "male")
    appoint(world, younger, post, date(2021, 6, 1), external=True)
    error = world.scenario.refused(c.ExtendToRetirement(younger, post, decision=decided()),
                                   RuleViolated)
    assert error.rule == "appointment.extend_below_years_left"


def test_the_expiry_notice_falls_ninety_working_days_before_the_end():
    rules = PERSONNEL_RULES.in_force(date(2026, 3, 1))
    ends = date(2026, 12, 31)
    notice = notice_on(ends, rules)
    cal = calendar(rules)
    days = [notice + timedelta(days=d) for d in range((ends - notice).days)]
    assert sum(map(cal.is_working_day, days)) == 90 and cal.is_working_day(notice)
    assert notice < date(2026, 9, 1)  # weekends and holidays make 90 working days longer
