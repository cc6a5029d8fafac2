"""The SQLite event store's tables, and an event row as an Envelope."""

from __future__ import annotations

import json
from datetime import datetime

from kit.envelope import Actor, Envelope

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    global_position INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT NOT NULL UNIQUE,
    stream_id       TEXT NOT NULL,
    stream_version  INTEGER NOT NULL,
    type            TEXT NOT NULL,
    schema_version  INTEGER NOT NULL,
    occurred_at     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    province        TEXT NOT NULL,
    actor_user_id   TEXT NOT NULL,
    actor_role      TEXT NOT NULL,
    correlation_id  TEXT NOT NULL,
    causation_id    TEXT NOT NULL,
    command_id      TEXT NOT NULL,
    data            TEXT NOT NULL,
    UNIQUE (stream_id, stream_version)
);
CREATE TABLE IF NOT EXISTS streams (
    stream_id TEXT PRIMARY KEY,
    version   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS commands (
    command_id      TEXT PRIMARY KEY,
    payload_hash    TEXT NOT NULL,
    positions       TEXT NOT NULL,
    stream_versions TEXT NOT NULL
);
"""

COLUMNS = (
    "global_position, event_id, stream_id, stream_version, type, schema_version, occurred_at, "
    "recorded_at, province, actor_user_id, actor_role, correlation_id, causation_id, command_id, data"
)


def envelope_of(row: tuple) -> Envelope:
    return Envelope(
        global_position=row[0],
        event_id=row[1],
        stream_id=row[2],
        stream_version=row[3],
        type=row[4],
        schema_version=row[5],
        occurred_at=datetime.fromisoformat(row[6]),
        recorded_at=datetime.fromisoformat(row[7]),
        province=row[8],
        actor=Actor(user_id=row[9], role=row[10]),
        correlation_id=row[11],
        causation_id=row[12],
        command_id=row[13],
        data=json.loads(row[14]),
    )
