"""Each question of issue 12 item 7, asked of the read models the evaluations log builds, as of
any date and for any subtree."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kit.errors import InvalidInput
from services.evaluations.domain.levels import Level

from .conftest import Campaigns


def test_the_progress_board_counts_each_step_as_of_a_day(history: Campaigns) -> None:
    q = history.queries
    now = q.campaign_progress("P", "p26")
    assert (now.on_roll, now.left_out, now.self_assessed, now.commented, now.appraised,
            now.decided) == (18, 0, 6, 1, 3, 2)
    before = q.campaign_progress("P", "p26", on=date(2026, 12, 9))
    assert (before.self_assessed, before.appraised, before.decided) == (6, 0, 0)
    assert q.campaign_progress("P", "p26", on=date(2026, 11, 30)).self_assessed == 0
    c1 = q.campaign_progress("C1", "p26")
    assert (c1.on_roll, c1.self_assessed, c1.decided) == (13, 4, 1)  # 10 members, C1, B1, B2
    assert q.campaign_progress("P", "p25").left_out == 1


def test_who_awaits_each_step_page_by_page(history: Campaigns) -> None:
    q = history.queries
    waiting = q.awaiting("B1", "p26", "self_assessment")
    assert {line.subject_id for line in waiting.items} == {"m4", "m5", "m6", "B1"}
    assert all(line.stage == "awaiting_self_assessment" for line in waiting.items)
    first = q.awaiting("P", "p26", "decision", first=5)
    rest = q.awaiting("P", "p26", "decision", first=200, after=first.end_cursor)
    assert first.total == rest.total == 16 and first.has_next and not rest.has_next
    seen = [x.subject_id for x in first.items + rest.items]
    assert len(seen) == len(set(seen)) == 16 and "m9" not in seen
    appraised = [x for x in first.items + rest.items if x.subject_id == "m1"][0]
    assert appraised.stage == "appraised" and appraised.proposed_level == "htt"
    then = q.awaiting("P", "p26", "appraisal", on=date(2026, 12, 9))
    assert then.total == 18
    with pytest.raises(InvalidInput):
        q.awaiting("P", "p26", "lunch")


def test_the_distribution_year_on_year_with_the_share_at_good_or_better(history) -> None:
    q = history.queries
    y25, y26 = q.level_distribution("P", 2025, 2026)
    assert (y25.excellent, y25.good, y25.completed, y25.failed) == (1, 8, 2, 2)  # m7 corrected
    assert y25.good_or_better_percent == round(100 * 9 / 13, 1)
    assert (y26.total, y26.failed, y26.completed) == (2, 1, 1)
    assert y26.good_or_better_percent == 0.0
    assert y26.change_in_points == -y25.good_or_better_percent
    before_correction = q.level_distribution("P", 2025, 2025, on=date(2026, 3, 9))[0]
    assert (before_correction.good, before_correction.completed) == (9, 1)
    c2 = q.level_distribution("C2", 2025, 2025)[0]
    assert (c2.good, c2.failed, c2.total) == (2, 1, 3)
    organisations = q.level_distribution("P", 2025, 2025, subject_kind="organisation")[0]
    assert (organisations.excellent, organisations.good, organisations.completed) == (2, 2, 1)
    assert q.level_distribution("B3", 2024, 2024)[0].good_or_better_percent is None


def test_quota_headroom_per_grassroots_organisation(history: Campaigns) -> None:
    q = history.queries
    by_group = {(h.subject_kind, h.counted_in): h for h in q.quota_headroom("P", "p25")}
    c1 = by_group[("member", "C1")]  # 1 HTXS of 7 HTT + 1: 20 % of 8 rounds down to 1
    assert (c1.excellent, c1.good, c1.allowed, c1.headroom) == (1, 6, 1, 0)
    assert c1.rule_version == "QĐ366-2025"
    c2 = by_group[("member", "C2")]
    assert (c2.excellent, c2.good, c2.allowed, c2.headroom) == (0, 2, 0, 0)
    before = {(h.subject_kind, h.counted_in): h
              for h in q.quota_headroom("P", "p25", on=date(2026, 3, 9))}
    assert (before[("member", "C1")].good, before[("member", "C1")].allowed) == (7, 1)
    only_c2 = q.quota_headroom("B3", "p25")
    assert {(h.subject_kind, h.counted_in) for h in only_c2} == {("member", "C2"),
                                                                 ("organisation", "C2")}


def test_members_failing_two_years_running(history: Campaigns) -> None:
    q = history.queries
    found = q.unsatisfactory_two_years_running("P", 2026)
    assert [(r.member_id, r.years, r.levels) for r in found] == [
        ("m9", [2025, 2026], ["kht", "kht"])]
    assert q.unsatisfactory_two_years_running("C2", 2026) == []  # m12 rose to HT
    assert q.unsatisfactory_two_years_running("P", 2026, on=date(2026, 12, 19)) == []
    good = q.running_years("P", 2026, (Level.EXCELLENT.value, Level.GOOD.value))
    assert good == []


def test_the_tsvm_list(history: Campaigns) -> None:
    q = history.queries
    (c1,) = q.tsvm_list("P")
    assert (c1.organisation_id, c1.year, c1.years_running, c1.five_years_running) == \
        ("C1", 2025, 5, True)
    assert q.tsvm_list("C1", 2025) == [c1]
    assert q.tsvm_list("C2") == [] and q.tsvm_list("P", 2024) == []
    assert q.tsvm_list("P", on=date(2026, 1, 4)) == []


def test_one_members_history_with_its_correction(history: Campaigns) -> None:
    q = history.queries
    decided, corrected = q.evaluation_history("m7")
    assert (decided.level, decided.valid_from, decided.valid_to) == \
        ("htt", date(2025, 12, 20), date(2026, 3, 10))
    assert (corrected.level, corrected.corrects, corrected.reason) == \
        ("ht", "htt", "Phát hiện vi phạm sau khi xếp loại")
    (then,) = q.evaluation_history("m7", on=date(2026, 3, 9))
    assert then.valid_to is None and then.level == "htt"
    assert [(h.year, h.level) for h in q.evaluation_history("m9")] == [(2025, "kht"),
                                                                       (2026, "kht")]


def test_a_past_years_classification_exactly_as_submitted(history: Campaigns) -> None:
    q = history.queries
    snap = q.classification_snapshot("m7", 2025, on=date(2026, 1, 1))
    assert snap.level == "htt"
    assert [s.type for s in snap.steps] == ["evaluations.SelfAssessmentSubmitted",
                                            "evaluations.EvaluationAppraised",
                                            "evaluations.ClassificationDecided"]
    stored = {env.event_id: env for env in history.store.read_all(0, limit=10_000)}
    for step in snap.steps:
        env = stored[step.event_id]
        assert env.global_position == step.global_position
        assert json.loads(step.data) == env.data
    submitted = json.loads(snap.steps[0].data)
    assert (submitted["general_points"], submitted["result_points"]) == (28.0, 60.5)
    now = q.classification_snapshot("m7", 2025)
    assert now.level == "ht" and now.steps[-1].type == "evaluations.ClassificationCorrected"
    assert q.classification_snapshot("m7", 2024) is None


def test_periods_meeting_a_subtree(history: Campaigns) -> None:
    q = history.queries
    assert [p.period_id for p in q.periods("P", 2026)] == ["p26", "q26"]  # latest first
    assert {p.period_id for p in q.periods("B1")} == {"p25", "p26"}
    assert {p.period_id for p in q.periods("B3")} == {"p25", "p26", "q26"}
    assert q.period("p25").organisation_id == "P"


def test_a_commune_campaign_counts_for_the_province_whole(history: Campaigns) -> None:
    q = history.queries
    assert q.campaign_progress("P", "q26").self_assessed == 1
    assert q.campaign_progress("C1", "q26").on_roll == 0  # another subtree altogether
    assert {x.subject_id for x in q.awaiting("P", "q26", "self_assessment").items} == \
        {"m11", "m12", "C2", "B3"}
