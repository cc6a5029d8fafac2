"""A campaign on the real embedded path: the roll from evaluations' view of membership's events,
each step through the service, the refusals typed with nothing appended, the cross-service facts
reaching membership's work queue, and evaluations' read models rebuilt equal to live."""

from __future__ import annotations

from datetime import date

from kit.errors import NotFound, RuleViolated
from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from services.evaluations.declaration import DECLARATION as EVALUATIONS
from services.evaluations.domain import commands as ec
from services.membership.domain import commands as c

from .conftest import EXCELLENT, decision


def test_a_member_disciplined_in_the_year_is_capped_at_kht_by_the_appraisal(province):
    an = province.ids["t0"]
    province.membership(c.DisciplineMember(an, "reprimand", date(2025, 6, 2), "Vi phạm",
                                           decision=c.DecisionInput(
                                               "3-QĐ/ĐU", "Phạm Văn Hùng", c.DecidingBodyInput(
                                                   province.ids["maths"], "assembly"))))
    period = province.opened(2025)
    province.run(ec.SubmitSelfAssessment(period, an, "2B", 29.0, 65.0, EXCELLENT, "htxs",
                                         date(2025, 12, 10)))
    error = province.refuse(ec.AppraiseEvaluation(period, an, "htt", date(2025, 12, 20)),
                            RuleViolated)
    assert "disciplined (reprimand) on 02/06/2025" in error.message
    province.run(ec.AppraiseEvaluation(period, an, "kht", date(2025, 12, 20)))
    error = province.refuse(ec.DecideClassification(
        period, an, "ht", decision=decision(province.ids["school"], date(2025, 12, 28))),
        RuleViolated)
    assert error.rule == "classification.ceiling"


def test_the_quota_refusal_names_the_rule_and_the_headroom_and_the_board_shows_it(province):
    period = province.opened(2025)
    for n in range(4):
        province.through(period, f"t{n}", "htt")
    province.through(period, "t4", "htxs", points=(29.0, 66.0), tasks=EXCELLENT)
    province.run(ec.SubmitSelfAssessment(period, province.ids["t5"], "2B", 29.0, 66.0,
                                         EXCELLENT, "htxs", date(2025, 12, 10)))
    province.run(ec.AppraiseEvaluation(period, province.ids["t5"], "htxs", date(2025, 12, 20)))
    error = province.refuse(ec.DecideClassification(
        period, province.ids["t5"], "htxs",
        decision=decision(province.ids["school"], date(2025, 12, 28))), RuleViolated)
    assert (error.rule, error.details["headroom"]) == ("quota.excellent", 0)
    queries = province.platform.evaluations.queries
    school = [q for q in queries.quota_headroom(province.ids["school"], period)
              if q.counted_in == province.ids["school"] and q.subject_kind == "member"]
    assert [(q.excellent, q.good, q.headroom) for q in school] == [(1, 4, 0)]
    progress = queries.campaign_progress(province.ids["school"], period)
    assert (progress.decided, progress.appraised) == (5, 6)


def test_kht_two_years_running_opens_a_review_in_membership_work_queue(province):
    for year in (2024, 2025):
        period = province.opened(year)
        result = province.through(period, "t0", "kht", year, points=(15.0, 25.0))
    assert result.events == ("ClassificationDecided", "UnsatisfactoryTwoYearsRunning")
    items = province.platform.membership.queries.work_queue(
        province.ids["school"], date(2026, 1, 5), 260, kinds=["evaluation_review"]).items
    assert [(i.member.id, i.detail, i.rule) for i in items] == [
        (province.ids["t0"], "KHT 2024, 2025", "evaluation_review.working_days")]
    # a better year closes it
    period = province.opened(2026)
    province.through(period, "t0", "ht", 2026, points=(20.0, 40.0))
    assert province.platform.membership.queries.work_queue(
        province.ids["school"], date(2027, 1, 5), 260, kinds=["evaluation_review"]).items == []


def test_a_grassroots_organisation_is_decided_by_the_btv_above_and_only_it(province):
    period = province.opened(2025)
    error = None
    province.run(ec.SubmitSelfAssessment(period, province.ids["school"], "collective", 28.0,
                                         62.0, EXCELLENT, "htt", date(2025, 12, 10),
                                         targets_met_percent=95.0))
    province.run(ec.AppraiseEvaluation(period, province.ids["school"], "htt", date(2025, 12, 20)))
    error = province.refuse(ec.DecideClassification(
        period, province.ids["school"], "htt",
        decision=decision(province.ids["school"], date(2025, 12, 28))), RuleViolated)
    assert error.details["may_decide"] == [{"organisation_id": province.ids["province"],
                                            "organ": "standing_committee"}]
    result = province.run(ec.DecideClassification(
        period, province.ids["school"], "htt",
        decision=ec.DecisionInput("40-QĐ/TU", "Đinh Văn Tỉnh", date(2025, 12, 28))),
        acting_for=province.ids["province"], organ="standing_committee")
    assert result.events == ("ClassificationDecided",)


def test_a_caller_of_one_grassroots_organisation_sees_nothing_of_another(province):
    period = province.opened(2025)
    command = ec.SubmitSelfAssessment(period, province.ids["doctor"], "2B", 28.0, 64.0,
                                      ec.TasksInput(10, 10, 1, 0, 0), "htt", date(2025, 12, 10))
    province.refuse(command, NotFound, acting_for=province.ids["school"])
    result = province.run(command, acting_for=province.ids["hospital"])
    assert result.events == ("SelfAssessmentSubmitted",)


def test_evaluations_read_models_rebuilt_from_the_stores_equal_the_live_ones(province, tmp_path):
    period = province.opened(2025)
    for n in range(4):
        province.through(period, f"t{n}", "htt")
    province.through(period, "t4", "kht", points=(10.0, 30.0))
    province.run(ec.CorrectClassification(period, province.ids["t3"], "ht", "Xem xét lại",
                                          decision=decision(province.ids["school"],
                                                            date(2026, 1, 5))))
    province.platform.settle()
    evaluations = province.platform.evaluations
    sources = {"membership": "membership.events"}
    fresh = ProjectionRunner(evaluations.store, ReadModelDb(tmp_path / "rebuilt.db"),
                             EVALUATIONS.projections(sources, "sqlite"),
                             other_sources={"membership.events":
                                            province.platform.membership.store})
    fresh.catch_up()
    with evaluations.read_db.transaction() as live, fresh.db.transaction() as rebuilt:
        for a, b in zip(evaluations.runner.projections, fresh.projections, strict=True):
            assert a.dump(live) == b.dump(rebuilt), a.name
