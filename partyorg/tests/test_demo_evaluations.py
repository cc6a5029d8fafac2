"""The seeded province's evaluation campaigns (demo/evaluations_seeder.py), read back through the
evaluations service's published queries: 2025 decided with the usual distribution, every member
disciplined in 2025 rated "không hoàn thành", the HTXS quota kept in every group, a few
organisations "trong sạch, vững mạnh"; 2026 open and in progress."""

from __future__ import annotations

from datetime import date

import pytest

from partyorg import cli
from partyorg.embedded import build_platform


@pytest.fixture(scope="module")
def platform(demo):
    opened = build_platform(demo.data, cli.PROVINCE)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def evaluations(platform):
    return platform.evaluations.queries


def periods(evaluations, root: str) -> dict[int, object]:
    return {p.year: p for p in evaluations.periods(root)}


def test_the_2025_campaign_is_decided_and_closed_with_over_nine_in_ten_at_htt_or_better(
        demo, evaluations):
    root = demo.marker["root_id"]
    period = periods(evaluations, root)[2025]
    assert period.closed_on == date(2026, 1, 31)
    progress = evaluations.campaign_progress(root, period.period_id)
    assert progress.on_roll > 0 and progress.decided == progress.on_roll
    [year] = evaluations.level_distribution(root, 2025, 2025)
    assert year.total > 0 and year.good_or_better_percent > 90
    assert year.excellent > 0 and year.completed > 0
    assert demo.marker["evaluations"]["levels_2025"] == {
        "htxs": year.excellent, "htt": year.good, "ht": year.completed,
        **({"kht": year.failed} if year.failed else {})}


def test_every_member_disciplined_in_2025_is_rated_not_completed(demo, platform, evaluations):
    store, codec = platform.membership.store, platform.membership.declaration.codec
    disciplined = set()
    for event in store.read_all(0, 10_000_000):
        if event.type == "membership.MemberDisciplined":
            fact = codec.decode(event.type, event.schema_version, event.data)
            if fact.decided_on.year == 2025 and fact.form.value != "expulsion":
                disciplined.add(fact.member_id)
    rated = {m: [c.level for c in evaluations.evaluation_history(m) if c.year == 2025]
             for m in disciplined}
    assert all(levels in ([], ["kht"]) for levels in rated.values()), rated
    # those evaluated at all (a member disciplined may have left or be exempt)
    assert [m for m, levels in rated.items() if levels] or not disciplined


def test_the_quota_is_kept_in_every_group_and_a_few_organisations_are_tsvm(demo, evaluations):
    root = demo.marker["root_id"]
    period = periods(evaluations, root)[2025]
    groups = evaluations.quota_headroom(root, period.period_id)
    assert groups and all(g.headroom >= 0 for g in groups)
    recognised = evaluations.tsvm_list(root, 2025)
    assert recognised and all(r.year == 2025 for r in recognised)


def test_the_2026_campaign_is_open_and_in_progress_none_decided(demo, evaluations):
    root = demo.marker["root_id"]
    period = periods(evaluations, root)[2026]
    assert period.closed_on is None
    progress = evaluations.campaign_progress(root, period.period_id)
    assert 0 < progress.appraised < progress.self_assessed < progress.on_roll
    assert progress.decided == 0
