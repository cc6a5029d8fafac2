"""Where a projection worker's topics stand, for its lag gauges (kit.projections.worker's
TopicHeads): read with a consumer and an admin client of their own, never the worker's consumer,
so a worker blocked in a transaction still shows its topics moving away from it."""

from __future__ import annotations

import json
from collections.abc import Sequence

from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

TIMEOUT_MS = 5000


class KafkaTopicHeads:
    def __init__(self, bootstrap: str, topics: Sequence[str], group: str) -> None:
        self.topics = list(topics)
        self.group = group
        self._consumer = KafkaConsumer(  # no group: it only looks, and commits nothing
            bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
            client_id=f"partyorg-{group}-lag", bootstrap_timeout_ms=10000,
            request_timeout_ms=TIMEOUT_MS + 1000)
        self._admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=TIMEOUT_MS,
                                       client_id=f"partyorg-{group}-lag")
        self._last: dict[TopicPartition, tuple[int, int]] = {}  # end offset, position there

    def _partitions(self) -> list[TopicPartition]:
        return [TopicPartition(t, p) for t in self.topics
                for p in sorted(self._consumer.partitions_for_topic(t))]

    def heads(self) -> dict[str, tuple[int, int]]:
        """By topic: (end offset, the global position of the last event on it)."""
        ends = self._consumer.end_offsets(self._partitions(), timeout_ms=TIMEOUT_MS)
        moved = {tp: end for tp, end in ends.items()
                 if end > 0 and self._last.get(tp, (0, 0))[0] != end}
        positions = self._last_positions(moved) if moved else {}
        out: dict[str, tuple[int, int]] = {t: (0, 0) for t in self.topics}
        for tp, end in ends.items():
            position = positions.get(tp, self._last.get(tp, (0, 0))[1])
            if tp in positions or tp not in moved:  # else read it again next time
                self._last[tp] = (end, position)
            total, highest = out[tp.topic]
            out[tp.topic] = (total + end, max(highest, position))
        return out

    def _last_positions(self, ends: dict[TopicPartition, int]) -> dict[TopicPartition, int]:
        """The global position in the last record before each partition's end."""
        self._consumer.assign(list(ends))
        for tp, end in ends.items():
            self._consumer.seek(tp, end - 1)
        found: dict[TopicPartition, int] = {}
        for _ in range(10):  # a few polls: the first may only fetch metadata
            for tp, records in self._consumer.poll(timeout_ms=TIMEOUT_MS // 10).items():
                for record in records:
                    try:
                        position = int(json.loads(record.value)["global_position"])
                    except (ValueError, KeyError, TypeError):
                        continue  # not an envelope: the position stays the last one known
                    found[tp] = max(found.get(tp, 0), position)
            if len(found) == len(ends):
                break
        return found

    def committed(self) -> dict[str, int]:
        """By topic: the offset the group last committed (0 before its first commit)."""
        offsets = self._admin.list_group_offsets(self.group).get(self.group, {})
        out = dict.fromkeys(self.topics, 0)
        for tp, committed in offsets.items():
            if tp.topic in out and committed.offset >= 0:
                out[tp.topic] += committed.offset
        return out

    def close(self) -> None:
        self._consumer.close()
        self._admin.close()
