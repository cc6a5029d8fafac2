"""The real Prometheus's promtool accepts the rules, their unit tests pass, and every Prometheus
configuration under deploy/ (one machine, compose, Kubernetes) loads with those rules."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kit.testing.services import require_binary

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
RULES = DEPLOY / "prometheus" / "rules" / "partyorg.rules.yml"
RULE_TESTS = DEPLOY / "prometheus" / "rules" / "partyorg.rules.test.yml"
HOW = "`deploy/local/prometheus.sh up` (Debian's prometheus package brings promtool)"


@pytest.fixture(scope="module")
def promtool() -> str:
    return require_binary("promtool", HOW)


def run(promtool: str, *args: str, cwd: Path | None = None) -> str:
    done = subprocess.run([promtool, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=60, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"promtool {' '.join(args)} failed:\n{output}"
    return output


def config_with_rules(tmp_path: Path, config: dict | str) -> Path:
    """A Prometheus config file in tmp_path whose rules/ is deploy/prometheus/rules."""
    (tmp_path / "rules").symlink_to(DEPLOY / "prometheus" / "rules", target_is_directory=True)
    path = tmp_path / "prometheus.yml"
    # JSON is YAML: what the subset reader parsed goes back to promtool unchanged in meaning
    path.write_text(config if isinstance(config, str) else json.dumps(config), encoding="utf-8")
    return path


def test_promtool_accepts_the_rule_file(promtool):
    output = run(promtool, "check", "rules", str(RULES))
    assert "SUCCESS" in output


def test_every_alert_fires_when_it_should_and_not_otherwise_in_promtool_unit_tests(promtool):
    run(promtool, "test", "rules", RULE_TESTS.name, cwd=RULE_TESTS.parent)


def test_the_unit_tests_see_every_alert_both_firing_and_silent(yaml_lint, rules):
    cases = yaml_lint.load(RULE_TESTS.read_text(encoding="utf-8"), RULE_TESTS.name)["tests"]
    fired = {check["alertname"] for case in cases for check in case.get("alert_rule_test", [])
             if check.get("exp_alerts")}
    quiet = {check["alertname"] for case in cases for check in case.get("alert_rule_test", [])
             if not check.get("exp_alerts")}
    alerts = {rule["alert"] for group in rules["groups"] for rule in group["rules"]
              if "alert" in rule}
    assert fired == alerts
    assert quiet == alerts  # each also has a moment where it must stay silent


def test_the_one_machine_prometheus_config_loads_the_rules(promtool):
    output = run(promtool, "check", "config", str(DEPLOY / "prometheus" / "prometheus.yml"))
    assert "partyorg.rules.yml" in output
    assert "partyorg.rules.test.yml" not in output  # the unit tests are not rule files


def test_the_compose_prometheus_config_loads_the_rules(promtool, compose, tmp_path):
    config = compose["configs"]["prometheus-config"]["content"]
    output = run(promtool, "check", "config", str(config_with_rules(tmp_path, config)))
    assert "partyorg.rules.yml" in output


def test_the_kubernetes_scrape_config_is_valid_prometheus_config(promtool, yaml_lint, tmp_path):
    path = DEPLOY / "k8s" / "prometheus-scrape.yml"
    config = yaml_lint.load(path.read_text("utf-8"), path.name)
    for scrape in config["scrape_configs"]:
        # Debian's Prometheus is built without Kubernetes discovery: check everything else (the
        # relabelling above all) with a static target in its place.
        assert scrape.pop("kubernetes_sd_configs")[0]["role"] == "pod"
        scrape["static_configs"] = [{"targets": ["127.0.0.1:9"]}]
    output = run(promtool, "check", "config", str(config_with_rules(tmp_path, config)))
    assert "partyorg.rules.yml" in output


def test_every_dashboard_query_is_valid_promql(promtool, dashboard, tmp_path):
    # promtool parses expressions inside rule files: give each query a recording rule, with
    # Grafana's variables replaced by what Grafana would send.
    grafana = {"$__rate_interval": "1m", "$service": ".*"}
    rules = []
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            expr = target["expr"]
            for variable, value in grafana.items():
                expr = expr.replace(variable, value)
            assert "$" not in expr, f"unknown Grafana variable in {target['expr']}"
            rules.append({"record": f"dashboard_panel_{panel['id']}_{target['refId']}",
                          "expr": expr})
    path = tmp_path / "dashboard.rules.yml"
    path.write_text(json.dumps({"groups": [{"name": "dashboard", "rules": rules}]}), "utf-8")
    output = run(promtool, "check", "rules", str(path))
    assert f"SUCCESS: {len(rules)} rules found" in output
