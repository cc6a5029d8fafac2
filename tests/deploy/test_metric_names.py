"""Rules and dashboard read only metrics the platform exposes (or recording rules defined beside
them), so a renamed metric cannot leave an alert silently watching nothing."""

from __future__ import annotations

import importlib

import pytest
from prometheus_client import REGISTRY

# What the platform's processes expose (prometheus-client names as scraped), and `up`.
PLATFORM_METRICS = {
    "partyorg_commands_total",
    "partyorg_command_duration_seconds",
    "partyorg_events_appended_total",
    "partyorg_projection_checkpoint_position",
    "partyorg_projection_lag_events",
    "partyorg_dead_letters_total",
    "partyorg_dead_letters_present",
    "partyorg_relay_lag_events",
    "partyorg_relay_checkpoint_position",
    "partyorg_relay_published_total",
    "partyorg_relay_failures_total",
    "partyorg_kafka_consumer_lag_messages",
    "partyorg_graphql_request_duration_seconds",
    "partyorg_graphql_errors_total",
}
HISTOGRAMS = {"partyorg_command_duration_seconds", "partyorg_graphql_request_duration_seconds"}
SCRAPED = ({m for m in PLATFORM_METRICS if m not in HISTOGRAMS}
           | {f"{h}_{part}" for h in HISTOGRAMS for part in ("bucket", "sum", "count")}
           | {"up"})


def recording_rules(rules) -> set[str]:
    return {rule["record"] for group in rules["groups"] for rule in group["rules"]
            if "record" in rule}


def rule_expressions(rules) -> list[tuple[str, str]]:
    return [(rule.get("alert") or rule["record"], rule["expr"])
            for group in rules["groups"] for rule in group["rules"]]


def dashboard_expressions(dashboard) -> list[tuple[str, str]]:
    return [(f"{panel['title']} / {target['refId']}", target["expr"])
            for panel in dashboard["panels"] for target in panel.get("targets", [])]


def test_the_kit_registers_every_metric_the_rules_and_dashboard_may_name():
    for module in ("kit.metrics", "kit.relay", "kit.projections.worker"):
        importlib.import_module(module)
    registered = set()
    for family in REGISTRY.collect():
        suffix = {"counter": "_total", "histogram": ""}.get(family.type, "")
        registered.add(family.name + suffix)
    assert registered >= PLATFORM_METRICS, PLATFORM_METRICS - registered


def test_every_rule_reads_only_platform_metrics_or_recording_rules(rules, promql):
    known = SCRAPED | recording_rules(rules)
    for name, expr in rule_expressions(rules):
        read = promql.metric_names(expr)
        assert read, f"{name} reads no metric: {expr}"
        assert read <= known, f"{name} reads unknown {read - known}"


def test_every_dashboard_query_reads_only_platform_metrics_or_recording_rules(
        dashboard, rules, promql):
    known = SCRAPED | recording_rules(rules)
    expressions = dashboard_expressions(dashboard)
    for variable in dashboard["templating"]["list"]:
        if variable["type"] == "query":
            query = variable["query"]
            expressions.append((variable["name"], query["query"] if isinstance(query, dict)
                                else query))
    for name, expr in expressions:
        read = (promql.variable_query_metrics(expr) if expr.startswith("label_values")
                else promql.metric_names(expr))
        assert read, f"{name} reads no metric: {expr}"
        assert read <= known, f"{name} reads unknown {read - known}"


def test_the_dashboard_shows_every_platform_metric(dashboard, rules, promql):
    read = set()
    for _, expr in dashboard_expressions(dashboard):
        read |= promql.metric_names(expr)
    shown = {name.removesuffix("_bucket").removesuffix("_count") for name in read}
    for record in recording_rules(rules) & read:  # a recording rule shows what it reads
        exprs = [e for n, e in rule_expressions(rules) if n == record]
        shown |= {n.removesuffix("_bucket") for e in exprs for n in promql.metric_names(e)}
    assert PLATFORM_METRICS | {"up"} <= shown, (PLATFORM_METRICS | {"up"}) - shown


@pytest.mark.parametrize("expr, names", [
    ('sum by (le) (rate(a_bucket{x="y:z", w=~"$v"}[$__rate_interval]))', {"a_bucket"}),
    ("b:c:rate5m > 0.2 and on (service) d_total offset 5m", {"b:c:rate5m", "d_total"}),
    ("histogram_quantile(0.99, sum without (instance) (rate(e[5m]))) > 1e3", {"e"}),
    ('up{job=~"a|b"} == 0 or absent(f)', {"up", "f"}),
])
def test_the_name_finder_reads_metrics_and_skips_syntax(promql, expr, names):
    assert promql.metric_names(expr) == names


def test_every_alert_says_how_severe_it_is_and_what_to_do(rules):
    alerts = [rule for group in rules["groups"] for rule in group["rules"] if "alert" in rule]
    required = {"PartyorgProcessDown", "PartyorgRelayLagHigh", "PartyorgProjectionLagHigh",
                "PartyorgRelayStalled", "PartyorgProjectionStalled",
                "PartyorgDeadLettersPresent", "PartyorgCommandErrorRateHigh",
                "PartyorgKafkaConsumerLagGrowing", "PartyorgGraphqlLatencyHigh"}
    assert required <= {alert["alert"] for alert in alerts}
    for alert in alerts:
        assert alert["labels"]["severity"] in ("warning", "critical"), alert["alert"]
        assert alert["annotations"]["summary"].strip(), alert["alert"]
        assert len(alert["annotations"]["description"]) > 60, alert["alert"]
