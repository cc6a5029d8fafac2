"""Links between province deployments (kit.links), built from the declarations: for every
service with `peer_events`, one link per peer, reading the same service's events in the peer's
deployment and issuing this deployment's commands.

- embedded: the peer's log read directly (another platform in this process, or its SQLite file
  opened read-only-in-effect: the link never writes to it), the link run on a thread of its own
  after each append of the peer's and on `settle()`;
- distributed: the peer's Kafka topic (kit.peers: the topic each peer publishes on), in the
  projection worker's process on a thread (processes/links.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kit import metrics
from kit.declaration import ServiceDeclaration
from kit.envelope import Envelope
from kit.kafka.feed import TopicFeed
from kit.links import PeerLink, StoreFeed
from kit.projections.catchup import CatchUpThread
from kit.shredding import unsealed
from kit.store import EventStore


def link_name(peer: str) -> str:
    """The checkpoint's name for a peer's link (beside the projections' in the read models)."""
    return f"link:{peer}"


def peer_source(peer: str, service: str) -> str:
    return f"{peer}.{service}.events"


def applying(declaration: ServiceDeclaration, service: Any,
             province: str) -> Callable[[str, Envelope], None]:
    assert declaration.peer_events is not None
    taken = {w.name for w in declaration.codec.types() if w.cls in declaration.peer_event_types}

    def apply(peer: str, envelope: Envelope) -> None:
        metrics.PEER_EVENTS.labels(declaration.name, peer).inc()
        # only the kinds it takes, and only the peer's own: the rest is not decoded at all
        if envelope.type not in taken or envelope.province != peer:
            return
        event = declaration.codec.decode(envelope.type, envelope.schema_version, envelope.data)
        declaration.peer_events(service, province, peer, event, envelope)

    return apply


@dataclass
class EmbeddedLinks:
    """The links of an embedded platform to its peers' logs, each on a thread."""

    threads: dict[str, CatchUpThread] = field(default_factory=dict)  # "<peer>/<service>"

    def settle(self) -> None:
        """Wait until every peer event appended so far was applied here."""
        for thread in self.threads.values():
            thread.request()
            thread.wait()

    def close(self) -> None:
        for thread in self.threads.values():
            thread.stop()


def link_embedded(platform: Any, peer: str, peer_stores: Mapping[str, EventStore],
                  announce: Mapping[str, list[Any]] | None = None) -> EmbeddedLinks:
    """Link `platform` (partyorg.embedded.EmbeddedPlatform) to a peer's logs, by service name.
    `announce`: per service, the peer's list of callbacks run after its appends (its
    EmbeddedService.announce), to run the link at once; without it, the link runs on settle()."""
    links = EmbeddedLinks()
    for service in platform:
        declaration = service.declaration
        if declaration.peer_events is None or declaration.name not in peer_stores:
            continue
        feed = StoreFeed(unsealed(peer_stores[declaration.name]), service.read_db,
                         link_name(peer), peer_source(peer, declaration.name))
        link = PeerLink(peer, feed, applying(declaration, service.service, service.province))

        def drain(link: PeerLink = link) -> None:
            while link.run_once():
                pass

        thread = CatchUpThread(drain, f"{declaration.name}-link-{peer}")
        links.threads[f"{peer}/{declaration.name}"] = thread
        if announce is not None and declaration.name in announce:
            announce[declaration.name].append(thread.request)
        thread.request()  # what the peer published before this start
    return links


def link_platforms(a: Any, b: Any) -> tuple[EmbeddedLinks, EmbeddedLinks]:
    """Two embedded platforms in this process linked both ways (the demo, the tests)."""
    province_a, province_b = a.membership.province, b.membership.province
    stores_a = {s.name: s.store for s in a}
    stores_b = {s.name: s.store for s in b}
    to_a = link_embedded(a, province_b, stores_b,
                         announce={s.name: s.announce for s in b})
    to_b = link_embedded(b, province_a, stores_a,
                         announce={s.name: s.announce for s in a})
    return to_a, to_b


def topic_links(declaration: ServiceDeclaration, service: Any, province: str, peers: Any,
                bootstrap: str, group: str) -> list[PeerLink]:
    """The distributed links of a service: one per peer that names a topic, each consuming it
    in the group `<group>-link-<peer>` (group: the service's projection group)."""
    if declaration.peer_events is None or peers is None:
        return []
    apply = applying(declaration, service, province)
    return [PeerLink(p.code, TopicFeed(bootstrap, p.topic, link_group(group, p.code)), apply)
            for p in peers if p.topic]


def link_group(group: str, peer: str) -> str:
    return f"{group}-link-{peer}"
