"""`partyorg token`: a signed token for an organisation that exists, in the province it is asked
of, with the key that province's gateway verifies.

Where the organisation is looked up:
- embedded (the default): the data folder given with --data; without one, the folder the last
  `partyorg serve`/`demo` started from this directory served (var/run/demo-served.json, with its
  signing key), else var/demo;
- distributed (--distributed, or PARTYORG_AMQP_URI set and no --data): the membership service over
  RPC, as `make up` runs it (PARTYORG_PROVINCE, PARTYORG_MEMBERSHIP_RPC_NAME), with the gateway's
  key (PARTYORG_SIGNING_KEY).

An id that names no organisation there, or is not an id at all, is refused: a token for it would
only ever be answered "not found".
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path("var/demo")
DEFAULT_KEY = Path("var/keys/signing.key")
SERVED = Path("var/run/demo-served.json")  # what the last demo served, from this directory
EMBEDDED_PROVINCE = "NB"


class TokenRefused(Exception):
    """No token: the organisation does not exist there, or the province could not be asked."""


@dataclass(frozen=True)
class Target:
    """The organisation a token is for, where it was found, and the key and province to sign
    with."""

    organisation: Any  # the membership service's OrganisationView
    province: str
    key: Path
    where: str  # said on stderr: which data or service answered


def remember_served(data: Path, key: Path, host: str, port: int) -> None:
    """Note what a demo serves, so `partyorg token` without --data finds its data and key."""
    SERVED.parent.mkdir(parents=True, exist_ok=True)
    SERVED.write_text(json.dumps({
        "data": str(data.resolve()), "key": str(key.resolve()), "url": f"http://{host}:{port}",
        "pid": os.getpid(), "since": datetime.now(UTC).isoformat(timespec="seconds")},
        ensure_ascii=False, indent=2), encoding="utf-8")


def last_served() -> dict | None:
    try:
        served = json.loads(SERVED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return served if Path(served.get("data", "")).is_dir() else None


def distributed_wanted(explicit: bool, data: str | None, env: Mapping[str, str]) -> bool:
    return explicit or (data is None and bool(env.get("PARTYORG_AMQP_URI")))


def organisation_in(queries: Any, org: str, where: str) -> Any:
    """The organisation `org` names (an id, or 'root': the province's active root)."""
    if org == "root":
        roots = [o for o in queries.roots() if o.status == "active"]
        if not roots:
            raise TokenRefused(f"{where} has no active root organisation")
        return roots[0]
    try:
        org = str(uuid.UUID(org))
    except ValueError:
        raise TokenRefused(f"{org!r} is not an organisation id (a UUID) nor 'root'") from None
    found = queries.organisation(org)
    if found is None:
        raise TokenRefused(f"no organisation {org} in {where}")
    return found


def embedded_target(org: str, data: str | None, key: str | None) -> Target:
    from partyorg.embedded import build_service
    from services.membership.declaration import DECLARATION as MEMBERSHIP

    served = last_served() if data is None else None
    folder = Path(data) if data is not None else Path(served["data"]) if served else DEFAULT_DATA
    if not (folder / "membership-events.db").exists():
        raise TokenRefused(f"no data in {folder}: run `make demo` (or `partyorg seed --data "
                           f"{folder}`) first, or name the folder with --data")
    where = f"the data in {folder}"
    membership = build_service(MEMBERSHIP, folder, EMBEDDED_PROVINCE)
    try:
        organisation = organisation_in(membership.queries, org, where)
    finally:
        membership.close()
    signing_key = Path(key) if key else Path(served["key"]) if served else DEFAULT_KEY
    return Target(organisation, EMBEDDED_PROVINCE, signing_key, where)


def distributed_target(org: str, key: str | None, env: Mapping[str, str],
                       timeout: float = 10) -> Target:
    from gateway.clients.rpc import RpcClient, ServiceUnavailable
    from partyorg.distributed import Settings
    from services.membership.declaration import DECLARATION as MEMBERSHIP

    amqp = env.get("PARTYORG_AMQP_URI")
    if not amqp:
        raise TokenRefused("the distributed mode needs PARTYORG_AMQP_URI: `make up` writes it to "
                           "var/local-env.sh (set -a; . var/local-env.sh; set +a)")
    settings = Settings.for_service(MEMBERSHIP, env)
    where = f"province {settings.province} (the {settings.rpc_name} service over RabbitMQ)"
    membership = RpcClient.of(MEMBERSHIP, amqp, settings.province, timeout=timeout,
                              service_name=settings.rpc_name)
    try:
        organisation = organisation_in(membership.queries, org, where)
    except ServiceUnavailable as exc:
        raise TokenRefused(f"the membership service did not answer ({exc}): is `make up` "
                           "running? For the embedded demo's data, pass --data") from exc
    finally:
        membership.close()
    signing_key = Path(key or env.get("PARTYORG_SIGNING_KEY") or DEFAULT_KEY)
    return Target(organisation, settings.province, signing_key, where)


def find_target(org: str, *, data: str | None, key: str | None, distributed: bool,
                env: Mapping[str, str] | None = None) -> Target:
    env = os.environ if env is None else env
    if distributed_wanted(distributed, data, env):
        return distributed_target(org, key, env)
    return embedded_target(org, data, key)
