"""The training read model's SQL, SQLite's text; PostgreSQL's differs only in placeholders."""

from __future__ import annotations

from dataclasses import fields, replace

from ...application.training_sql import TrainingSql

SQLITE = TrainingSql(
    good_standing_ddl="""
CREATE TABLE IF NOT EXISTS ps_good_standing (evaluation_id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL, first_year INTEGER NOT NULL, last_year INTEGER NOT NULL,
  decided_on TEXT NOT NULL, rule_version TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ps_good_standing_member ON ps_good_standing (member_id)""",
    insert_good_standing="INSERT INTO ps_good_standing (evaluation_id, member_id, first_year, "
                         "last_year, decided_on, rule_version) VALUES (?, ?, ?, ?, ?, ?) "
                         "ON CONFLICT (evaluation_id) DO NOTHING",
    good_standing_of="SELECT first_year, last_year, decided_on FROM ps_good_standing "
                     "WHERE member_id = ? ORDER BY last_year",
    holders_of_post="SELECT DISTINCT cadre_id FROM ps_terms WHERE post_id = ? "
                    "AND starts_on <= ? AND ends_on > ? ORDER BY cadre_id",
    planned_for_post="SELECT cadre_id, cycle FROM ps_plan_entries WHERE post_id = ? "
                     "AND removed_on IS NULL ORDER BY cycle, cadre_id",
    posts_all="SELECT post_id, title, body, level, organisation_id, managing_organisation_id, "
              "rank, head FROM ps_posts ORDER BY rank DESC, title, post_id",
)
POSTGRES = replace(SQLITE, **{f.name: getattr(SQLITE, f.name).replace("?", "%s")
                              for f in fields(SQLITE)})
TRAINING_SQL = {"sqlite": SQLITE, "postgres": POSTGRES}
