"""Serve the federation over province gateways that run elsewhere.

    python -m federation --port 8100 "NB=Ninh Bình=http://10.0.0.1:8000" \\
        "HUE=Huế=http://10.0.0.2:8000" [--timeout 3] [--audit var/federation/audit.db]
"""

from __future__ import annotations

import argparse
import os

from .audit import CitizenIdAudit
from .gateway import Federation
from .provinces import DEFAULT_TIMEOUT, ProvinceDeployment


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m federation", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("provinces", nargs="+", help="CODE=name=base URL of its gateway")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="seconds a province may take (default %(default)s)")
    parser.add_argument("--audit", default="var/federation/citizen-id-searches.db")
    args = parser.parse_args(argv)
    deployments = []
    for spec in args.provinces:
        code, name, url = (spec.split("=", 2) + ["", ""])[:3]
        if not url:
            parser.error(f"{spec!r}: write CODE=name=URL")
        deployments.append(ProvinceDeployment(code, name, url=url))
    import uvicorn

    from .server import create_app

    app = create_app(Federation(deployments, timeout=args.timeout,
                                audit=CitizenIdAudit(args.audit)))
    uvicorn.run(app, host=args.host, port=args.port,
                log_level=os.environ.get("PARTYORG_LOG_LEVEL", "info").lower())


if __name__ == "__main__":
    main()
