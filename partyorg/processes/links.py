"""The links of a service to the province deployments it exchanges with (partyorg.links), in
the distributed mode: run by its projection worker's process on a thread of their own, each
peer's topic consumed in a group of this province's, the commands issued on a command side of
the service's own (its PostgreSQL store and read models).

Configured by PARTYORG_PEERS_FILE (kit.peers: each peer's code, name, public key and topic) and
PARTYORG_PEER_KEY_FILE (this province's private key); without the first, no link runs.
"""

from __future__ import annotations

import logging
import threading

from kit.declaration import ServiceDeclaration
from kit.peers import Peers
from partyorg.distributed import Settings, build_command_side
from partyorg.links import topic_links

log = logging.getLogger("partyorg.processes.links")


def start_links(declaration: ServiceDeclaration, settings: Settings,
                stop: threading.Event) -> threading.Thread | None:
    """The thread running the service's links until `stop`; None when there are none."""
    peers = Peers.from_environment() if declaration.peer_events is not None else None
    if peers is None or not any(p.topic for p in peers):
        return None

    def run() -> None:
        side, links = None, []
        while not stop.is_set():
            try:
                if side is None:
                    side = build_command_side(declaration, settings)
                    links = topic_links(declaration, side.service, settings.province, peers,
                                        settings.kafka_bootstrap, settings.projection_group)
                for link in links:  # each poll waits up to a second for its peer's events
                    link.run_once()
            except Exception:  # a lost connection: rebuilt on the next round, redelivered
                log.exception("a link to a peer province failed; retrying")
                for link in links:
                    link.close()
                if side is not None:
                    side.close()
                side, links = None, []
                stop.wait(2.0)
        for link in links:
            link.close()
        if side is not None:
            side.close()

    thread = threading.Thread(target=run, name=f"{declaration.name}-links", daemon=True)
    thread.start()
    return thread
