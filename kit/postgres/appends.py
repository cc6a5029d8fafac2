"""Appends to the PostgreSQL event store, decided and written inside the writers' transaction.

The caller holds the writers' lock and passes `head`, the last global position: new positions
follow it with no gap. A group is decided from one read and written with one statement per
table; `append_at` does a single append in its own savepoint.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import psycopg
from psycopg.types.json import Jsonb

from kit.clock import Clock
from kit.envelope import CommandContext
from kit.errors import CommandIdReused, ConcurrencyConflict
from kit.json_text import dumps_bytes
from kit.postgres.event_tables import COLUMNS
from kit.sql.group_commit import Pending
from kit.store import AppendResult, StreamAppend


def plan_group(db: psycopg.Connection, schema: str, clock: Clock, group: list[Pending],
               head: int) -> tuple[list, list, list]:
    """The event, stream and command rows of a whole group, from one read; sets each append's
    result, or its error (that append only: the others go on)."""
    s = schema
    command_ids = [p.args[1].command_id for p in group]
    stream_ids = list({a.stream_id for p in group for a in p.args[0]})
    found = db.execute(
        f"SELECT 0, command_id, payload_hash, positions, stream_versions FROM {s}.commands"
        " WHERE command_id = ANY(%s) UNION ALL SELECT 1, stream_id, NULL, to_jsonb(version),"
        f" NULL FROM {s}.streams WHERE stream_id = ANY(%s)", (command_ids, stream_ids)
    ).fetchall()
    seen = {r[1]: (r[2], r[3], r[4]) for r in found if r[0] == 0}
    current = {r[1]: r[3] for r in found if r[0] == 1}
    events: list[tuple] = []
    streams: dict[str, int] = {}
    commands: list[tuple] = []
    for p in group:
        appends, context, payload_hash = p.args
        try:
            result, rows, versions = decide(clock, appends, context, payload_hash, seen,
                                            current, head)
        except Exception as exc:
            p.error = exc
            continue
        p.result = result
        if rows:
            head = rows[-1][0]
            events += rows
            current.update(versions)
            streams.update({sid: v for sid, v in versions.items()
                            if any(r[2] == sid for r in rows)})
            commands.append((context.command_id, payload_hash,
                             json.dumps(list(result.positions)), json.dumps(versions)))
            seen[context.command_id] = (payload_hash, list(result.positions), versions)
    return events, list(streams.items()), commands


def decide(clock: Clock, appends: Sequence[StreamAppend], context: CommandContext,
           payload_hash: str, seen: dict, current: dict, head: int
           ) -> tuple[AppendResult, list[tuple], dict[str, int]]:
    """The result, event rows and stream versions of one append, or its error: no writes."""
    if context.command_id in seen:
        first_hash, positions, versions = seen[context.command_id]
        if first_hash != payload_hash:
            raise CommandIdReused(context.command_id)
        return AppendResult(context.command_id, tuple(positions), versions, duplicate=True,
                            payload_hash=first_hash), [], {}
    recorded_at = clock.now()
    position, rows, versions, mine = head, [], {}, dict(current)
    for item in appends:
        actual = mine.get(item.stream_id, 0)
        if actual != item.expected_version:
            raise ConcurrencyConflict(item.stream_id, item.expected_version, actual)
        version = actual
        for event in item.events:
            version += 1
            position += 1
            rows.append((
                position, event.event_id, item.stream_id, version, event.type,
                event.schema_version, event.occurred_at, recorded_at, context.province,
                context.actor.user_id, context.actor.role, context.correlation_id,
                context.causation_id, context.command_id, Jsonb(event.data, dumps_bytes),
            ))
        mine[item.stream_id] = versions[item.stream_id] = version
    positions = tuple(r[0] for r in rows)
    return AppendResult(context.command_id, positions, versions,
                        payload_hash=payload_hash), rows, versions


def write(cur: psycopg.Cursor, schema: str, events: list, streams: list, commands: list) -> None:
    s = schema
    if events:
        cur.executemany(
            f"INSERT INTO {s}.events ({COLUMNS}) VALUES "
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", events)
    if streams:
        cur.executemany(
            f"INSERT INTO {s}.streams (stream_id, version) VALUES (%s, %s) "
            "ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version", streams)
    if commands:
        cur.executemany(f"INSERT INTO {s}.commands VALUES (%s, %s, %s, %s)", commands)


def _ask_known(db: psycopg.Connection, schema: str, context: CommandContext,
               appends: Sequence[StreamAppend]) -> psycopg.Cursor:
    """What the database holds of the append's command id and of its streams' versions."""
    s = schema
    return db.execute(
        f"SELECT 0, command_id, payload_hash, positions, stream_versions FROM {s}.commands"
        " WHERE command_id = %s UNION ALL SELECT 1, stream_id, NULL, to_jsonb(version), NULL"
        f" FROM {s}.streams WHERE stream_id = ANY(%s)",
        (context.command_id, [a.stream_id for a in appends]))


def _decide_one(clock: Clock, appends: Sequence[StreamAppend], context: CommandContext,
                payload_hash: str, found: list, head: int
                ) -> tuple[AppendResult, list[tuple], dict[str, int]]:
    seen = {r[1]: (r[2], r[3], r[4]) for r in found if r[0] == 0}
    current = {r[1]: r[3] for r in found if r[0] == 1}
    return decide(clock, appends, context, payload_hash, seen, current, head)


def _write_one(db: psycopg.Connection, schema: str, context: CommandContext, payload_hash: str,
               result: AppendResult, rows: list[tuple], versions: dict[str, int]) -> None:
    written = {r[2] for r in rows}
    with db.cursor() as cur:
        write(cur, schema, rows, [(k, v) for k, v in versions.items() if k in written],
              [(context.command_id, payload_hash, json.dumps(list(result.positions)),
                json.dumps(versions))])


def append_alone(db: psycopg.Connection, schema: str, clock: Clock, take_lock: tuple[str, tuple],
                 head_sql: str, appends: Sequence[StreamAppend], context: CommandContext,
                 payload_hash: str) -> AppendResult:
    """One append in a transaction of its own, its statements pipelined: the lock, the head and
    what the database holds of its command and streams in one round trip, the writes and the
    commit in another (the statements one by one took nine). Raises what the append raises,
    with nothing of it kept."""
    with db.pipeline(), db.transaction():
        db.execute(*take_lock)
        head_cur = db.execute(head_sql)
        found_cur = _ask_known(db, schema, context, appends)
        head = head_cur.fetchone()[0]
        result, rows, versions = _decide_one(clock, appends, context, payload_hash,
                                             found_cur.fetchall(), head)
        if rows:
            _write_one(db, schema, context, payload_hash, result, rows, versions)
    return result


def append_at(db: psycopg.Connection, schema: str, clock: Clock, head: int,
              appends: Sequence[StreamAppend], context: CommandContext,
              payload_hash: str) -> tuple[AppendResult, int]:
    """Append one command after global position `head`, in a savepoint; returns the result
    and the new head."""
    found = _ask_known(db, schema, context, appends).fetchall()
    result, rows, versions = _decide_one(clock, appends, context, payload_hash, found, head)
    if not rows:
        return result, head
    with db.transaction():  # a savepoint
        _write_one(db, schema, context, payload_hash, result, rows, versions)
    return result, rows[-1][0]
