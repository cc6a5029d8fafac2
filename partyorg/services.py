"""The services of a province deployment: one line each. Every composition point (the embedded
platform, the processes, the gateway, the CLI, contract generation, the manifests) iterates over
this list; adding a service is its folder plus one line here."""

from __future__ import annotations

import os
from collections.abc import Mapping

from kit.declaration import ServiceDeclaration, by_name
from services.evaluations.declaration import DECLARATION as EVALUATIONS
from services.meetings.declaration import DECLARATION as MEETINGS
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.personnel.declaration import DECLARATION as PERSONNEL

SERVICES: tuple[ServiceDeclaration, ...] = (
    MEMBERSHIP,
    MEETINGS,
    EVALUATIONS,
    PERSONNEL,
)


def service(name: str, services: tuple[ServiceDeclaration, ...] = SERVICES) -> ServiceDeclaration:
    """The declared service of that name; a clear error naming the ones there are otherwise."""
    named = by_name(services)
    if name not in named:
        raise SystemExit(f"no service {name!r}: the services are {', '.join(named)}")
    return named[name]


# the first metrics port of each kind of process; a service adds its place in the list
METRICS_PORTS = {"service": 8101, "relay": 8110, "projections": 8120}


def metrics_port(kind: str, name: str, services: tuple[ServiceDeclaration, ...] = SERVICES,
                 offset: int = 0) -> int:
    """The default metrics port of a service's process of that kind (PARTYORG_METRICS_PORT
    overrides it): membership's service 8101, meetings' 8102, and so on; `offset` moves them all
    (a second province on the same machine, partyorg/local_provinces.py)."""
    return (METRICS_PORTS[kind] + offset
            + [d.name for d in services].index(service(name, services).name))


def metrics_port_offset(env: Mapping[str, str] | None = None) -> int:
    """PARTYORG_METRICS_PORT_OFFSET (0): added to every default metrics port of this
    deployment's processes."""
    raw = (os.environ if env is None else env).get("PARTYORG_METRICS_PORT_OFFSET", "0").strip()
    try:
        offset = int(raw or "0")
    except ValueError:
        raise SystemExit(f"PARTYORG_METRICS_PORT_OFFSET={raw!r} is not a whole number") from None
    if not 0 <= offset < 50_000:
        raise SystemExit(f"PARTYORG_METRICS_PORT_OFFSET={offset} would put metrics ports outside "
                         "1024-65535")
    return offset


def service_argument(prog: str, argv: list[str] | None = None) -> ServiceDeclaration:
    """The service a process entry point runs, from its one argument."""
    import argparse

    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("service", choices=[d.name for d in SERVICES])
    return service(parser.parse_args(argv).service)
