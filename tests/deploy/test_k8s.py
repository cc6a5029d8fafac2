"""deploy/k8s: plain manifests (kustomize) for each declared service's processes and the gateway, with the stateful servers
referenced as external services. No cluster here: these check what a cluster would act on, and
`kubectl kustomize` builds the whole set where kubectl is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from partyorg.services import SERVICES

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
SCRAPE_JOBS = {"gateway", "services", "relay", "projection-workers"}


def of_kind(objects, kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


def container_of(deployment) -> dict:
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return container


def test_every_listed_resource_exists_and_every_manifest_is_listed(kustomization):
    listed = set(kustomization["resources"])
    assert all((K8S / name).is_file() for name in listed)
    manifests = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert manifests == listed


def test_a_deployment_named_after_each_process_runs_it(k8s_objects, processes, process_of):
    deployments = of_kind(k8s_objects, "Deployment")
    assert set(deployments) == set(processes)
    for name, deployment in deployments.items():
        assert process_of(container_of(deployment)["command"]) == name
        assert container_of(deployment)["name"] == name


def test_each_process_is_probed_annotated_for_scraping_and_sized_for_a_small_cluster(
        k8s_objects, processes):
    for name, deployment in of_kind(k8s_objects, "Deployment").items():
        template = deployment["spec"]["template"]
        container = container_of(deployment)
        port, job, _ = processes[name]
        (declared,) = container["ports"]
        assert declared["containerPort"] == port, name
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            assert container[probe]["httpGet"]["port"] == declared["name"], (name, probe)
        assert container["livenessProbe"]["httpGet"]["path"] == "/metrics"
        notes = template["metadata"]["annotations"]
        assert notes["prometheus.io/scrape"] == "true"
        assert notes["prometheus.io/port"] == str(port)
        assert notes["prometheus.io/job"] == job and job in SCRAPE_JOBS
        requests = container["resources"]["requests"]
        assert int(requests["cpu"].removesuffix("m")) <= 250, name
        assert int(requests["memory"].removesuffix("Mi")) <= 256, name
        assert "memory" in container["resources"]["limits"], name
        assert {"configMapRef": {"name": "partyorg-config"}} in container["envFrom"]
        assert {"secretRef": {"name": "partyorg-secrets"}} in container["envFrom"]
        if name != "gateway":
            env = {e["name"]: e["value"] for e in container["env"]}
            assert env["PARTYORG_METRICS_PORT"] == str(port), name
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert selector.items() <= template["metadata"]["labels"].items(), name


def test_every_process_runs_as_the_images_unprivileged_user(k8s_objects):
    for name, deployment in of_kind(k8s_objects, "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] == 10001, name
        container = container_of(deployment)["securityContext"]
        assert container["allowPrivilegeEscalation"] is False, name
        assert container["readOnlyRootFilesystem"] is True, name


def test_each_service_runs_exactly_one_relay_even_during_a_rollout_and_one_projection_worker(
        k8s_objects, processes):
    deployments = of_kind(k8s_objects, "Deployment")
    relays = [name for name, p in processes.items() if p.job == "relay"]
    workers = [name for name, p in processes.items() if p.job == "projection-workers"]
    assert len(relays) == len(workers) == len(SERVICES)
    for name in relays:
        assert deployments[name]["spec"]["replicas"] == 1, name
        assert deployments[name]["spec"]["strategy"]["type"] == "Recreate", name
    for name in workers:
        assert deployments[name]["spec"]["replicas"] == 1, name


def test_back_end_pods_carry_the_process_label_the_scrape_config_keeps(
        k8s_objects, processes, yaml_lint):
    # as on one machine (deploy/prometheus/prometheus.yml): process = the service's name
    scrape = yaml_lint.load((K8S / "prometheus-scrape.yml").read_text("utf-8"),
                            "prometheus-scrape.yml")
    (pods,) = scrape["scrape_configs"]
    kept = {rule["target_label"]: rule["source_labels"] for rule in pods["relabel_configs"]
            if "target_label" in rule}
    assert kept["process"] == ["__meta_kubernetes_pod_label_partyorg_io_process"]
    for name, deployment in of_kind(k8s_objects, "Deployment").items():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        service = processes[name].command[3:]  # the gateway runs no one service
        if service:
            assert labels["partyorg.io/process"] == service[0], name
        else:
            assert "partyorg.io/process" not in labels


def test_settings_name_every_variable_the_processes_need_and_the_servers_they_point_at_exist(
        k8s_objects):
    config = of_kind(k8s_objects, "ConfigMap")["partyorg-config"]["data"]
    secret = of_kind(k8s_objects, "Secret")["partyorg-secrets"]["stringData"]
    assert {"PARTYORG_PROVINCE", "PARTYORG_KAFKA_BOOTSTRAP"} <= set(config)
    assert {"PARTYORG_PG_DSN", "PARTYORG_AMQP_URI"} <= set(secret)
    services = of_kind(k8s_objects, "Service")
    for server in ("postgres", "rabbitmq", "kafka"):
        assert services[server]["spec"]["type"] == "ExternalName"
    assert config["PARTYORG_KAFKA_BOOTSTRAP"].split(":")[0] in services
    assert "@postgres:5432/" in secret["PARTYORG_PG_DSN"]
    assert "@rabbitmq:5672/" in secret["PARTYORG_AMQP_URI"]


def test_the_gateway_and_metrics_services_select_pods_with_the_ports_they_target(k8s_objects):
    services = of_kind(k8s_objects, "Service")
    deployments = of_kind(k8s_objects, "Deployment").values()
    for name in ("gateway", "partyorg-metrics"):
        spec = services[name]["spec"]
        chosen = [d for d in deployments
                  if spec["selector"].items() <= d["spec"]["template"]["metadata"]["labels"].items()]
        assert chosen, f"{name} selects no pods"
        for deployment in chosen:
            ports = {p["name"] for p in container_of(deployment)["ports"]}
            assert {p["targetPort"] for p in spec["ports"]} <= ports, (name, deployment)
    assert services["partyorg-metrics"]["spec"]["clusterIP"] == "None"


def test_kustomize_builds_the_set_into_one_namespace(yaml_lint, k8s_objects):
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed: the manifests were checked without kustomize")
    done = subprocess.run([kubectl, "kustomize", str(K8S)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    built = yaml_lint.load_all(done.stdout, "kubectl kustomize")
    assert sorted((o["kind"], o["metadata"]["name"]) for o in built) == sorted(
        (o["kind"], o["metadata"]["name"]) for o in k8s_objects)
    for obj in built:
        if obj["kind"] != "Namespace":
            assert obj["metadata"]["namespace"] == "partyorg"
        assert obj["metadata"]["labels"]["app.kubernetes.io/part-of"] == "partyorg"
    for deployment in of_kind(built, "Deployment").values():
        assert container_of(deployment)["image"] == "partyorg:0.1.0"


def test_the_gateway_listens_beyond_localhost_with_the_provinces_shared_signing_key(k8s_objects):
    gateway = of_kind(k8s_objects, "Deployment")["gateway"]
    pod = gateway["spec"]["template"]["spec"]
    env = {e["name"]: e["value"] for e in container_of(gateway)["env"]}
    assert env["PARTYORG_GATEWAY_HOST"] == "0.0.0.0"
    assert env["PARTYORG_GATEWAY_PORT"] == "8000"
    key_dir, key_name = env["PARTYORG_SIGNING_KEY"].rsplit("/", 1)
    volumes = {v["name"]: v for v in pod["volumes"]}
    mounted = {m["mountPath"]: m["name"] for m in container_of(gateway)["volumeMounts"]}
    assert "emptyDir" in volumes[mounted[key_dir]]
    (init,) = pod["initContainers"]
    init_mounts = {m["name"]: m["mountPath"] for m in init["volumeMounts"]}
    assert init_mounts[mounted[key_dir]] == key_dir
    secret_volume = next(v for v in volumes.values() if "secret" in v)
    assert secret_volume["secret"]["secretName"] == "partyorg-signing-key"
    source = f"{init_mounts[secret_volume['name']]}/{key_name}"
    assert init["command"] == ["install", "-m", "600", source, f"{key_dir}/"]
