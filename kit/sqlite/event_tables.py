"""The SQLite event store's tables, and an event row as an Envelope."""

from __future__ import annotations

from datetime import datetime

from kit.envelope import Envelope, actor_of, envelope
from kit.json_text import loads

# Each B-tree page an append changes is written and synced in its commit (~15 us a page here):
# positions are plain rowids (events are never deleted, so no AUTOINCREMENT and no
# sqlite_sequence row to update) and a command record is one B-tree (WITHOUT ROWID). Files made
# before keep their tables, which behave the same.
SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    global_position INTEGER PRIMARY KEY,
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
DROP TABLE IF EXISTS streams;
CREATE TABLE IF NOT EXISTS commands (
    command_id      TEXT PRIMARY KEY,
    payload_hash    TEXT NOT NULL,
    positions       TEXT NOT NULL,
    stream_versions TEXT NOT NULL
) WITHOUT ROWID;
"""

COLUMNS = (
    "global_position, event_id, stream_id, stream_version, type, schema_version, occurred_at, "
    "recorded_at, province, actor_user_id, actor_role, correlation_id, causation_id, command_id, "
    # the data's UTF-8 as bytes, which orjson parses as they are: fetched as text, sqlite3 first
    # decodes it into a str (Vietnamese letters make it a 2-byte-per-letter one) that orjson
    # encodes back to UTF-8 (reading the log: ~1.8 of ~12 us an event)
    "CAST(data AS BLOB)"
)


def envelope_of(row: tuple, _iso=datetime.fromisoformat) -> Envelope:
    return envelope(row[0], row[1], row[2], row[3], row[4], row[5], _iso(row[6]), _iso(row[7]),
                    row[8], actor_of(row[9], row[10]), row[11], row[12], row[13], loads(row[14]))
