"""`partyorg peers`: the keys and peers file of transfers between province deployments
(kit.peers). Each province makes its own private key and hands out only its public key; whoever
runs a deployment writes its peers file from the other provinces' public keys and topics.

    partyorg peers public-key [--key var/keys/peer.key]      print this province's public key
    partyorg peers write --out var/peers.json --own NB \\
        --peer 'HUE=Huế=<public key>=HUE.membership.events' [--peer …]
"""

from __future__ import annotations

import argparse

from kit.peers import Peer, Peers, write_peers_file
from kit.recipient_box import load_or_create_private_key, public_key_of

DEFAULT_KEY = "var/keys/peer.key"


def cmd_public_key(args: argparse.Namespace) -> int:
    print(Peers("", load_or_create_private_key(args.key)).public_key)
    return 0


def parse_peer(text: str) -> Peer:
    parts = text.split("=")
    if len(parts) not in (3, 4) or not all(parts[:3]):
        raise argparse.ArgumentTypeError("a peer is CODE=NAME=PUBLIC_KEY[=TOPIC]")
    try:
        public_key_of(parts[2])
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return Peer(parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else "")


def cmd_write(args: argparse.Namespace) -> int:
    codes = [p.code for p in args.peer]
    if args.own in codes or len(set(codes)) != len(codes):
        raise SystemExit("each peer once, and not this province itself")
    write_peers_file(args.out, args.own, args.peer)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    peers = sub.add_parser("peers", help="transfers between provinces: this province's "
                                         "public key, its peers file")
    actions = peers.add_subparsers(dest="peers_command", required=True)
    public = actions.add_parser("public-key", help="print this province's public key (made "
                                                   "on first use)")
    public.add_argument("--key", default=DEFAULT_KEY)
    public.set_defaults(run=cmd_public_key)
    write = actions.add_parser("write", help="write a peers file (PARTYORG_PEERS_FILE)")
    write.add_argument("--out", required=True)
    write.add_argument("--own", required=True, help="this province's code")
    write.add_argument("--peer", type=parse_peer, action="append", default=[],
                       help="CODE=NAME=PUBLIC_KEY[=TOPIC], one per peer")
    write.set_defaults(run=cmd_write)
