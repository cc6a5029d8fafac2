"""evaluation_reviews' statements per dialect (application/projections/evaluation_reviews.py)."""

from __future__ import annotations

from ...application.projections.evaluation_reviews import EvaluationReviewsSql

_DDL = """
CREATE TABLE IF NOT EXISTS evaluation_reviews (
    member_id        TEXT PRIMARY KEY,
    years            TEXT NOT NULL,
    last_year        INTEGER NOT NULL,
    since            TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    rule             TEXT NOT NULL,
    rule_version     TEXT NOT NULL,
    calendar_version TEXT NOT NULL,
    closed_on        TEXT,
    global_position  INTEGER NOT NULL
)
"""
_COLUMNS = ("member_id, years, last_year, since, due_on, rule, rule_version, calendar_version, "
            "closed_on, global_position")
_SET = ("years = excluded.years, last_year = excluded.last_year, since = excluded.since, "
        "due_on = excluded.due_on, rule = excluded.rule, rule_version = excluded.rule_version, "
        "calendar_version = excluded.calendar_version, closed_on = NULL, "
        "global_position = excluded.global_position")
_ITEMS = ("SELECT m.*, r.years, r.since, r.due_on, r.rule, r.rule_version, r.calendar_version, "
          "o.name AS organisation_name FROM evaluation_reviews r "
          "JOIN members m ON m.id = r.member_id JOIN org_tree o ON o.id = m.organisation_id "
          "WHERE o.path >= {lo} COLLATE {binary} AND o.path < {hi} COLLATE {binary} "
          "AND m.status IN ('probationary', 'official') AND r.since <= {day} "
          "AND (r.closed_on IS NULL OR r.closed_on > {day})")

SQL = {
    "sqlite": EvaluationReviewsSql(
        ddl=_DDL,
        open=f"INSERT INTO evaluation_reviews ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) "
             f"ON CONFLICT (member_id) DO UPDATE SET {_SET}",
        close="UPDATE evaluation_reviews SET closed_on = ? WHERE member_id = ? "
              "AND last_year <= ? AND closed_on IS NULL",
        items=_ITEMS.format(lo=":lo", hi=":hi", day=":day", binary="BINARY"),
    ),
    "postgres": EvaluationReviewsSql(
        ddl=_DDL,
        open=f"INSERT INTO evaluation_reviews ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, "
             f"%s, NULL, %s) ON CONFLICT (member_id) DO UPDATE SET {_SET}",
        close="UPDATE evaluation_reviews SET closed_on = %s WHERE member_id = %s "
              "AND last_year <= %s AND closed_on IS NULL",
        items=_ITEMS.format(lo="%(lo)s", hi="%(hi)s", day="%(day)s", binary='"C"'),
    ),
}
