"""The projection runner's statements in SQLite's dialect (`?` placeholders)."""

from kit.projections.ports import RunnerSql
from kit.sql.runner_tables import RUNNER_TABLES

RUNNER_SQL = RunnerSql(
    tables=RUNNER_TABLES,
    version_of="SELECT version FROM projection_versions WHERE projection = ?",
    has_checkpoint="SELECT 1 FROM projection_checkpoints WHERE projection = ?",
    forget_checkpoints="DELETE FROM projection_checkpoints WHERE projection = ?",
    forget_dead_letters="DELETE FROM dead_letters WHERE projection = ?",
    forget_announcements="DELETE FROM dead_letters_unannounced WHERE projection = ?",
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
    announce_later="INSERT INTO dead_letters_unannounced VALUES (?, ?, ?) "
                   "ON CONFLICT (projection, source, global_position) DO NOTHING",
    to_announce="SELECT d.projection, d.source, d.global_position, d.reason, d.envelope "
                "FROM dead_letters_unannounced a JOIN dead_letters d USING (projection, "
                "source, global_position) ORDER BY d.source, d.global_position",
    announced="DELETE FROM dead_letters_unannounced WHERE projection = ? AND source = ? "
              "AND global_position = ?",
    unpark="DELETE FROM dead_letters WHERE projection = ? AND source = ? "
           "AND global_position = ?",
)
