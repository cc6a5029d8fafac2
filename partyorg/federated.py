"""The federation composed with province deployments: each province an embedded platform with
its own data folder, key and gateway; the federation over their gateways, in-process (ASGI) or
over HTTP. Used by `partyorg demo` (a second province and the federation beside the first) and
by the federation's tests."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from federation.audit import CitizenIdAudit
from federation.gateway import Federation
from federation.provinces import ProvinceDeployment
from gateway.auth import CENTRAL, KeySet, issue_token
from gateway.trusted_issuers import TrustedIssuers
from partyorg.embedded import EmbeddedPlatform


@dataclass
class ServedProvince:
    """One province deployment in this process: its platform, key and gateway app."""

    code: str
    name: str
    platform: EmbeddedPlatform
    key: KeySet
    app: Any = None

    def __post_init__(self) -> None:
        if self.app is None:
            from gateway.server import create_app  # strawberry loads slowly: on demand

            self.app = create_app(self.platform.services, self.key)

    def token(self, org: str, *, user: str = "demo-user", roles: Sequence[str] =
              ("organisation_commission",), organ: str | None = None) -> str:
        return issue_token(self.key, user=user, roles=list(roles), org=org, province=self.code,
                           organ=organ)


def embedded_federation(provinces: Sequence[ServedProvince], *, audit: str | Path = ":memory:",
                        central: KeySet | None = None, **options: Any) -> Federation:
    """The federation over these provinces' gateways, in this process (no sockets); tokens
    verified with the provinces' own key sets (and the central commission's, if given)."""
    issuers: dict[str, Any] = {p.code: p.key for p in provinces}
    if central is not None:
        issuers[CENTRAL] = central
    return Federation([ProvinceDeployment(p.code, p.name, app=p.app) for p in provinces],
                      audit=CitizenIdAudit(audit), verifier=TrustedIssuers(issuers), **options)


def http_federation(urls: Sequence[tuple[str, str, str]], *, audit: str | Path = ":memory:",
                    issuers: Mapping[str, Any] | None = None, **options: Any) -> Federation:
    """The federation over province gateways at these (code, name, base URL); tokens verified
    with each province's published keys (its /.well-known/jwks.json), unless `issuers` gives
    the key sources (gateway.trusted_issuers)."""
    verifier = TrustedIssuers(dict(issuers) if issuers is not None
                              else {code: url for code, _, url in urls})
    return Federation([ProvinceDeployment(code, name, url=url) for code, name, url in urls],
                      audit=CitizenIdAudit(audit), verifier=verifier, **options)


async def serve_all(apps: Sequence[tuple[Any, str, int]]) -> None:
    """Serve several ASGI apps, each on its own port, in this process until interrupted."""
    import logging
    import os

    import uvicorn

    from kit import logs

    if not logging.getLogger().handlers:  # as gateway.server.serve does
        logs.configure(os.environ.get("PARTYORG_LOG_LEVEL", "INFO"))
    servers = [uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_config=None,
                                             lifespan="on"))
               for app, host, port in apps]
    await asyncio.gather(*(s.serve() for s in servers))
