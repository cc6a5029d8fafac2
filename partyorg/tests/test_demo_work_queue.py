"""The seeded demo's work queue holds work its facts opened (the full demo also leaves some work
undone past its deadline, demo/applicants.py; the small one is too small to count on that)."""

from __future__ import annotations

from datetime import date

TODAY = date(2026, 11, 20)  # the demo's today


def test_the_seeded_work_queue_holds_work_the_facts_opened(demo):
    page = demo.queries.work_queue(demo.marker["root_id"], TODAY, due_within=260, first=200)
    opened = [i for i in page.items if i.kind != "badge_presentation"]
    assert opened
    for item in opened:  # each names the rule-book datum that set its date
        assert item.rule and item.rule_version and item.due_on >= item.since
