"""The projection runner's statements in SQLite's dialect (`?` placeholders)."""

from kit.projections.runner import RunnerSql

RUNNER_SQL = RunnerSql(
    tables="""
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
CREATE TABLE IF NOT EXISTS dead_letters_to_announce (
    projection      TEXT NOT NULL,
    source          TEXT NOT NULL,
    global_position INTEGER NOT NULL,
    reason          TEXT NOT NULL,
    envelope        TEXT NOT NULL,
    PRIMARY KEY (projection, source, global_position)
);
""",
    version_of="SELECT version FROM projection_versions WHERE projection = ?",
    has_checkpoint="SELECT 1 FROM projection_checkpoints WHERE projection = ?",
    forget_checkpoints="DELETE FROM projection_checkpoints WHERE projection = ?",
    forget_dead_letters="DELETE FROM dead_letters WHERE projection = ?",
    forget_announcements="DELETE FROM dead_letters_to_announce WHERE projection = ?",
    set_version="INSERT INTO projection_versions VALUES (?, ?) ON CONFLICT (projection) "
                "DO UPDATE SET version = excluded.version",
    checkpoints_of="SELECT projection, position FROM projection_checkpoints WHERE source = ?",
    applied_of="SELECT v.projection, v.version, c.position FROM projection_versions v "
               "LEFT JOIN projection_checkpoints c ON c.projection = v.projection "
               "AND c.source = ?",
    save_checkpoint="INSERT INTO projection_checkpoints VALUES (?, ?, ?) ON CONFLICT "
                    "(projection, source) DO UPDATE SET position = excluded.position",
    park="INSERT INTO dead_letters VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
         "(projection, source, global_position) DO UPDATE SET reason = excluded.reason",
    dead_letters="SELECT projection, source, global_position, event_id, type, reason "
                 "FROM dead_letters ORDER BY source, global_position",
    parked="SELECT projection, source, global_position, envelope "
           "FROM dead_letters ORDER BY source, global_position",
    announce_later="INSERT INTO dead_letters_to_announce VALUES (?, ?, ?, ?, ?) ON "
                   "CONFLICT (projection, source, global_position) DO UPDATE SET "
                   "reason = excluded.reason, envelope = excluded.envelope",
    to_announce="SELECT projection, source, global_position, reason, envelope "
                "FROM dead_letters_to_announce ORDER BY source, global_position",
    announced="DELETE FROM dead_letters_to_announce WHERE projection = ? AND source = ? "
              "AND global_position = ?",
    unpark="DELETE FROM dead_letters WHERE projection = ? AND source = ? "
           "AND global_position = ?",
)
