"""Appends to the PostgreSQL event store: each one a call of `append_command` (event_tables.py),
which decides and writes it inside the database under the writers' lock.

Python works out what the database need not: each event's stream version from the version its
append expects (the database checks that expectation before it writes anything), the stream
versions a command ends at, and the AppendResult from the function's answer. `recorded_at` is
the store's clock read just before the call, under the store's own lock, so one process's
appends have it in position order; between processes it can differ from that order by the
wait for the writers' lock (as it can by their clocks).
"""

from __future__ import annotations

from collections.abc import Sequence

import psycopg
from psycopg.types.json import Jsonb

from kit.clock import Clock
from kit.envelope import CommandContext
from kit.errors import CommandIdReused, ConcurrencyConflict
from kit.json_text import dumps_bytes
from kit.store import AppendResult, StreamAppend


def call_sql(schema: str) -> str:
    return (f"SELECT * FROM {schema}.append_command(%s, %s, %s::text[], %s::int[], %s::int[], "
            "%s::text[], %s::text[], %s::int[], %s::text[], %s::int[], %s::timestamptz[], "
            "%s::jsonb, %s, %s, %s, %s, %s, %s)")


class Call:
    """One append's arguments to `append_command`, and how to read its answer."""

    __slots__ = ("appends", "context", "payload_hash", "params", "versions")

    def __init__(self, clock: Clock, appends: Sequence[StreamAppend], context: CommandContext,
                 payload_hash: str) -> None:
        self.appends, self.context, self.payload_hash = appends, context, payload_hash
        event_ids: list[str] = []
        streams: list[str] = []
        versions: list[int] = []
        types: list[str] = []
        schema_versions: list[int] = []
        occurred: list = []
        data: list = []
        ends: dict[str, int] = {}
        for item in appends:
            version = item.expected_version
            for event in item.events:
                version += 1
                event_ids.append(event.event_id)
                streams.append(item.stream_id)
                versions.append(version)
                types.append(event.type)
                schema_versions.append(event.schema_version)
                occurred.append(event.occurred_at)
                data.append(event.data)
            ends[item.stream_id] = version
        self.versions = ends  # what the command's streams end at, if the database agrees
        actor = context.actor
        self.params = (
            context.command_id, payload_hash, [a.stream_id for a in appends],
            [a.expected_version for a in appends], [len(a.events) for a in appends],
            event_ids, streams, versions, types, schema_versions, occurred,
            Jsonb(data, dumps_bytes), clock.now(),
            context.province, actor.user_id, actor.role, context.correlation_id,
            context.causation_id)

    def result(self, row: Sequence) -> AppendResult:
        """The AppendResult of the function's answer, or the error the append refused with."""
        outcome, first_hash, positions, versions, conflict_at, actual, head = row
        command_id = self.context.command_id
        if outcome == "seen":
            if first_hash != self.payload_hash:
                raise CommandIdReused(command_id)
            return AppendResult(command_id, tuple(positions), versions, duplicate=True,
                                payload_hash=first_hash)
        if outcome == "conflict":
            item = self.appends[conflict_at - 1]
            raise ConcurrencyConflict(item.stream_id, item.expected_version, actual)
        count = sum(len(a.events) for a in self.appends)
        positions = tuple(range(head + 1, head + count + 1)) if count else ()
        return AppendResult(command_id, positions, self.versions, payload_hash=self.payload_hash)


def append(db: psycopg.Connection, schema: str, call: Call) -> AppendResult:
    """One append, its own transaction in autocommit mode, or a savepoint in the caller's."""
    if db.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
        return call.result(db.execute(call_sql(schema), call.params).fetchone())
    with db.transaction():  # a savepoint: should the call fail, the caller's writes stay
        return call.result(db.execute(call_sql(schema), call.params).fetchone())


def append_all(db: psycopg.Connection, schema: str, calls: list[Call]) -> list:
    """Each call's AppendResult, or the error it refused with (the others go on). One call is
    one statement in autocommit; several are one transaction, pipelined: one round trip for all
    their calls and the commit. Should a call fail in the database (which aborts the
    transaction), they are made again one savepoint each, so only the failing one fails."""
    if len(calls) == 1:
        return [_outcome(append, db, schema, calls[0])]
    sql = call_sql(schema)
    try:
        with db.pipeline(), db.transaction():
            cursors = [db.execute(sql, c.params) for c in calls]
            rows = [cur.fetchone() for cur in cursors]
    except Exception:  # the database refused one, or an event's data would not encode
        with db.transaction():
            return [_outcome(append, db, schema, c) for c in calls]
    return [_outcome(c.result, row) for c, row in zip(calls, rows, strict=True)]


def _outcome(make, *args):
    try:
        return make(*args)
    except Exception as exc:  # this append only
        return exc
