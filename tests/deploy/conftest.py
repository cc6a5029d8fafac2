"""What the deploy tests read: the files under deploy/, parsed once, and the two helpers beside
this file (a YAML reader that first lints for YAML 1.1/1.2 ambiguity, and a PromQL name finder).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import pytest

from partyorg.services import SERVICES, metrics_port

HERE = Path(__file__).resolve().parent
DEPLOY = HERE.parents[1] / "deploy"
RULES = DEPLOY / "prometheus" / "rules" / "partyorg.rules.yml"
RULE_TESTS = DEPLOY / "prometheus" / "rules" / "partyorg.rules.test.yml"
DASHBOARD = DEPLOY / "grafana" / "dashboards" / "partyorg.json"


class Process(NamedTuple):
    port: int  # its metrics endpoint (the gateway's: its HTTP port)
    job: str  # the Prometheus job that scrapes it (deploy/prometheus/prometheus.yml)
    command: tuple[str, ...]


# The processes of a province deployment, from the declared services: <service>-service,
# <service>-relay and <service>-projections for each, and the gateway.
JOBS = {"service": "services", "relay": "relay", "projections": "projection-workers"}
PROCESSES = {
    f"{d.name}-{kind}": Process(metrics_port(kind, d.name), job,
                                ("python", "-m", f"partyorg.processes.{kind}", d.name))
    for d in SERVICES for kind, job in JOBS.items()
} | {"gateway": Process(8000, "gateway", ("python", "-m", "partyorg.processes.gateway"))}


@pytest.fixture(scope="session")
def processes() -> dict[str, Process]:
    return PROCESSES


@pytest.fixture(scope="session")
def process_of() -> Callable[[list[str]], str | None]:
    """The process a manifest's command runs; None for a command that runs none of them."""
    by_command = {p.command: name for name, p in PROCESSES.items()}
    return lambda command: by_command.get(tuple(command))


def _helper(name: str) -> ModuleType:
    # --import-mode=importlib puts no test folder on sys.path: load the helper by its path
    qualified = f"partyorg_deploy_tests_{name}"
    if qualified not in sys.modules:
        spec = importlib.util.spec_from_file_location(qualified, HERE / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[qualified] = module
        spec.loader.exec_module(module)
    return sys.modules[qualified]


@pytest.fixture(scope="session")
def yaml_lint() -> ModuleType:
    return _helper("yaml_lint")


@pytest.fixture(scope="session")
def promql() -> ModuleType:
    return _helper("promql")


@pytest.fixture(scope="session")
def rules(yaml_lint) -> dict[str, Any]:
    return yaml_lint.load(RULES.read_text(encoding="utf-8"), RULES.name)


@pytest.fixture(scope="session")
def dashboard() -> dict[str, Any]:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def compose(yaml_lint) -> dict[str, Any]:
    return yaml_lint.load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"), "compose.yaml")


@pytest.fixture(scope="session")
def kustomization(yaml_lint) -> dict[str, Any]:
    path = DEPLOY / "k8s" / "kustomization.yaml"
    return yaml_lint.load(path.read_text(encoding="utf-8"), path.name)


@pytest.fixture(scope="session")
def k8s_objects(yaml_lint, kustomization) -> list[dict[str, Any]]:
    objects = []
    for resource in kustomization["resources"]:
        path = DEPLOY / "k8s" / resource
        objects += yaml_lint.load_all(path.read_text(encoding="utf-8"), path.name)
    return objects
