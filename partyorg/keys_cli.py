"""`partyorg keys`: the deployment's token signing keys (gateway/keys.py), rotated without
downtime.

    partyorg keys list    [--key FILE]                  each key: kid, made, signing/accepted/retired
    partyorg keys rotate  [--key FILE] [--grace-hours 24] a new signing key; the others are accepted
                                                        for the grace period, then refused
    partyorg keys retire  --kid KID [--key FILE]        refuse a key's tokens now (a leaked key)
    partyorg keys jwks    [--key FILE]                  the public keys (what /.well-known/jwks.json
                                                        serves), to hand to a verifier
    partyorg central-token [--key var/keys/central.key] [--user …] [--hours 12]
                                                        a token of the central organisation
                                                        commission (iss = central)

The key file: --key, else PARTYORG_SIGNING_KEY, else the one the last `partyorg serve`/`demo`
here served, else var/keys/signing.key. A running gateway takes a change up within a second:
tokens of the old key are still accepted, new ones carry the new kid.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from gateway.auth import issue_central_token
from gateway.keys import DEFAULT_GRACE_HOURS, KeySet, load_or_create_keys
from partyorg import tokens

CENTRAL_KEY = "var/keys/central.key"


def key_path(given: str | None) -> Path:
    if given:
        return Path(given)
    if os.environ.get("PARTYORG_SIGNING_KEY"):
        return Path(os.environ["PARTYORG_SIGNING_KEY"])
    served = tokens.last_served()
    return Path(served["key"]) if served else tokens.DEFAULT_KEY


def _when(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).astimezone().strftime("%Y-%m-%d %H:%M %Z")


def describe(keys: KeySet) -> list[str]:
    now = keys.clock()
    signing = keys.signing.kid if any(k.retire_at is None and k.private for k in keys.keys) \
        else None
    lines = []
    for key in keys.keys:
        if key.kid == signing:
            state = "signing"
        elif key.retired(now):
            state = f"retired since {_when(key.retire_at or now)}"
        elif key.retire_at is not None:
            state = f"accepted until {_when(key.retire_at)}"
        else:
            state = "accepted"
        lines.append(f"{key.kid}  made {_when(key.created)}  {state}")
    return lines


def cmd_list(args: argparse.Namespace) -> int:
    path = key_path(args.key)
    print(f"{path}:", file=sys.stderr)
    print("\n".join(describe(load_or_create_keys(path))))
    return 0


def cmd_rotate(args: argparse.Namespace) -> int:
    path = key_path(args.key)
    keys = load_or_create_keys(path)
    new = keys.rotate(args.grace_hours)
    print(f"{path}: new signing key {new.kid}; the previous keys' tokens are accepted until "
          f"{_when(new.created + args.grace_hours * 3600)}", file=sys.stderr)
    print("\n".join(describe(keys)))
    return 0


def cmd_retire(args: argparse.Namespace) -> int:
    path = key_path(args.key)
    keys = load_or_create_keys(path)
    try:
        retired = keys.retire(args.kid)
    except ValueError as exc:
        print(f"nothing retired: {exc}", file=sys.stderr)
        return 1
    print(f"{path}: key {retired.kid} retired; its tokens are refused from now on",
          file=sys.stderr)
    print("\n".join(describe(keys)))
    return 0


def cmd_jwks(args: argparse.Namespace) -> int:
    print(json.dumps(load_or_create_keys(key_path(args.key)).jwks(), indent=2))
    return 0


def cmd_central_token(args: argparse.Namespace) -> int:
    keys = load_or_create_keys(args.key)
    print(f"central token ({args.user}, central_commission, {args.hours:g} h), signed with "
          f"{args.key} (kid {keys.signing.kid})", file=sys.stderr)
    print(issue_central_token(keys, user=args.user, ttl_hours=args.hours))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `keys` and `central-token` to the `partyorg` command's subcommands."""
    keys = sub.add_parser("keys", help="the token signing keys: list, rotate, retire, jwks")
    actions = keys.add_subparsers(dest="keys_command", required=True)

    def key_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--key", help="the key set file (default: PARTYORG_SIGNING_KEY, else the "
                       f"served demo's, else {tokens.DEFAULT_KEY})")

    listing = actions.add_parser("list", help="each key and its state")
    key_option(listing)
    listing.set_defaults(run=cmd_list)
    rotate = actions.add_parser("rotate", help="a new signing key; the old ones accepted for "
                                "the grace period")
    key_option(rotate)
    rotate.add_argument("--grace-hours", type=float, default=DEFAULT_GRACE_HOURS,
                        help="how long the previous keys' tokens stay valid (default "
                        "%(default)g, longer than a token lives)")
    rotate.set_defaults(run=cmd_rotate)
    retire = actions.add_parser("retire", help="refuse one key's tokens from now on")
    key_option(retire)
    retire.add_argument("--kid", required=True, help="the key's kid (or its unique start); "
                        "one that starts with '-' is given as --kid=-…")
    retire.set_defaults(run=cmd_retire)
    jwks = actions.add_parser("jwks", help="print the public keys as a JWKS document")
    key_option(jwks)
    jwks.set_defaults(run=cmd_jwks)

    central = sub.add_parser("central-token", help="a token of the central organisation "
                             "commission, for the federation's statistics")
    central.add_argument("--key", default=CENTRAL_KEY, help="the central key set (default "
                         "%(default)s, made on first use)")
    central.add_argument("--user", default="central-commission")
    central.add_argument("--hours", type=float, default=12)
    central.set_defaults(run=cmd_central_token)
