"""The provinces `make up` runs side by side on one machine's servers (deploy/local/platform.sh),
and the federation gateway over them. Each province has its own PostgreSQL database, Kafka topics,
RPC names (one RabbitMQ), projection consumer groups, ports, signing key, data KEK and var/
folders. This module is the one place that says how: platform.sh, `make token`/`make seed-up`
and the Prometheus scrape jobs (partyorg.manifests) all read it.

    python -m partyorg.local_provinces codes            # NB HUE
    python -m partyorg.local_provinces env HUE          # its `export NAME=value` lines
    python -m partyorg.local_provinces database HUE     # create its database when missing
    python -m partyorg.local_provinces connections 2    # exit 1 when PostgreSQL cannot take them
    python -m partyorg.local_provinces federation       # the federation process's arguments
    python -m partyorg.local_provinces peers            # each province's peers file (kit.peers)

Each province has a database of its own on the server var/local-env.sh names (NB `partyorg`, HUE
`partyorg_hue`; never that file's `partyorg_test`, the tests'). NB keeps the names a single
province always had (topics `membership.events`, RPC `membership`, groups
`membership-projections`, var/keys/signing.key); every other province prefixes them with its code
(`HUE.membership.events`, `hue_membership`, `HUE.membership-projections`, var/keys/HUE/). From the environment:
PARTYORG_GATEWAY_PORT (8000) is NB's gateway, HUE's is the next port, the federation's the one
after; PARTYORG_METRICS_PORT_OFFSET (0) moves NB's metrics ports, HUE's are 100 above;
PARTYORG_LOCAL_PREFIX (none) goes before every name, database included (a test's own run).
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from partyorg.services import SERVICES, metrics_port_offset

GATEWAY_PORT = 8000
CONNECTIONS = 45  # what one province's processes hold at rest, measured with four services
METRICS_STEP = 100  # between two provinces' metrics ports: 81xx NB, 82xx HUE


@dataclass(frozen=True)
class LocalProvince:
    code: str
    name: str
    place: int  # its gateway on the base port + place; its metrics ports METRICS_STEP × place up
    database: str  # on the server of PARTYORG_PG_DSN (var/local-env.sh's), made when missing

    @property
    def first(self) -> bool:
        """The province whose names are a single province's, unprefixed."""
        return self.place == 0


PROVINCES = (LocalProvince("NB", "Ninh Bình", 0, "partyorg"),
             LocalProvince("HUE", "Huế", 1, "partyorg_hue"))
FEDERATION_PLACE = len(PROVINCES)  # its port follows the provinces' gateways


def province(code: str) -> LocalProvince:
    for p in PROVINCES:
        if p.code == code.upper():
            return p
    raise SystemExit(f"no local province {code!r}: the provinces are "
                     f"{', '.join(p.code for p in PROVINCES)}")


def gateway_port(p: LocalProvince | None, env: Mapping[str, str]) -> int:
    """A province's gateway port; None: the federation's."""
    raw = env.get("PARTYORG_GATEWAY_PORT", "").strip() or str(GATEWAY_PORT)
    if not raw.isdigit():
        raise SystemExit(f"PARTYORG_GATEWAY_PORT={raw!r} is not a port number")
    return int(raw) + (FEDERATION_PLACE if p is None else p.place)


def with_database(dsn: str, database: str) -> str:
    """The same server and role, another database."""
    if "://" in dsn:
        parts = urlsplit(dsn)
        return urlunsplit(parts._replace(path=f"/{database}"))
    from psycopg.conninfo import make_conninfo

    return make_conninfo(dsn, dbname=database)


def database_dsn(p: LocalProvince, env: Mapping[str, str]) -> str | None:
    """The province's database on the server of PARTYORG_PG_DSN; None when that is not set
    (each process then says so as it starts)."""
    dsn = env.get("PARTYORG_PG_DSN", "").strip()
    return with_database(dsn, env.get("PARTYORG_LOCAL_PREFIX", "") + p.database) if dsn else None


def province_env(p: LocalProvince, env: Mapping[str, str], var: Path = Path("var")
                 ) -> dict[str, str]:
    """What each of the province's processes (and `make token`/`make seed-up` for it) is given
    on top of the servers' addresses."""
    prefix = env.get("PARTYORG_LOCAL_PREFIX", "")
    keys = var / "keys" if p.first else var / "keys" / p.code
    dsn = database_dsn(p, env)
    out = {
        "PARTYORG_PROVINCE": p.code,
        **({"PARTYORG_PG_DSN": dsn} if dsn else {}),
        "PARTYORG_GATEWAY_PORT": str(gateway_port(p, env)),
        "PARTYORG_METRICS_PORT_OFFSET": str(metrics_port_offset(env) + METRICS_STEP * p.place),
        "PARTYORG_SIGNING_KEY": str(keys / "signing.key"),
        "PARTYORG_DATA_KEK_FILE": str(keys / "data.kek"),
    }
    topic_prefix = prefix + ("" if p.first else f"{p.code}.")
    rpc_prefix = prefix + ("" if p.first else f"{p.code.lower()}_")
    for d in SERVICES:
        setting = f"PARTYORG_{d.name.upper()}"
        out[f"{setting}_TOPIC"] = topic_prefix + d.topic
        out[f"{setting}_RPC_NAME"] = rpc_prefix + d.name
        out[f"{setting}_PROJECTION_GROUP"] = f"{topic_prefix}{d.name}-projections"
    # transfers between the provinces: its own key, the others' public keys and topics
    out["PARTYORG_PEER_KEY_FILE"] = str(keys / "peer.key")
    out["PARTYORG_PEERS_FILE"] = str(peers_file(p, var))
    return out


def peers_file(p: LocalProvince, var: Path) -> Path:
    return var / "peers" / f"{p.code}.json"


def write_peers(env: Mapping[str, str], var: Path = Path("var")) -> None:
    """Each province's peers file: every other province's code, name, public key (its
    peer.key made on first use) and membership topic; what only a public key may cross."""
    from kit.peers import Peer, Peers, write_peers_file
    from kit.recipient_box import load_or_create_private_key

    settings = {p.code: province_env(p, env, var) for p in PROVINCES}
    public = {code: Peers(code, load_or_create_private_key(s["PARTYORG_PEER_KEY_FILE"])).public_key
              for code, s in settings.items()}
    for p in PROVINCES:
        write_peers_file(peers_file(p, var), p.code, [
            Peer(o.code, o.name, public[o.code], settings[o.code]["PARTYORG_MEMBERSHIP_TOPIC"])
            for o in PROVINCES if o.code != p.code])


def federation_arguments(env: Mapping[str, str], var: Path = Path("var")) -> list[str]:
    """`python -m partyorg.federated`'s arguments: its port, audit file and each province's
    gateway (whose published keys verify that province's tokens)."""
    return ["--port", str(gateway_port(None, env)),
            "--audit", str(var / "federation" / "citizen-id-searches.db"),
            *(f"{p.code}={p.name}=http://127.0.0.1:{gateway_port(p, env)}" for p in PROVINCES)]


def ensure_database(p: LocalProvince, env: Mapping[str, str]) -> str | None:
    """Create the province's own database on the server of PARTYORG_PG_DSN (whose role may
    create databases: deploy/local/postgres.sh) when it is not there; its name if created."""
    import psycopg
    from psycopg import errors, sql

    name = env.get("PARTYORG_LOCAL_PREFIX", "") + p.database
    if not env.get("PARTYORG_PG_DSN"):
        raise SystemExit("PARTYORG_PG_DSN is not set: start the servers (deploy/local/up.sh) and "
                         "source var/local-env.sh")
    with psycopg.connect(env["PARTYORG_PG_DSN"], autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return None
        try:
            conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0")
                         .format(sql.Identifier(name)))
        except errors.DuplicateDatabase:  # made meanwhile by another run
            return None
    return name


def connections_short(provinces: int, env: Mapping[str, str]) -> str | None:
    """Why PostgreSQL cannot take this many more provinces' connections; None when it can."""
    import psycopg

    with psycopg.connect(env["PARTYORG_PG_DSN"]) as conn:
        limit = int(conn.execute("SHOW max_connections").fetchone()[0])
        reserved = int(conn.execute("SHOW superuser_reserved_connections").fetchone()[0])
        used = conn.execute("SELECT count(*) FROM pg_stat_activity").fetchone()[0]
    free, needed = limit - reserved - used, CONNECTIONS * provinces
    if free >= needed:
        return None
    return (f"PostgreSQL has {free} connections free (max_connections {limit}, {used} in use); "
            f"{provinces} province(s) need about {needed}: `deploy/local/postgres.sh up` raises "
            "max_connections to 300 (it restarts the server)")


def main(argv: list[str] | None = None) -> int:
    import os

    args = sys.argv[1:] if argv is None else argv
    var = Path(os.environ.get("PARTYORG_VAR_DIR", "var"))
    if args == ["codes"]:
        print(" ".join(p.code for p in PROVINCES))
    elif len(args) == 2 and args[0] == "env":
        for name, value in province_env(province(args[1]), os.environ, var).items():
            print(f"export {name}={shlex.quote(value)}")
    elif len(args) == 2 and args[0] == "database":
        created = ensure_database(province(args[1]), os.environ)
        if created:
            print(f"created database {created}", file=sys.stderr)
    elif len(args) == 2 and args[0] == "connections" and args[1].isdigit():
        short = connections_short(int(args[1]), os.environ)
        if short:
            print(short, file=sys.stderr)
            return 1
    elif args == ["peers"]:
        write_peers(os.environ, var)
    elif args == ["federation"]:
        print("\n".join(federation_arguments(os.environ, var)))
    else:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
