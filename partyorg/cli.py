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
import json
import os
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from demo import DEMO_TODAY, MEETINGS_FROM, SeedError, seed_demo
from gateway.auth import ROLES, KeySet, issue_token, load_or_create_key
from kit.clock import FixedClock
from partyorg import keys_cli, peers_cli, tokens
from partyorg.embedded import EmbeddedPlatform, EmbeddedService, build_platform
from services.membership.api import Organ

DEFAULT_DATA = "var/demo"
DEFAULT_KEY = "var/keys/signing.key"
# one per core beside the server's own (the server's HTTP and the query processes' execution
# share them), none on one core; at most 4: each holds its own interpreter, schema and caches
DEFAULT_QUERY_PROCESSES = min(os.cpu_count() or 1, 4) if (os.cpu_count() or 1) > 1 else 0
MARKER = "demo-seed.json"  # which seeding the folder holds, and whether it finished
PROVINCE = "NB"


def err(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# -- seeding -------------------------------------------------------------------------------------


def read_marker(data: Path) -> dict | None:
    marker = data / MARKER
    return json.loads(marker.read_text(encoding="utf-8")) if marker.exists() else None


def write_marker(data: Path, marker: dict) -> None:
    data.mkdir(parents=True, exist_ok=True)
    (data / MARKER).write_text(json.dumps(marker, ensure_ascii=False, indent=2), encoding="utf-8")


def seed(data: Path, *, seed_value: int = 2025, scale: float = 1.0,
         platform: EmbeddedPlatform | None = None) -> dict:
    """Seed the demo into `data` unless that already finished there; return the marker.

    Commands carry ids derived from the seed, so an interrupted seeding resumes where it stopped:
    what was stored comes back as duplicates. The marker says which seeding a folder holds.
    `platform`: one already open on `data` (serving meanwhile, its clock at the demo's today);
    by default a bulk-loading one of its own, closed at the end.
    """
    marker = read_marker(data)
    if marker is not None and marker["state"] == "done":
        err(f"{data}: already seeded ({marker['commands']} commands, seed {marker['seed']}, "
            f"scale {marker['scale']}); reusing it")
        if not marker.get("meetings"):
            err(f"{data} was seeded before the demo had meetings: remove it to seed them too")
        return marker
    if marker is not None and (marker["seed"], marker["scale"]) != (seed_value, scale):
        raise SeedError(f"{data} holds an unfinished seeding with seed {marker['seed']} and scale "
                        f"{marker['scale']}: resume it with those, or remove the folder")
    own = platform is None
    if platform is None:
        clock = FixedClock()
        clock.set_today(DEMO_TODAY)  # the demo's history ends on this day, whatever the date now
        platform = build_platform(data, PROVINCE, clock=clock, catch_up_after_commands=False)
    membership = platform.membership
    try:
        if membership.store.head_position():
            if marker is None:
                raise SeedError(f"{data} holds data that this seeder did not write: "
                                "serve it with `partyorg serve`, or seed into another folder")
            err(f"{data}: a seeding was interrupted; resuming it")
        write_marker(data, {"state": "seeding", "seed": seed_value, "scale": scale})
        err(f"seeding the demo province into {data} (Yên Mô, Ninh Bình; today = "
            f"{DEMO_TODAY:%d/%m/%Y})")
        report = seed_demo(membership, seed=seed_value, scale=scale, progress=err,
                           meetings=platform.meetings,
                           evaluations=platform.services.get("evaluations"),
                           personnel=platform.services.get("personnel"))
    finally:
        if own:
            platform.close()
    marker = {"state": "done", "seed": report.seed, "scale": report.scale,
              "today": report.today.isoformat(), "commands": report.commands,
              "duplicates": report.duplicates, "events": report.events,
              "seconds": round(report.seconds, 1), "root_id": report.root_id,
              "district_id": report.district_id,
              "seeded_at": datetime.now(UTC).isoformat(timespec="seconds"),
              "by_command": dict(report.by_command),
              "meetings": report.meetings.to_dict() if report.meetings else None,
              "evaluations": report.evaluations.to_dict() if report.evaluations else None,
              "personnel": report.personnel.to_dict() if report.personnel else None}
    write_marker(data, marker)
    held = (f"; {report.meetings.held} meetings held ({report.meetings.commands} commands, "
            f"{report.meetings.events} events)" if report.meetings else "")
    err(f"seeded: {report.commands} commands, {report.events} events{held} in "
        f"{report.seconds:.1f} s")
    return marker


# -- looking things up ---------------------------------------------------------------------------


def open_data(data: Path, peers: Any = None) -> EmbeddedPlatform:
    """Both services on the folder's data (a folder seeded before meetings existed gets an
    empty meetings log; its roster view is built from membership's log). `peers`: the other
    provinces it transfers members to (kit.peers), for the demo's federation."""
    if not (data / "membership-events.db").exists():
        raise SystemExit(f"no data in {data}: run `partyorg demo` or `partyorg seed` first")
    return build_platform(data, PROVINCE, peers=peers)


def root_id(membership: EmbeddedService) -> str:
    roots = [o for o in membership.queries.roots() if o.status == "active"]
    if not roots:
        raise SystemExit("the data has no active root organisation")
    return roots[0].id


def sample_branch(membership: EmbeddedService, root: str) -> tuple[str, str]:
    """A village branch to show a branch-scoped token with: thôn Kênh of Yên Thành, if present."""
    tree = membership.queries.organisation_tree(root)
    nodes, best = [tree], None
    while nodes:
        node = nodes.pop()
        nodes.extend(node.children)
        o = node.organisation
        if o.type != "sub_branch":
            continue
        if o.name == "Chi bộ thôn Kênh":
            return o.id, o.name
        size = sum(node.own_counts.get(s, 0) for s in ("official", "probationary"))
        if best is None or size > best[0]:
            best = (size, o.id, o.name)
    if best is None:
        return root, "(no branch)"
    return best[1], best[2]


# -- commands ------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class DemoAccess:
    """Ready-made tokens: the province's organisation commission, and one branch's."""

    root_id: str
    branch_id: str
    branch_name: str
    province_token: str
    branch_token: str


def demo_access(membership: EmbeddedService, key: KeySet) -> DemoAccess:
    root = root_id(membership)
    branch_id, branch_name = sample_branch(membership, root)
    return DemoAccess(
        root, branch_id, branch_name,
        issue_token(key, user="demo-ban-to-chuc-tinh-uy", roles=["organisation_commission"],
                    org=root, province=PROVINCE, organ="organisation_board"),
        issue_token(key, user="demo-bi-thu-chi-bo", roles=["organisation_commission"],
                    org=branch_id, province=PROVINCE, organ="assembly"))


def meetings_query(organisation_id: str) -> str:
    """A JSON request body: a branch's attendance over the year and its latest meetings."""
    query = (f'{{ meetingStatistics(organisationId: "{organisation_id}", from: '
             f'"{MEETINGS_FROM}", to: "{DEMO_TODAY}") {{ attendance {{ rate meetings }} }} '
             f'meetings(organisationId: "{organisation_id}", first: 3) {{ edges {{ node {{ '
             'scheduledStart kind status present summoned } } } }')
    return json.dumps({"query": query}, ensure_ascii=False)


def personnel_query(committee_id: str) -> str:
    """The committee's personnel work queue (a term's expiry notice) and its plans'
    structure: what the province's token sees of the seeded cadre work."""
    return (f'{{ personnelWorkQueue(committeeId: "{committee_id}") {{ kind cadre {{ fullName }} '
            'post { title } dueOn detail } '
            f'planStructure(committeeId: "{committee_id}", cycle: "2030-2035") '
            '{ cadres young women warnings } }')


def token_command(data: Path, key: Path) -> str:
    """`partyorg token` as this process was started (`.venv/bin/partyorg` by `make demo`), on
    this data and key: a line that runs as printed."""
    program = sys.argv[0] if Path(sys.argv[0]).name == "partyorg" else \
        f"{sys.executable} -m partyorg.cli"
    options = f" --data {data}" + (f" --key {key}" if key != Path(DEFAULT_KEY) else "")
    return f"{program} token{options}"


def banner(access: DemoAccess, host: str, port: int, token: str = "partyorg token") -> str:
    """What `partyorg serve` prints; `token`: the command that makes more tokens for its data."""
    base = f"http://{host}:{port}"
    query = '{"query":"{ organisationTree { organisation { name } subtreeCounts { onRolls } } }"}'
    lines = [
        "",
        f"GraphQL (GraphiQL in a browser): {base}/graphql",
        f"Metrics:                         {base}/metrics",
        f"Health:                          {base}/healthz",
        "",
        "Token for the province (Ban Tổ chức Tỉnh ủy, organisation_commission, "
        "organisation_board), 12 h:",
        f"  {access.province_token}",
        f"Token for one branch ({access.branch_name}, organisation_commission, assembly), "
        "12 h:",
        f"  {access.branch_token}",
        "",
        "Try:",
        f"  curl -s {base}/graphql -H 'Content-Type: application/json' \\",
        f"    -H 'Authorization: Bearer {access.province_token}' \\",
        f"    -d '{query}'",
        "",
        f"A year of meetings ({MEETINGS_FROM:%m/%Y} – {DEMO_TODAY:%m/%Y}) as the branch sees it:",
        f"  curl -s {base}/graphql -H 'Content-Type: application/json' \\",
        f"    -H 'Authorization: Bearer {access.branch_token}' \\",
        f"    -d '{meetings_query(access.branch_id)}'",
        "and the province's compliance lists (in GraphiQL, with the province's token):",
        f"  {{ meetingCompliance(organisationId: \"{access.root_id}\", from: "
        f"\"{MEETINGS_FROM}\", to: \"{DEMO_TODAY}\") {{ removalGrounds {{ fullName ground months "
        "organisation { name } } missedThematicMeetings { period organisation { name } } } }",
        "the province's cadre work (personnel; the Tỉnh ủy's organisation commission only), "
        "with the same token:",
        f"  {personnel_query(access.root_id)}",
        "",
        "More tokens (--role organisation_commission reads and writes, viewer only reads):",
        f"  {token} --org root --role viewer",
        f"  {token} --org {access.branch_id} --role organisation_commission",
    ]
    if datetime.now(UTC).date() < DEMO_TODAY:
        lines.append(f"note: the demo's history runs to {DEMO_TODAY:%d/%m/%Y}, after today's date")
    return "\n".join(lines)


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
