"""Event store on KurrentDB through kurrentdbclient (needs a KurrentDB 26.1+ server for
`append_records` with consistency checks: atomic multi-stream appends and pure version checks).

No KurrentDB server can be installed on this project's machines, so this adapter runs the shared
contract suite only where KURRENTDB_URL points at one. Our envelope lives in the record: data is
the event's JSON, metadata carries the rest; the global position is KurrentDB's commit position.

gRPC is not eventlet-safe (STACK-NOTES.md): do not use this adapter inside a nameko process
without routing calls through eventlet.tpool.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from kurrentdbclient import KurrentDBClient, NewRecord, StreamState, StreamStateCheck
from kurrentdbclient.exceptions import ConsistencyChecksFailedError, NotFoundError

from kit.clock import Clock, SystemClock
from kit.envelope import Actor, CommandContext, Envelope
from kit.errors import CommandIdReused, ConcurrencyConflict
from kit.store import AppendResult, StreamAppend


def _expected(version: int) -> StreamState | int:
    return StreamState.NO_STREAM if version == 0 else version - 1  # ours count from 1


class KurrentDbEventStore:
    def __init__(self, uri: str, prefix: str = "partyorg-", clock: Clock | None = None) -> None:
        self.client = KurrentDBClient(uri=uri)
        self.prefix = prefix
        self._clock = clock or SystemClock()
        self._lock = threading.RLock()

    def _name(self, stream_id: str) -> str:
        return f"{self.prefix}{stream_id}"

    def _command_stream(self, command_id: str) -> str:
        return f"{self.prefix}$command-{command_id}"

    @contextmanager
    def batch(self) -> Iterator[None]:
        """KurrentDB commits each append on its own; a batch is just a sequence of appends."""
        yield

    def append(self, appends: Sequence[StreamAppend], context: CommandContext,
               payload_hash: str = "") -> AppendResult:
        with self._lock:
            seen = self.find_command(context.command_id)
            if seen is not None:
                if seen.payload_hash != payload_hash:
                    raise CommandIdReused(context.command_id)
                return seen
            recorded_at = self._clock.now().isoformat()
            records: list[NewRecord] = []
            checks = []
            versions: dict[str, int] = {}
            for item in appends:
                name = self._name(item.stream_id)
                checks.append(StreamStateCheck(name, _expected(item.expected_version)))
                for event in item.events:
                    meta = {"schema_version": event.schema_version,
                            "occurred_at": event.occurred_at.isoformat(),
                            "recorded_at": recorded_at, "province": context.province,
                            "actor": {"user_id": context.actor.user_id,
                                      "role": context.actor.role},
                            "correlation_id": context.correlation_id,
                            "causation_id": context.causation_id,
                            "command_id": context.command_id, "stream_id": item.stream_id}
                    records.append(NewRecord(
                        stream_name=name, type=event.type, id=uuid.UUID(event.event_id),
                        data=json.dumps(event.data, ensure_ascii=False).encode(),
                        metadata=json.dumps(meta, ensure_ascii=False).encode()))
                versions[item.stream_id] = item.expected_version + len(item.events)
            if not records:
                return AppendResult(context.command_id, (), versions, payload_hash=payload_hash)
            marker = {"payload_hash": payload_hash, "stream_versions": versions,
                      "event_ids": [str(r.id) for r in records]}
            command_stream = self._command_stream(context.command_id)
            records.append(NewRecord(stream_name=command_stream, type="$partyorg.CommandRecorded",
                                     data=json.dumps(marker).encode()))
            checks.append(StreamStateCheck(command_stream, StreamState.NO_STREAM))
            try:
                self.client.append_records(records, checks)
            except ConsistencyChecksFailedError as exc:
                for failure in exc.failures:
                    state = failure.stream_state_failure
                    if state is None:
                        continue
                    if state.stream_name == command_stream:  # a racing retry won
                        return self.append(appends, context, payload_hash)
                    stream_id = state.stream_name[len(self.prefix):]
                    actual = state.actual_state + 1 if isinstance(state.actual_state, int) else 0
                    expected = next(a.expected_version for a in appends
                                    if a.stream_id == stream_id)
                    raise ConcurrencyConflict(stream_id, expected, max(actual, 0)) from exc
                raise
            result = self.find_command(context.command_id)
            assert result is not None
            return AppendResult(context.command_id, result.positions, versions,
                                payload_hash=payload_hash)

    def find_command(self, command_id: str) -> AppendResult | None:
        try:
            recorded = list(self.client.read_stream(self._command_stream(command_id), limit=1))
        except NotFoundError:
            return None
        if not recorded:
            return None
        marker = json.loads(recorded[0].data)
        ids = set(marker["event_ids"])
        positions = []
        for stream_id, version in marker["stream_versions"].items():
            for env in self.read_stream(stream_id):
                if env.event_id in ids and env.stream_version <= version:
                    positions.append(env.global_position)
        return AppendResult(command_id, tuple(sorted(positions)), marker["stream_versions"],
                            duplicate=True, payload_hash=marker["payload_hash"])

    def _envelope(self, recorded) -> Envelope:
        meta = json.loads(recorded.metadata)
        return Envelope(
            event_id=str(recorded.id), type=recorded.type,
            schema_version=int(meta["schema_version"]), stream_id=meta["stream_id"],
            stream_version=recorded.stream_position + 1,
            global_position=recorded.commit_position,
            occurred_at=datetime.fromisoformat(meta["occurred_at"]),
            recorded_at=datetime.fromisoformat(meta["recorded_at"]),
            province=meta["province"], actor=Actor(**meta["actor"]),
            correlation_id=meta["correlation_id"], causation_id=meta["causation_id"],
            command_id=meta["command_id"], data=json.loads(recorded.data),
        )

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[Envelope]:
        try:
            recorded = self.client.read_stream(self._name(stream_id),
                                               stream_position=from_version - 1)
            return [self._envelope(r) for r in recorded]
        except NotFoundError:
            return []

    def stream_version(self, stream_id: str) -> int:
        try:
            version = self.client.get_current_version(self._name(stream_id))
        except NotFoundError:
            return 0
        return 0 if version is StreamState.NO_STREAM else int(version) + 1

    def _ours(self, recorded) -> bool:
        return (recorded.stream_name.startswith(self.prefix)
                and not recorded.stream_name.startswith(self.prefix + "$"))

    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[Envelope]:
        out: list[Envelope] = []
        for recorded in self.client.read_all(
                commit_position=after_position or None, filter_include=[self.prefix],
                filter_by_stream_name=True, filter_by_prefix=True, limit=limit + 1):
            if recorded.commit_position > after_position and self._ours(recorded):
                out.append(self._envelope(recorded))
                if len(out) == limit:
                    break
        return out

    def head_position(self) -> int:
        for recorded in self.client.read_all(backwards=True, filter_include=[self.prefix],
                                             filter_by_stream_name=True, filter_by_prefix=True,
                                             limit=50):
            if self._ours(recorded):
                return recorded.commit_position
        return 0

    def close(self) -> None:
        self.client.close()
