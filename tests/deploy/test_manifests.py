"""The manifests are written from the declared services (partyorg.manifests): the committed ones
are what the generator writes, so a service added to SERVICES without `make manifests` fails here,
and a service added and regenerated appears in every manifest."""

from __future__ import annotations

import dataclasses
import difflib
import shutil
from pathlib import Path

import pytest

from partyorg import manifests
from partyorg.services import SERVICES
from services.membership.declaration import DECLARATION as MEMBERSHIP

ROOT = Path(__file__).resolve().parents[2]
EXTRA = dataclasses.replace(MEMBERSHIP, name="extra")  # one more service, for shape
WITH_EXTRA = (*SERVICES, EXTRA)
PLACE = len(SERVICES)  # its place in the list: its ports follow the others'



@pytest.fixture
def checkout(tmp_path) -> Path:
    """A copy of deploy/ to write into."""
    shutil.copytree(ROOT / "deploy", tmp_path / "deploy")
    return tmp_path


def test_the_committed_manifests_are_what_the_generator_writes():
    rendered = manifests.render()
    for path in manifests.stale():
        committed = path.read_text("utf-8") if path.exists() else ""
        diff = "".join(difflib.unified_diff(committed.splitlines(True),
                                            (rendered[path] or "").splitlines(True),
                                            "committed", "generated", n=1))
        pytest.fail(f"{path.relative_to(ROOT)} is out of date: run `make manifests` "
                    f"(python -m partyorg.manifests) and commit.\n{diff[:3000]}")


def test_a_declared_service_without_regenerated_manifests_is_caught(checkout):
    stale = {p.relative_to(checkout).as_posix() for p in manifests.stale(checkout, WITH_EXTRA)}
    assert {"deploy/compose.yaml", "deploy/prometheus/prometheus.yml",
            "deploy/k8s/kustomization.yaml", "deploy/k8s/extra-service.yaml",
            "deploy/k8s/extra-relay.yaml", "deploy/k8s/extra-projections.yaml"} <= stale


def test_a_new_service_gets_its_three_processes_in_every_manifest(checkout, yaml_lint):
    manifests.write(checkout, WITH_EXTRA)
    assert manifests.stale(checkout, WITH_EXTRA) == []
    deploy = checkout / "deploy"

    def load(path: Path):
        return yaml_lint.load(path.read_text("utf-8"), path.name)

    compose = load(deploy / "compose.yaml")["services"]
    assert compose["extra-relay"]["command"] == [
        "python", "-m", "partyorg.processes.relay", "extra"]
    assert compose["extra-service"]["environment"]["PARTYORG_METRICS_PORT"] == 8101 + PLACE
    assert "extra-service" in compose["gateway"]["depends_on"]
    assert {"postgres", "prometheus", "grafana"} <= set(compose)  # hand-written parts kept
    scraped = {(t, job["job_name"], static.get("labels", {}).get("process"))
               for job in load(deploy / "prometheus" / "prometheus.yml")["scrape_configs"]
               for static in job["static_configs"] for t in static["targets"]}
    assert {(f"127.0.0.1:{8101 + PLACE}", "services", "extra"),
            (f"127.0.0.1:{8110 + PLACE}", "relay", "extra"),
            (f"127.0.0.1:{8120 + PLACE}", "projection-workers", "extra")} <= scraped
    resources = load(deploy / "k8s" / "kustomization.yaml")["resources"]
    for kind in ("service", "relay", "projections"):
        assert f"extra-{kind}.yaml" in resources
        (deployment,) = yaml_lint.load_all(
            (deploy / "k8s" / f"extra-{kind}.yaml").read_text("utf-8"), kind)
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert labels["partyorg.io/process"] == "extra"


def test_a_service_no_longer_declared_leaves_no_manifest_behind(checkout):
    before = {p: p.read_bytes() for p in (checkout / "deploy").rglob("*") if p.is_file()}
    manifests.write(checkout, WITH_EXTRA)
    removed = manifests.write(checkout, SERVICES)
    assert checkout / "deploy" / "k8s" / "extra-relay.yaml" in removed
    after = {p: p.read_bytes() for p in (checkout / "deploy").rglob("*") if p.is_file()}
    assert after == before


def test_a_file_that_lost_its_region_markers_is_refused(checkout):
    compose = checkout / "deploy" / "compose.yaml"
    compose.write_text(compose.read_text("utf-8").replace("# END processes", "# end"), "utf-8")
    with pytest.raises(ValueError, match="deploy/compose.yaml has no region processes"):
        manifests.render(checkout)


def test_two_processes_on_one_metrics_port_are_refused():
    nine_more = tuple(dataclasses.replace(MEMBERSHIP, name=f"service{i}") for i in range(9))
    with pytest.raises(ValueError, match="would both serve port 8110"):
        manifests.processes((*SERVICES, *nine_more))


def test_the_process_list_for_platform_sh_names_port_module_and_service(capsys):
    assert manifests.main(["--processes"]) == 0
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == ["membership-service", "8101", "partyorg.processes.service", "membership"]
    assert lines[-1] == ["gateway", "8000", "partyorg.processes.gateway"]
    assert [line[0] for line in lines] == [p.name for p in manifests.processes()]


def test_a_followed_service_starts_before_its_followers_and_the_gateway_last():
    reversed_services = tuple(reversed(SERVICES))  # meetings follows membership
    names = [p.name for p in manifests.processes(reversed_services)]
    assert names.index("membership-projections") < names.index("meetings-service")
    assert names[-1] == "gateway"
