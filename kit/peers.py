"""The other deployments this one exchanges data with directly (peers), as configured: each
peer's code, name, public key (kit.recipient_box) and the topic its events are published on;
and this deployment's own private key, which opens what peers sealed for it.

One JSON file per deployment, written by whoever runs the deployments (deploy/local/, the
demo):

    {"format": "partyorg-peers/1", "own": "NB", "peers": [
      {"code": "HUE", "name": "Huế", "public_key": "<base64url X25519>",
       "topic": "HUE.membership.events"}]}

Sending needs only the recipient's public key held here: a peer that is down for a day is
still sent to (its events wait on its topic or in its log).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kit.recipient_box import (
    load_or_create_private_key,
    open_sealed,
    public_key_of,
    public_key_text,
    seal,
)

FORMAT = "partyorg-peers/1"


@dataclass(frozen=True)
class Peer:
    code: str
    name: str
    public_key: str  # base64url X25519: what this deployment seals for it with
    topic: str = ""  # where its events are published (the distributed mode)


class UnknownPeer(LookupError):
    pass


@dataclass
class Peers:
    """This deployment (`own`, its private key) and the peers it knows, by code."""

    own: str
    key: X25519PrivateKey
    known: dict[str, Peer] = field(default_factory=dict)

    @property
    def public_key(self) -> str:
        return public_key_text(self.key.public_key())

    def __contains__(self, code: object) -> bool:
        return code in self.known

    def __iter__(self) -> Any:
        return iter(self.known.values())

    def seal_for(self, code: str, plaintext: bytes, info: bytes) -> str:
        peer = self.known.get(code)
        if peer is None:
            raise UnknownPeer(code)
        return seal(plaintext, public_key_of(peer.public_key), info)

    def open(self, text: str, info: bytes) -> bytes:
        return open_sealed(text, self.key, info)

    @classmethod
    def load(cls, path: str | Path, key_file: str | Path) -> Peers:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a {FORMAT} file")
        return cls(data["own"], load_or_create_private_key(key_file),
                   {p["code"]: Peer(p["code"], p["name"], p["public_key"], p.get("topic", ""))
                    for p in data.get("peers", [])})

    @classmethod
    def from_environment(cls, env: dict[str, str] | None = None) -> Peers | None:
        """PARTYORG_PEERS_FILE and PARTYORG_PEER_KEY_FILE (var/keys/peer.key); None without
        the first: a deployment that exchanges with nobody."""
        env = dict(os.environ) if env is None else env
        path = env.get("PARTYORG_PEERS_FILE", "")
        if not path:
            return None
        return cls.load(path, env.get("PARTYORG_PEER_KEY_FILE", "var/keys/peer.key"))


def write_peers_file(path: str | Path, own: str, peers: Iterable[Peer]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": FORMAT, "own": own,
                                "peers": [p.__dict__ for p in peers]}, ensure_ascii=False,
                               indent=1), encoding="utf-8")
