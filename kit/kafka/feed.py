"""A peer deployment's events from its Kafka topic, for a link (kit.links.PeerLink)."""

from __future__ import annotations

import logging

from kit.envelope import Envelope

from .clients import KafkaEventSource

log = logging.getLogger(__name__)


class TopicFeed:
    """The peer's Kafka topic, in a consumer group of this deployment's (kit.kafka)."""

    def __init__(self, bootstrap: str, topic: str, group: str) -> None:
        self.source = KafkaEventSource(bootstrap, [topic], group)

    def poll(self) -> list[Envelope]:
        out = []
        for envelope, raw, _topic in self.source.poll(timeout_ms=1000):
            if envelope is None:  # not an event of ours: nothing to apply
                log.warning("undecodable message on a peer topic", extra={"raw": raw[:200]})
                continue
            out.append(envelope)
        return out

    def commit(self) -> None:
        self.source.commit()

    def rewind(self) -> None:
        self.source.rewind()

    def close(self) -> None:
        self.source.close()
