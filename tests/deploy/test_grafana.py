"""The Grafana dashboard is a well-formed dashboard that the provisioning files load, on the data
source they provision."""

from __future__ import annotations

from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
PROVISIONING = DEPLOY / "grafana" / "provisioning"


def test_every_panel_has_a_unique_id_and_its_own_place_on_the_24_column_grid(dashboard):
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    taken: set[tuple[int, int]] = set()
    for panel in dashboard["panels"]:
        grid = panel["gridPos"]
        assert grid["x"] >= 0 and grid["w"] > 0 and grid["x"] + grid["w"] <= 24, panel["title"]
        cells = {(x, y) for x in range(grid["x"], grid["x"] + grid["w"])
                 for y in range(grid["y"], grid["y"] + grid["h"])}
        assert not cells & taken, f"{panel['title']} overlaps another panel"
        taken |= cells


def test_every_query_panel_reads_the_dashboards_data_source_variable(dashboard):
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource"
    assert variables["datasource"]["query"] == "prometheus"
    queries = [panel for panel in dashboard["panels"] if panel["type"] != "row"]
    assert queries
    for panel in queries:
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}
        assert panel["targets"], panel["title"]
        ref_ids = [target["refId"] for target in panel["targets"]]
        assert len(ref_ids) == len(set(ref_ids)), panel["title"]
        for target in panel["targets"]:
            assert target["datasource"] == panel["datasource"]
            assert target["expr"].strip()


def test_the_dashboard_has_the_panels_an_operator_looks_for(dashboard):
    titles = {panel["title"] for panel in dashboard["panels"]}
    assert {"Process up", "Command rate by outcome", "Command latency", "Events appended by type",
            "Relay lag", "Projection lag", "Dead letters", "Kafka consumer lag",
            "GraphQL latency", "GraphQL errors by kind"} <= titles
    latency = next(p for p in dashboard["panels"] if p["title"] == "Command latency")
    assert [t["legendFormat"] for t in latency["targets"]] == ["p50", "p95", "p99"]
    assert dashboard["uid"] and dashboard["schemaVersion"] >= 36


def test_provisioning_loads_the_dashboard_folder_compose_mounts(yaml_lint, compose):
    path = PROVISIONING / "dashboards" / "partyorg.yml"
    provider = yaml_lint.load(path.read_text("utf-8"), path.name)
    assert provider["apiVersion"] == 1
    (only,) = provider["providers"]
    assert only["type"] == "file"
    mounts = dict(volume.split(":")[:2] for volume in compose["services"]["grafana"]["volumes"])
    assert mounts["./grafana/dashboards"] == only["options"]["path"]
    assert mounts["./grafana/provisioning"] == "/etc/grafana/provisioning"
    for host_path in ("./grafana/dashboards", "./grafana/provisioning"):
        assert (DEPLOY / host_path).is_dir()


def test_the_provisioned_data_source_is_prometheus_at_the_address_grafana_is_given(
        yaml_lint, compose):
    path = PROVISIONING / "datasources" / "prometheus.yml"
    config = yaml_lint.load(path.read_text("utf-8"), path.name)
    (source,) = config["datasources"]
    assert source["type"] == "prometheus" and source["isDefault"] is True
    assert source["url"] == "${PARTYORG_PROMETHEUS_URL}"
    grafana_env = compose["services"]["grafana"]["environment"]
    assert grafana_env["PARTYORG_PROMETHEUS_URL"] == "http://prometheus:9090"
