"""The `partyorg` command: seed the demo province, serve it, and issue local tokens.

    partyorg demo   [--data var/demo] [--host 127.0.0.1] [--port 8000]   seed once, then serve
    partyorg serve  [--data var/demo] [--host ...] [--port ...]           serve existing data
    partyorg seed   [--data var/demo] [--scale 1.0] [--seed 2025]         seed only
    partyorg seed   --distributed [--scale 1.0]          into `make up`'s province, over RPC
    partyorg seed   --distributed --transfers            letters between `make up`'s provinces
    partyorg token  --org <id|root> --role organisation_commission [--user ...] [--hours 12]
                    [--data <folder> | --distributed]                    (see tokens.py)
    partyorg keys   list | rotate [--grace-hours 24] | retire --kid … | jwks   (see keys_cli.py)
    partyorg central-token [--key var/keys/central.key]     the central commission's token
    partyorg peers  public-key | write …   transfers between provinces (see peers_cli.py)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from demo import SeedError
from gateway.auth import ROLES, issue_token, load_or_create_key
from partyorg import keys_cli, peers_cli, tokens
from partyorg.demo_banner import banner, demo_access, token_command
from partyorg.demo_data import (
    DEFAULT_DATA,
    DEFAULT_KEY,
    PROVINCE,
    err,
    open_data,
    read_marker,
    seed,
)
from partyorg.embedded import EmbeddedPlatform
from services.membership.api import Organ

# one per core beside the server's own (the server's HTTP and the query processes' execution
# share them), none on one core; at most 4: each holds its own interpreter, schema and caches
DEFAULT_QUERY_PROCESSES = min(os.cpu_count() or 1, 4) if (os.cpu_count() or 1) > 1 else 0


def cmd_seed(args: argparse.Namespace) -> int:
    try:
        if getattr(args, "distributed", False) and getattr(args, "transfers", False):
            from partyorg.seed_transfers_up import seed_transfers_from_environment

            seed_transfers_from_environment(err)
        elif getattr(args, "distributed", False):
            from partyorg.seed_distributed import seed_up

            seed_up(args.seed, args.scale, err)
        else:
            seed(Path(args.data), seed_value=args.seed, scale=args.scale)
    except SeedError as exc:
        err(f"seeding failed: {exc}")
        return 1
    return 0


ORGANS = tuple(o.value for o in Organ)


def cmd_token(args: argparse.Namespace) -> int:
    try:
        target = tokens.find_target(args.org, data=args.data, key=args.key,
                                    distributed=args.distributed)
    except tokens.TokenRefused as exc:
        err(f"no token: {exc}")
        return 1
    key = load_or_create_key(target.key)
    org = target.organisation
    err(f"token for {org.name} ({org.type}, {org.status}; {target.where}), {args.role}, "
        f"{args.organ or 'no deciding body'}, {args.hours:g} h")
    print(issue_token(key, user=args.user, roles=[args.role], org=org.id,
                      province=target.province, ttl_hours=args.hours, organ=args.organ))
    return 0


def cmd_serve(args: argparse.Namespace, started: float | None = None) -> int:
    from gateway.server import create_app, serve  # strawberry loads slowly: on demand
    from partyorg.federated_demo import demo_peers

    platform = open_data(Path(args.data), demo_peers(args, PROVINCE))
    key = load_or_create_key(args.key)
    tokens.remember_served(Path(args.data), Path(args.key), args.host, args.port)
    print(banner(demo_access(platform.membership, key), args.host, args.port,
                 token_command(Path(args.data), Path(args.key))), flush=True)
    if started is not None:
        print(f"data ready in {time.perf_counter() - started:.1f} s; starting the server",
              flush=True)
    try:
        from partyorg.federated_demo import trusted_central

        app = create_app(platform.services, key, answer_cache=not args.no_answer_cache,
                         trusted=trusted_central(args), query_side=query_side(args, platform))
        if getattr(args, "federation", False):  # a second province and the federation beside
            from partyorg.federated_demo import serve_demo

            serve_demo(platform, app, args)
        else:
            serve(app, args.host, args.port)
    finally:
        platform.close()
    return 0


def query_side(args: argparse.Namespace, platform: EmbeddedPlatform) -> Any:
    """Where the server's queries are executed besides its own process (gateway/
    query_processes.py): `--query-processes` processes over the same read models."""
    from partyorg.query_side import query_side

    return query_side(platform, args.data, getattr(args, "query_processes", 0))


def port_taken(host: str, port: int) -> bool:
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def cmd_demo(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    ports = range(args.port, args.port + (3 if args.federation else 1))  # NB, HUE, federation
    if any(port_taken(args.host, port) for port in ports):  # say so before the seeding
        print(f"{args.host}:{ports[0]}–{ports[-1]}: a port is already in use (another demo, or "
              f"`make up`'s gateway: `make down`); choose another port: PORT=8010 make demo",
              file=sys.stderr)
        return 2
    marker = read_marker(Path(args.data))
    if marker is None or marker["state"] != "done":
        from partyorg.live_seed import serve_while_seeding  # it builds on this module

        return serve_while_seeding(args, started)
    status = cmd_seed(args)  # says it reuses the data
    if status:
        return status
    return cmd_serve(args, started)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="partyorg", description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True)

    def data_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", default=DEFAULT_DATA, help="data folder (default %(default)s)")

    def serve_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        p.add_argument("--key", default=DEFAULT_KEY, help="signing key (created if missing)")
        p.add_argument("--no-answer-cache", action="store_true",
                       help="execute every query, even one asked again before anything changed")
        p.add_argument("--query-processes", type=int, default=DEFAULT_QUERY_PROCESSES,
                       metavar="N", help="execute queries in N processes beside the server's "
                       "own, so that more cores answer (default %(default)s on this machine; "
                       "0: all in the server's process)")

    def seed_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--scale", type=float, default=1.0,
                       help="1.0 ≈ 7,700 members in 380 branches; below 1 shrinks it")
        p.add_argument("--seed", type=int, default=2025, help="random seed (same seed, same data)")

    demo = sub.add_parser("demo", help="seed the demo province once, then serve it")
    for add in (data_options, serve_options, seed_options):
        add(demo)
    demo.add_argument("--no-federation", dest="federation", action="store_false",
                      help="serve the one province only (by default a second province on "
                      "PORT+1 and the federation over both on PORT+2)")
    demo.set_defaults(run=cmd_demo)
    serve_cmd = sub.add_parser("serve", help="serve existing data over GraphQL")
    data_options(serve_cmd)
    serve_options(serve_cmd)
    serve_cmd.set_defaults(run=cmd_serve)
    seed_cmd = sub.add_parser("seed", help="seed the demo province only")
    data_options(seed_cmd)
    seed_options(seed_cmd)
    seed_cmd.add_argument("--distributed", action="store_true",
                          help="into `make up`'s province, through its services over RPC "
                          "(PARTYORG_AMQP_URI; --data is not used)")
    seed_cmd.add_argument("--transfers", action="store_true",
                          help="with --distributed: the demo's transfers between `make up`'s "
                          "two provinces, over the link between them")
    seed_cmd.set_defaults(run=cmd_seed)
    token = sub.add_parser("token", help="print a token for an existing organisation")
    where = token.add_mutually_exclusive_group()
    where.add_argument("--data", help="the demo's data folder (default: the one the last "
                       f"`partyorg serve` here served, else {DEFAULT_DATA})")
    where.add_argument("--distributed", action="store_true",
                       help="ask `make up`'s membership service over RPC (the default when "
                       "PARTYORG_AMQP_URI is set and no --data is given)")
    token.add_argument("--org", required=True, help="organisation id, or 'root'")
    token.add_argument("--role", required=True, choices=ROLES)
    token.add_argument("--user", default="demo-user")
    token.add_argument("--hours", type=float, default=12)
    token.add_argument("--organ", choices=ORGANS, help="the deciding body the token acts for "
                       "with --org (its decisions need one)")
    token.add_argument("--key", help="signing key (default: the served demo's, or "
                       f"PARTYORG_SIGNING_KEY when distributed, else {DEFAULT_KEY})")
    token.set_defaults(run=cmd_token)
    keys_cli.register(sub)
    peers_cli.register(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
