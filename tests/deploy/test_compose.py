"""deploy/compose.yaml and deploy/Dockerfile describe the same topology as `make up`: the servers,
each declared service's three processes and the gateway waiting on healthy servers, Prometheus and Grafana. No Docker engine
runs here, so these check the structure compose would act on."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SERVERS = {"postgres", "rabbitmq", "kafka", "prometheus", "grafana"}
SETTINGS = {"PARTYORG_PROVINCE", "PARTYORG_PG_DSN", "PARTYORG_AMQP_URI", "PARTYORG_KAFKA_BOOTSTRAP"}
EMBEDDED = "compose.yaml configs.prometheus-config"  # Prometheus's config, inline in compose


def process_services(compose, process_of) -> dict[str, dict]:
    """compose service name -> service, for those that run a platform process."""
    return {name: service for name, service in compose["services"].items()
            if process_of(service.get("command", []))}


def test_compose_runs_the_servers_and_each_process_once_under_its_own_name(
        compose, processes, process_of):
    ran = [process_of(service["command"])
           for service in process_services(compose, process_of).values()]
    assert sorted(ran) == sorted(processes)
    assert all(process_of(service["command"]) == name
               for name, service in process_services(compose, process_of).items())
    assert set(compose["services"]) >= SERVERS
    assert compose["services"]["kafka"]["image"].startswith("apache/kafka:4.")
    assert compose["services"]["postgres"]["image"] == "postgres:15"
    assert compose["services"]["rabbitmq"]["image"].startswith("rabbitmq:3.")


def test_kafka_runs_as_a_single_kraft_node_that_advertises_a_name_the_processes_resolve(compose):
    env = compose["services"]["kafka"]["environment"]
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"] == f"{env['KAFKA_NODE_ID']}@kafka:9093"
    assert "PLAINTEXT://kafka:9092" in env["KAFKA_ADVERTISED_LISTENERS"].split(",")
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", env["CLUSTER_ID"])  # a base64 UUID, as Kafka wants
    assert env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] == 1


def test_every_process_has_the_settings_a_healthcheck_on_its_metrics_port_and_waits_for_servers(
        compose, processes, process_of):
    needs = {"services": {"postgres", "rabbitmq"}, "relay": {"postgres", "kafka"},
             "projection-workers": {"postgres", "kafka"},
             # every service answers the gateway's RPC
             "gateway": {"rabbitmq"} | {name for name, p in processes.items()
                                        if p.job == "services"}}
    for name, service in process_services(compose, process_of).items():
        port, job, _ = processes[name]
        assert set(service["environment"]) >= SETTINGS, name
        assert service["environment"]["PARTYORG_KAFKA_BOOTSTRAP"] == "kafka:9092"
        if name != "gateway":  # the gateway serves /metrics on its HTTP port
            assert service["environment"]["PARTYORG_METRICS_PORT"] == port, name
        assert f"127.0.0.1:{port}/" in " ".join(service["healthcheck"]["test"]), name
        assert service["restart"] == "unless-stopped", name
        assert service["image"] == "partyorg:0.1.0"
        assert service["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
        waits_for = {dep for dep, how in service["depends_on"].items()
                     if how["condition"] == "service_healthy"}
        assert waits_for >= needs[job], name


def test_every_dependency_exists_and_a_healthy_condition_has_a_healthcheck_to_wait_for(compose):
    services = compose["services"]
    conditions = {"service_started", "service_healthy", "service_completed_successfully"}
    for name, service in services.items():
        for dependency, how in service.get("depends_on", {}).items():
            assert dependency in services, f"{name} depends on unknown {dependency}"
            assert how["condition"] in conditions
            if how["condition"] == "service_healthy":
                assert services[dependency]["healthcheck"]["test"], dependency


def test_volumes_configs_and_host_ports_are_declared_once(compose):
    declared_volumes = set(compose["volumes"])
    host_ports = []
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (DEPLOY / source).exists(), f"{name} mounts missing {source}"
            else:
                assert source in declared_volumes, f"{name} uses undeclared volume {source}"
        for config in service.get("configs", []):
            assert config["source"] in compose["configs"]
        host_ports += [port.split(":")[0] for port in service.get("ports", [])]
    assert len(host_ports) == len(set(host_ports))
    assert "8000" in host_ports  # the gateway, from the host


def test_compose_prometheus_scrapes_every_process_under_the_jobs_the_rules_watch(
        compose, processes, process_of, yaml_lint):
    config = yaml_lint.load(compose["configs"]["prometheus-config"]["content"], EMBEDDED)
    targets = {target: job["job_name"] for job in config["scrape_configs"]
               for static in job["static_configs"] for target in static["targets"]}
    expected = {f"{name}:{p.port}": p.job for name, p in processes.items()}
    assert {t: j for t, j in targets.items() if t != "127.0.0.1:9090"} == expected
    assert set(process_services(compose, process_of)) == set(processes)  # each target a host
    prometheus = compose["services"]["prometheus"]
    assert "./prometheus/rules:/etc/prometheus/rules:ro" in prometheus["volumes"]
    assert config["rule_files"] == ["rules/*.rules.yml"]


def test_compose_prometheus_labels_each_process_as_the_one_machine_config_does(
        compose, processes, yaml_lint):
    # the `process` label tells one service's relay from another's in the rules and dashboard
    def labels_by_port(config) -> dict[int, dict]:
        return {int(target.rsplit(":", 1)[1]): static.get("labels", {})
                for job in config["scrape_configs"] for static in job["static_configs"]
                for target in static["targets"]}
    in_compose = labels_by_port(
        yaml_lint.load(compose["configs"]["prometheus-config"]["content"], EMBEDDED))
    one_machine = labels_by_port(
        yaml_lint.load((DEPLOY / "prometheus" / "prometheus.yml").read_text("utf-8"),
                       "prometheus.yml"))
    for name, p in processes.items():
        assert in_compose[p.port] == one_machine[p.port], name
        service = p.command[3:]  # the gateway runs no one service
        assert one_machine[p.port].get("process") == (service[0] if service else None), name


def test_the_image_installs_the_package_from_every_source_folder_and_runs_as_a_user():
    dockerfile = (DEPLOY / "Dockerfile").read_text("utf-8")
    lines = [line.strip() for line in dockerfile.splitlines() if line.strip()
             and not line.lstrip().startswith("#")]
    assert lines[0] == "FROM python:3.11-slim"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    folders = {pattern.rstrip("*") for pattern in
               pyproject["tool"]["setuptools"]["packages"]["find"]["include"]}
    copied = {line.split()[1] for line in lines if line.startswith("COPY ")}
    assert folders | {"pyproject.toml"} <= copied
    assert all((ROOT / source).exists() for source in copied)  # else the build stops there
    assert any(line.startswith("RUN pip install .") for line in lines)
    user = next(line for line in lines if line.startswith("USER "))
    assert user.split()[1].split(":")[0] not in ("root", "0")
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text("utf-8").splitlines()
    assert all(f"!{folder}/" in ignore for folder in folders)


def test_the_gateway_listens_beyond_localhost_and_keeps_its_signing_key_in_a_volume(compose):
    gateway = compose["services"]["gateway"]
    env = gateway["environment"]
    assert env["PARTYORG_GATEWAY_HOST"] == "0.0.0.0"
    assert gateway["ports"] == [f"{env['PARTYORG_GATEWAY_PORT']}:8000"]
    key_dir = env["PARTYORG_SIGNING_KEY"].rsplit("/", 1)[0]
    mounts = dict(volume.split(":")[::-1][:2] for volume in gateway["volumes"])
    assert mounts[key_dir] in compose["volumes"]
