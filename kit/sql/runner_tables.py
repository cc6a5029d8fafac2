"""The projection runner's own tables, the same DDL in SQLite and PostgreSQL (each dialect's
statements over them: kit.sqlite.runner_sql, kit.postgres.runner_sql)."""

RUNNER_TABLES = """
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
CREATE TABLE IF NOT EXISTS dead_letters_unannounced (
    projection      TEXT NOT NULL,
    source          TEXT NOT NULL,
    global_position INTEGER NOT NULL,
    PRIMARY KEY (projection, source, global_position)
);
"""
