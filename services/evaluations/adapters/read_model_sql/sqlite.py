"""The evaluations read models' statements written out for SQLite (the embedded default).

Dates are ISO text, so they compare in date order; points and levels stay text; the columns a
page is ordered by compare byte by byte (BINARY here, "C" on PostgreSQL)."""

from ...application.history_queries import HistorySql
from ...application.projections.campaign_progress import CampaignProgressSql
from ...application.projections.classification_history import ClassificationHistorySql
from ...application.projections.classification_snapshots import ClassificationSnapshotsSql
from ...application.projections.tsvm_recognitions import TsvmRecognitionsSql
from ...application.queries import QueriesSql
from ...application.read_model_sql import EvaluationsSql

_IN_FORCE = "c.valid_from <= ? AND (c.valid_to IS NULL OR c.valid_to > ?)"
_SCOPE = "(r.path LIKE ? OR r.organisation_id IN ({marks}))"
_ROLL_OF = "JOIN ev_roll r ON r.period_id = c.period_id AND r.subject_id = c.subject_id"
_AWAITING = ("FROM ev_roll r WHERE r.period_id = ? AND r.left_out IS NULL "
             "AND (r.{column} IS NULL OR r.{column} > ?) AND " + _SCOPE)
_REACHED = "SUM(CASE WHEN left_out IS NULL AND {0} <= ? THEN 1 ELSE 0 END) AS {1}"

SQLITE = EvaluationsSql(
    progress=CampaignProgressSql(
        ddl="""
        CREATE TABLE IF NOT EXISTS ev_periods (
            period_id         TEXT PRIMARY KEY,
            root_id           TEXT NOT NULL,
            kind              TEXT NOT NULL,
            year              INTEGER NOT NULL,
            reference_date    TEXT NOT NULL,
            civil_servants_by TEXT NOT NULL,
            closes_on         TEXT NOT NULL,
            rule_version      TEXT NOT NULL,
            closed_on         TEXT,
            opened_position   BIGINT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS ev_roll (
            period_id           TEXT NOT NULL,
            subject_id          TEXT NOT NULL COLLATE BINARY,
            subject_kind        TEXT NOT NULL,
            evaluation_id       TEXT,
            organisation_id     TEXT NOT NULL,
            grassroots_id       TEXT NOT NULL,
            parent_id           TEXT,
            path                TEXT NOT NULL COLLATE BINARY,
            left_out            TEXT,
            form                TEXT,
            self_assessed_on    TEXT,
            self_proposed_level TEXT,
            commented_on        TEXT,
            suggested_level     TEXT,
            appraised_on        TEXT,
            proposed_level      TEXT,
            allowed_level       TEXT,
            decided_on          TEXT,
            level               TEXT,
            updated_position    BIGINT NOT NULL,
            PRIMARY KEY (period_id, subject_id)
        );
        CREATE INDEX IF NOT EXISTS ev_roll_evaluation ON ev_roll (evaluation_id);
        CREATE INDEX IF NOT EXISTS ev_roll_path ON ev_roll (period_id, path, subject_id)
        """,
        open_period="INSERT INTO ev_periods (period_id, root_id, kind, year, reference_date, "
                    "civil_servants_by, closes_on, rule_version, opened_position) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        close_period="UPDATE ev_periods SET closed_on = ? WHERE period_id = ?",
        add_subject="INSERT INTO ev_roll (period_id, subject_id, subject_kind, evaluation_id, "
                    "organisation_id, grassroots_id, parent_id, path, left_out, "
                    "updated_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (period_id, subject_id) DO NOTHING",  # once on a roll
        self_assessed="UPDATE ev_roll SET self_assessed_on = COALESCE(self_assessed_on, ?), "
                      "form = ?, self_proposed_level = ?, updated_position = ? "
                      "WHERE evaluation_id = ?",
        commented="UPDATE ev_roll SET commented_on = COALESCE(commented_on, ?), "
                  "suggested_level = ?, updated_position = ? WHERE evaluation_id = ?",
        appraised="UPDATE ev_roll SET appraised_on = COALESCE(appraised_on, ?), "
                  "proposed_level = ?, allowed_level = ?, updated_position = ? "
                  "WHERE evaluation_id = ?",
        decided="UPDATE ev_roll SET decided_on = COALESCE(decided_on, ?), level = ?, "
                "updated_position = ? WHERE evaluation_id = ?",
        corrected="UPDATE ev_roll SET level = ?, updated_position = ? WHERE evaluation_id = ?",
    ),
    classifications=ClassificationHistorySql(
        ddl="""
        CREATE TABLE IF NOT EXISTS ev_classifications (
            evaluation_id            TEXT NOT NULL,
            global_position          BIGINT NOT NULL,
            period_id                TEXT NOT NULL,
            period_kind              TEXT NOT NULL,
            year                     INTEGER NOT NULL,
            subject_kind             TEXT NOT NULL,
            subject_id               TEXT NOT NULL COLLATE BINARY,
            organisation_id          TEXT NOT NULL,
            grassroots_id            TEXT NOT NULL,
            level                    TEXT NOT NULL,
            corrects                 TEXT,
            reason                   TEXT,
            decision_number          TEXT NOT NULL,
            decision_organisation_id TEXT NOT NULL,
            decision_organ           TEXT NOT NULL,
            valid_from               TEXT NOT NULL,
            valid_to                 TEXT,
            rule_version             TEXT NOT NULL,
            PRIMARY KEY (evaluation_id, global_position)
        );
        CREATE INDEX IF NOT EXISTS ev_classifications_subject
            ON ev_classifications (subject_id, year);
        CREATE INDEX IF NOT EXISTS ev_classifications_year
            ON ev_classifications (year, period_kind, subject_kind)
        """,
        insert="INSERT INTO ev_classifications (evaluation_id, global_position, period_id, "
               "period_kind, year, subject_kind, subject_id, organisation_id, grassroots_id, "
               "level, corrects, reason, decision_number, decision_organisation_id, "
               "decision_organ, valid_from, rule_version) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        current="SELECT period_kind, organisation_id FROM ev_classifications "
                "WHERE evaluation_id = ? AND valid_to IS NULL",
        end="UPDATE ev_classifications SET valid_to = ? "
            "WHERE evaluation_id = ? AND valid_to IS NULL",
    ),
    tsvm=TsvmRecognitionsSql(
        ddl="""
        CREATE TABLE IF NOT EXISTS ev_tsvm (
            evaluation_id      TEXT NOT NULL,
            organisation_id    TEXT NOT NULL COLLATE BINARY,
            year               INTEGER NOT NULL,
            years_running      INTEGER NOT NULL,
            five_years_running INTEGER NOT NULL,
            decision_number    TEXT NOT NULL,
            decided_on         TEXT NOT NULL,
            rule_version       TEXT NOT NULL,
            global_position    BIGINT PRIMARY KEY
        )
        """,
        insert="INSERT INTO ev_tsvm VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    snapshots=ClassificationSnapshotsSql(
        ddl="""
        CREATE TABLE IF NOT EXISTS ev_steps (
            evaluation_id   TEXT NOT NULL,
            global_position BIGINT NOT NULL,
            event_id        TEXT NOT NULL,
            type            TEXT NOT NULL,
            on_date         TEXT NOT NULL,
            data            TEXT NOT NULL,
            PRIMARY KEY (evaluation_id, global_position)
        )
        """,
        insert="INSERT INTO ev_steps VALUES (?, ?, ?, ?, ?, ?)",
    ),
    queries=QueriesSql(
        mark="?",
        period="SELECT * FROM ev_periods WHERE period_id = ?",
        roll_organisations="SELECT DISTINCT organisation_id FROM ev_roll "
                           "ORDER BY organisation_id",
        periods_in="SELECT p.* FROM ev_periods p WHERE EXISTS (SELECT 1 FROM ev_roll r "
                   "WHERE r.period_id = p.period_id AND " + _SCOPE + ") "
                   "AND p.year BETWEEN ? AND ? "
                   "ORDER BY p.year DESC, p.reference_date DESC, p.period_id",
        progress="SELECT SUM(CASE WHEN left_out IS NULL THEN 1 ELSE 0 END) AS on_roll, "
                 "SUM(CASE WHEN left_out IS NOT NULL THEN 1 ELSE 0 END) AS left_out, "
                 + ", ".join(_REACHED.format(column, name) for column, name in (
                     ("self_assessed_on", "self_assessed"), ("commented_on", "commented"),
                     ("appraised_on", "appraised"), ("decided_on", "decided")))
                 + " FROM ev_roll r WHERE r.period_id = ? AND " + _SCOPE,
        count_awaiting="SELECT COUNT(*) AS n " + _AWAITING,
        awaiting="SELECT r.* " + _AWAITING + " AND (r.path > ? OR (r.path = ? "
                 "AND r.subject_id > ?)) ORDER BY r.path, r.subject_id LIMIT ?",
        levels_in_period="SELECT r.subject_kind, r.subject_id, r.organisation_id, "
                         "r.grassroots_id, r.parent_id, r.form, r.path, c.level FROM ev_roll r "
                         "LEFT JOIN ev_classifications c ON c.period_id = r.period_id "
                         "AND c.subject_id = r.subject_id AND " + _IN_FORCE + " "
                         "WHERE r.period_id = ? AND r.left_out IS NULL",
        applied_position="SELECT COUNT(*) AS n, MIN(position) AS p FROM projection_checkpoints "
                         "WHERE source = ?",
    ),
    history=HistorySql(
        distribution="SELECT c.year, c.level, COUNT(*) AS n FROM ev_classifications c "
                     + _ROLL_OF + " WHERE c.period_kind = 'annual' AND c.subject_kind = ? "
                     "AND c.year BETWEEN ? AND ? AND " + _IN_FORCE + " AND " + _SCOPE
                     + " GROUP BY c.year, c.level",
        running="SELECT DISTINCT c.subject_id, c.organisation_id, c.grassroots_id, c.level, "
                "p.level AS prior_level FROM ev_classifications c " + _ROLL_OF + " "
                "JOIN ev_classifications p ON p.subject_id = c.subject_id "
                "AND p.period_kind = 'annual' AND p.year = c.year - 1 "
                "AND p.level IN ({levels}) AND p.valid_from <= ? "
                "AND (p.valid_to IS NULL OR p.valid_to > ?) "
                "WHERE c.period_kind = 'annual' AND c.subject_kind = 'member' AND c.year = ? "
                "AND c.level IN ({levels}) AND " + _IN_FORCE + " AND " + _SCOPE
                + " ORDER BY c.subject_id",
        tsvm="SELECT DISTINCT t.organisation_id, t.year, t.years_running, "
             "t.five_years_running, t.decision_number, t.decided_on, t.rule_version "
             "FROM ev_tsvm t JOIN ev_roll r ON r.evaluation_id = t.evaluation_id "
             "AND r.subject_id = t.organisation_id WHERE t.decided_on <= ? "
             "AND t.year BETWEEN ? AND ? AND " + _SCOPE
             + " ORDER BY t.year DESC, t.organisation_id",
        history="SELECT * FROM ev_classifications WHERE subject_id = ? AND valid_from <= ? "
                "ORDER BY year, global_position",
        steps="SELECT type, event_id, global_position, on_date, data FROM ev_steps "
              "WHERE evaluation_id = ? AND on_date <= ? ORDER BY global_position",
        level_then="SELECT level FROM ev_classifications c WHERE c.evaluation_id = ? AND "
                   + _IN_FORCE,
    ),
)
