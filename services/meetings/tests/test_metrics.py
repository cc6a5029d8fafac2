"""Meetings commands and projections report through the kit's Prometheus metrics."""

from __future__ import annotations

from datetime import date

from prometheus_client import REGISTRY

from kit.errors import RuleViolated
from services.meetings.domain import commands as mc


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_commands_are_counted_by_outcome_and_events_by_type(world, tree):
    ok = sample("partyorg_commands_total", service="meetings", command="ScheduleMeeting",
                outcome="ok")
    refused = sample("partyorg_commands_total", service="meetings", command="ScheduleMeeting",
                     outcome="rule_violated")
    scheduled = sample("partyorg_events_appended_total", service="meetings",
                       type="MeetingScheduled")

    world.schedule(tree["branch"], world.at(date(2026, 9, 5)))
    world.refuse(mc.ScheduleMeeting(tree["branch"], "regular", world.at(date(2026, 9, 5)), 30,
                                    ("A",)), RuleViolated)

    assert sample("partyorg_commands_total", service="meetings", command="ScheduleMeeting",
                  outcome="ok") == ok + 1
    assert sample("partyorg_commands_total", service="meetings", command="ScheduleMeeting",
                  outcome="rule_violated") == refused + 1
    assert sample("partyorg_events_appended_total", service="meetings",
                  type="MeetingScheduled") == scheduled + 1


def test_projections_report_their_checkpoints_on_both_sources(world, tree):
    world.official(tree["branch"], "Lê Văn An")
    world.schedule(tree["branch"], world.at(date(2026, 9, 5)))
    world.platform.settle()  # the gauges are read when scraped: they show what was applied
    assert sample("partyorg_projection_checkpoint_position", projection="meeting_records",
                  source="store") == world.store.head_position()
    assert sample("partyorg_projection_checkpoint_position", projection="branch_rosters",
                  source="membership.events") == world.membership.store.head_position()
    assert REGISTRY.get_sample_value("partyorg_projection_lag_events", {
        "projection": "branch_rosters", "source": "membership.events"}) == 0
