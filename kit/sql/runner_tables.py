"""The tables the projection runner keeps in every read-model database: checkpoints per
(projection, source), projection versions, parked events (dead letters)."""

RUNNER_SCHEMA = """
CREATE TABLE IF NOT EXISTS projection_checkpoints (
    projection TEXT NOT NULL,
    source     TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (projection, source)
);
CREATE TABLE IF NOT EXISTS projection_versions (
    projection TEXT PRIMARY KEY,
    version    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dead_letters (
    projection      TEXT NOT NULL,
    source          TEXT NOT NULL,
    global_position INTEGER NOT NULL,
    event_id        TEXT NOT NULL,
    type            TEXT NOT NULL,
    reason          TEXT NOT NULL,
    envelope        TEXT NOT NULL,
    PRIMARY KEY (projection, source, global_position)
);
"""
