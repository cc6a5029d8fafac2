"""The deployment manifests, written from the declared services (partyorg.services.SERVICES):
each service runs three processes (service, relay, projections), the gateway reaches them all.

    python -m partyorg.manifests              # rewrite them (`make manifests`)
    python -m partyorg.manifests --check      # exit 1 if a committed file differs
    python -m partyorg.manifests --processes  # `name port module [service]` lines, in start order
                                              # (ports moved by PARTYORG_METRICS_PORT_OFFSET)

What it writes: one Kubernetes Deployment per process under deploy/k8s/ (<service>-<kind>.yaml,
whole files), and the marked regions (`# BEGIN <region>` ... `# END <region>`) of
deploy/compose.yaml, deploy/prometheus/prometheus.yml and deploy/k8s/kustomization.yaml; the rest
of those files is written by hand. tests/deploy/test_manifests.py fails when the committed files
differ from what this writes, so a service added to SERVICES brings its manifests along.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kit.declaration import ServiceDeclaration, by_name
from partyorg import local_provinces
from partyorg.services import SERVICES, metrics_port, metrics_port_offset

ROOT = Path(__file__).resolve().parents[2]
GATEWAY_PORT = 8000


@dataclass(frozen=True)
class Kind:
    """What every service's process of one kind shares."""

    job: str  # the Prometheus job, which the alert rules and the dashboard select on
    component: str  # the `component` label, and app.kubernetes.io/component
    servers: tuple[str, ...]  # the servers it needs before it starts


KINDS = {
    "service": Kind("services", "service", ("postgres", "rabbitmq")),
    "relay": Kind("relay", "relay", ("postgres", "kafka")),
    "projections": Kind("projection-workers", "projection-worker", ("postgres", "kafka")),
}


@dataclass(frozen=True)
class Process:
    """One process of the topology: a service's service, relay or projections, or the gateway."""

    name: str  # <service>-<kind>, or gateway: compose service, Deployment, pid and log file
    kind: str  # service | relay | projections | gateway
    service: str  # the service it runs; "" for the gateway
    port: int  # where it serves /metrics (the gateway on its HTTP port)

    @property
    def module(self) -> str:
        return f"partyorg.processes.{self.kind}"

    @property
    def command(self) -> list[str]:
        return ["python", "-m", self.module, *([self.service] if self.service else [])]

    @property
    def job(self) -> str:
        return KINDS[self.kind].job if self.service else "gateway"

    @property
    def component(self) -> str:
        return KINDS[self.kind].component if self.service else "gateway"


def processes(services: Sequence[ServiceDeclaration] = SERVICES, offset: int = 0,
              gateway_port: int = GATEWAY_PORT) -> list[Process]:
    """Every process, in start order: a followed service's before its followers', the gateway
    last; `offset` moves the services' metrics ports (PARTYORG_METRICS_PORT_OFFSET). Refuses two
    processes on one metrics port (a tenth service would reach the relays')."""
    found = [Process(f"{d.name}-{kind}", kind, d.name,
                     metrics_port(kind, d.name, tuple(services), offset))
             for d in by_name(services).values() for kind in KINDS]
    found.append(Process("gateway", "gateway", "", gateway_port))
    ports: dict[int, str] = {}
    for p in found:
        if p.port in ports:
            raise ValueError(f"{p.name} and {ports[p.port]} would both serve port {p.port}")
        ports[p.port] = p.name
    return found


# A region: `# BEGIN name, ...` up to `# END name`, markers kept; its content is indented as the
# BEGIN line is.
_REGION = re.compile(r"^(?P<indent>[ ]*)# BEGIN (?P<name>[\w-]+)\b.*\n(?P<body>(?:.*\n)*?)"
                     r"(?P=indent)# END (?P=name)\n", re.MULTILINE)


def fill_regions(text: str, contents: dict[str, str], where: str) -> str:
    """text with each named region's body replaced by its content; every region must be there."""
    seen: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        name, indent = match["name"], match["indent"]
        if name not in contents:
            return match[0]
        seen.add(name)
        body = "".join(f"{indent}{line}\n" if line else "\n"
                       for line in contents[name].rstrip("\n").split("\n"))
        begin = match[0].split("\n", 1)[0]
        return f"{begin}\n{body}{indent}# END {name}\n"

    filled = _REGION.sub(replace, text)
    missing = sorted(set(contents) - seen)
    if missing:
        raise ValueError(f"{where} has no region {', '.join(missing)} (# BEGIN ... # END)")
    return filled


def render(root: Path = ROOT, services: Sequence[ServiceDeclaration] = SERVICES
           ) -> dict[Path, str | None]:
    """Each file the manifests consist of -> its content; None for a generated file that no
    declared service accounts for any longer (to be removed)."""
    from . import templates

    declared = by_name(services)
    listed = processes(services)
    own = [p for p in listed if p.service]
    deploy = root / "deploy"
    out: dict[Path, str | None] = {}
    for p in own:
        out[deploy / "k8s" / f"{p.name}.yaml"] = templates.k8s_deployment(p, declared[p.service])
    for path in (deploy / "k8s").glob("*.yaml"):
        if path not in out and templates.is_generated(path.read_text("utf-8")):
            out[path] = None
    regions: dict[Path, dict[str, Callable[[], str]]] = {
        deploy / "compose.yaml": {
            "processes": lambda: templates.compose_processes(listed, declared),
            "scrape-jobs": lambda: templates.scrape_jobs([("NB", listed)], lambda p: p.name),
        },
        deploy / "prometheus" / "prometheus.yml": {
            "scrape-jobs": lambda: templates.scrape_jobs(
                _local_provinces(services), lambda p: "127.0.0.1",
                federation=local_provinces.gateway_port(None, {})),
        },
        deploy / "k8s" / "kustomization.yaml": {
            "processes": lambda: "".join(f"- {p.name}.yaml\n" for p in own),
        },
    }
    for path, contents in regions.items():
        out[path] = fill_regions(path.read_text("utf-8"),
                                 {name: make() for name, make in contents.items()},
                                 str(path.relative_to(root)))
    return out


def _local_provinces(services: Sequence[ServiceDeclaration]
                     ) -> list[tuple[str, list[Process]]]:
    """The processes of each province `make up` runs on one machine, on that province's ports."""
    return [(p.code, processes(services, local_provinces.METRICS_STEP * p.place,
                               local_provinces.gateway_port(p, {})))
            for p in local_provinces.PROVINCES]


def _differing(rendered: dict[Path, str | None]) -> list[Path]:
    return [path for path, content in rendered.items()
            if (content is None and path.exists()) or (content is not None and (
                not path.exists() or path.read_text("utf-8") != content))]


def stale(root: Path = ROOT, services: Sequence[ServiceDeclaration] = SERVICES) -> list[Path]:
    """The files that differ from what render() gives (or should not be there)."""
    return _differing(render(root, services))


def write(root: Path = ROOT, services: Sequence[ServiceDeclaration] = SERVICES) -> list[Path]:
    """Rewrite what differs; returns the paths written or removed."""
    rendered = render(root, services)
    changed = _differing(rendered)
    for path in changed:
        content = rendered[path]
        if content is None:
            path.unlink()
        else:
            path.write_text(content, encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--processes"]:
        for p in processes(offset=metrics_port_offset()):
            print(p.name, p.port, p.module, *([p.service] if p.service else []))
        return 0
    if args == ["--check"]:
        differ = stale()
        for path in differ:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        if differ:
            print("regenerate with `make manifests` (python -m partyorg.manifests) and commit",
                  file=sys.stderr)
        return 1 if differ else 0
    if args:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    for path in write():
        print(f"{'wrote' if path.exists() else 'removed'} {path.relative_to(ROOT)}")
    return 0
