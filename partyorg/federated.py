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
    """One province deployment in this process: its platform, key and gateway app; `central`:
    the central commission's public keys it trusts for statistics (gateway.central_tokens)."""

    code: str
    name: str
    platform: EmbeddedPlatform
    key: KeySet
    app: Any = None
    central: Any = None

    def __post_init__(self) -> None:
        if self.app is None:
            from gateway.server import create_app  # strawberry loads slowly: on demand

            self.app = create_app(self.platform.services, self.key, trusted=self.central)

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


def main(argv: list[str] | None = None) -> None:
    """Serve the federation over province gateways that run elsewhere, verifying tokens with
    each one's published keys (its /.well-known/jwks.json):

        python -m partyorg.federated --port 8100 "NB=Ninh Bình=http://10.0.0.1:8000" \\
            "HUE=Huế=http://10.0.0.2:8000" [--timeout 3] [--audit var/federation/audit.db]
    """
    import argparse
    import os

    import uvicorn

    from federation.provinces import DEFAULT_TIMEOUT
    from federation.server import create_app

    parser = argparse.ArgumentParser(prog="python -m partyorg.federated",
                                     description=main.__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("provinces", nargs="+", help="CODE=name=base URL of its gateway")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="seconds a province may take (default %(default)s)")
    parser.add_argument("--audit", default="var/federation/citizen-id-searches.db")
    args = parser.parse_args(argv)
    urls = []
    for spec in args.provinces:
        code, name, url = (spec.split("=", 2) + ["", ""])[:3]
        if not url:
            parser.error(f"{spec!r}: write CODE=name=URL")
        urls.append((code, name, url))
    federation = http_federation(urls, audit=args.audit, timeout=args.timeout)
    federation.verifier.fetch_keys()  # type: ignore[union-attr]  # a first token waits for none
    uvicorn.run(create_app(federation), host=args.host, port=args.port,
                log_level=os.environ.get("PARTYORG_LOG_LEVEL", "info").lower())


if __name__ == "__main__":
    main()
