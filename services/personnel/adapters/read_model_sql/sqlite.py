"""Personnel's read models in SQL that SQLite and PostgreSQL both speak (placeholders aside)."""

from __future__ import annotations

from ...application.read_model_sql import PersonnelSql

_POST = ("post_id, title, body, level, organisation_id, managing_organisation_id, rank, head")
_CADRE = ("cadre_id, managing_organisation_id, member_id, full_name, date_of_birth, gender, "
          "political_theory, education, opened_on")
_READ = ("read_id, cadre_id, managing_organisation_id, reader, reader_role, "
         "reader_organisation_id, reader_organ, read_at, purpose, position")

SQLITE = PersonnelSql(
    members_ddl="""
CREATE TABLE IF NOT EXISTS ps_organisations (id TEXT PRIMARY KEY, name TEXT NOT NULL,
  type TEXT NOT NULL, parent_id TEXT, merged_into TEXT);
CREATE TABLE IF NOT EXISTS ps_members (member_id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL,
  full_name TEXT NOT NULL, date_of_birth TEXT NOT NULL, gender TEXT NOT NULL, died_on TEXT);
CREATE TABLE IF NOT EXISTS ps_member_discipline (member_id TEXT NOT NULL, seq INTEGER NOT NULL,
  form TEXT NOT NULL, decided_on TEXT NOT NULL, PRIMARY KEY (member_id, seq))""",
    insert_organisation="INSERT INTO ps_organisations (id, name, type, parent_id) "
                        "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
    rename_organisation="UPDATE ps_organisations SET name = ? WHERE id = ?",
    move_organisation="UPDATE ps_organisations SET parent_id = ? WHERE id = ?",
    merge_organisation="UPDATE ps_organisations SET merged_into = ? WHERE id = ?",
    organisation="SELECT id, name, type, parent_id, merged_into FROM ps_organisations "
                 "WHERE id = ?",
    upsert_member="INSERT INTO ps_members (member_id, organisation_id, full_name, date_of_birth, "
                  "gender) VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET "
                  "organisation_id = excluded.organisation_id, full_name = excluded.full_name, "
                  "date_of_birth = excluded.date_of_birth, gender = excluded.gender",
    update_person="UPDATE ps_members SET full_name = ?, date_of_birth = ?, gender = ? "
                  "WHERE member_id = ?",
    set_name="UPDATE ps_members SET full_name = ? WHERE member_id = ?",
    set_birth="UPDATE ps_members SET date_of_birth = ? WHERE member_id = ?",
    move_member="UPDATE ps_members SET organisation_id = ? WHERE member_id = ?",
    member_died="UPDATE ps_members SET died_on = ? WHERE member_id = ?",
    member="SELECT member_id, organisation_id, full_name, date_of_birth, gender, died_on "
           "FROM ps_members WHERE member_id = ?",
    insert_discipline="INSERT INTO ps_member_discipline (member_id, seq, form, decided_on) "
                      "VALUES (?, ?, ?, ?) ON CONFLICT (member_id, seq) DO NOTHING",
    disciplines="SELECT form, decided_on FROM ps_member_discipline WHERE member_id = ? "
                "ORDER BY decided_on, seq",
    posts_ddl="""
CREATE TABLE IF NOT EXISTS ps_posts (post_id TEXT PRIMARY KEY, title TEXT NOT NULL,
  body TEXT NOT NULL, level TEXT NOT NULL, organisation_id TEXT NOT NULL,
  managing_organisation_id TEXT NOT NULL, rank INTEGER NOT NULL, head INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS ps_posts_managing ON ps_posts (managing_organisation_id)""",
    insert_post=f"INSERT INTO ps_posts ({_POST}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    post=f"SELECT {_POST} FROM ps_posts WHERE post_id = ?",
    posts_of=f"SELECT {_POST} FROM ps_posts WHERE managing_organisation_id = ? "
             "ORDER BY rank DESC, title, post_id",
    cadres_ddl="""
CREATE TABLE IF NOT EXISTS ps_cadres (cadre_id TEXT PRIMARY KEY,
  managing_organisation_id TEXT NOT NULL, member_id TEXT, full_name TEXT, date_of_birth TEXT,
  gender TEXT, political_theory TEXT NOT NULL, education TEXT NOT NULL, opened_on TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ps_cadres_managing ON ps_cadres (managing_organisation_id)""",
    insert_cadre=f"INSERT INTO ps_cadres ({_CADRE}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    cadre=f"SELECT {_CADRE} FROM ps_cadres WHERE cadre_id = ?",
    cadres_of=f"SELECT {_CADRE} FROM ps_cadres WHERE managing_organisation_id = ? "
              "ORDER BY cadre_id",
    plans_ddl="""
CREATE TABLE IF NOT EXISTS ps_plan_entries (post_id TEXT NOT NULL, cadre_id TEXT NOT NULL,
  cycle TEXT NOT NULL, added_on TEXT NOT NULL, decision_number TEXT NOT NULL,
  rule_version TEXT NOT NULL, removed_on TEXT, ground TEXT, removal_proposed_on TEXT,
  proposed_ground TEXT, PRIMARY KEY (post_id, cadre_id, cycle));
CREATE TABLE IF NOT EXISTS ps_appointment_proposals (cadre_id TEXT NOT NULL,
  post_id TEXT NOT NULL, proposed_on TEXT NOT NULL, PRIMARY KEY (cadre_id, post_id))""",
    add_plan_entry="INSERT INTO ps_plan_entries (post_id, cadre_id, cycle, added_on, "
                   "decision_number, rule_version) VALUES (?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT (post_id, cadre_id, cycle) DO UPDATE SET "
                   "added_on = excluded.added_on, decision_number = excluded.decision_number, "
                   "rule_version = excluded.rule_version, removed_on = NULL, ground = NULL, "
                   "removal_proposed_on = NULL, proposed_ground = NULL",
    propose_removal="UPDATE ps_plan_entries SET removal_proposed_on = ?, proposed_ground = ? "
                    "WHERE post_id = ? AND cadre_id = ? AND cycle = ?",
    remove_plan_entry="UPDATE ps_plan_entries SET removed_on = ?, ground = ? "
                      "WHERE post_id = ? AND cadre_id = ? AND cycle = ?",
    plan_entries_of_post="SELECT cadre_id, added_on, rule_version FROM ps_plan_entries "
                         "WHERE post_id = ? AND cycle = ? AND removed_on IS NULL "
                         "ORDER BY added_on, cadre_id",
    plan_entries_of_cadre="SELECT post_id, cycle, added_on, removal_proposed_on, "
                          "proposed_ground FROM ps_plan_entries "
                          "WHERE cadre_id = ? AND removed_on IS NULL ORDER BY cycle, post_id",
    unproposed_plan_entries="SELECT cadre_id, post_id, cycle, added_on, removal_proposed_on "
                            "FROM ps_plan_entries WHERE removed_on IS NULL "
                            "AND removal_proposed_on IS NULL ORDER BY cadre_id, cycle, post_id",
    plan_entries_of="SELECT e.post_id, e.cadre_id FROM ps_plan_entries e JOIN ps_posts p "
                    "ON p.post_id = e.post_id WHERE p.managing_organisation_id = ? "
                    "AND e.cycle = ? AND e.removed_on IS NULL ORDER BY e.post_id, e.cadre_id",
    insert_proposal="INSERT INTO ps_appointment_proposals (cadre_id, post_id, proposed_on) "
                    "VALUES (?, ?, ?)",
    end_proposal="DELETE FROM ps_appointment_proposals WHERE cadre_id = ? AND post_id = ?",
    proposals_of_cadre="SELECT post_id, proposed_on FROM ps_appointment_proposals "
                       "WHERE cadre_id = ? ORDER BY post_id",
    terms_ddl="""
CREATE TABLE IF NOT EXISTS ps_terms (cadre_id TEXT NOT NULL, post_id TEXT NOT NULL,
  term_number INTEGER NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,
  head INTEGER NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (cadre_id, post_id, starts_on))""",
    insert_term="INSERT INTO ps_terms (cadre_id, post_id, term_number, starts_on, ends_on, head, "
                "kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
    extend_term="UPDATE ps_terms SET ends_on = ?, kind = 'extended' "
                "WHERE cadre_id = ? AND post_id = ? AND ends_on = ?",
    terms_of_cadre="SELECT post_id, term_number, starts_on, ends_on, head, kind FROM ps_terms "
                   "WHERE cadre_id = ? ORDER BY starts_on, post_id",
    terms_of="SELECT t.cadre_id, t.post_id, t.term_number, t.starts_on, t.ends_on, t.head, "
             "t.kind FROM ps_terms t JOIN ps_posts p ON p.post_id = t.post_id "
             "WHERE p.managing_organisation_id = ? ORDER BY t.ends_on, t.cadre_id",
    reads_ddl="""
CREATE TABLE IF NOT EXISTS ps_file_reads (read_id TEXT PRIMARY KEY, cadre_id TEXT NOT NULL,
  managing_organisation_id TEXT NOT NULL, reader TEXT NOT NULL, reader_role TEXT NOT NULL,
  reader_organisation_id TEXT, reader_organ TEXT NOT NULL, read_at TEXT NOT NULL,
  purpose TEXT NOT NULL, position INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS ps_file_reads_managing ON ps_file_reads
  (managing_organisation_id, read_at)""",
    insert_read=f"INSERT INTO ps_file_reads ({_READ}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    applied_position="SELECT COUNT(*) AS n, MIN(position) AS p FROM projection_checkpoints "
                     "WHERE source = ?",
    reads_of=f"SELECT {_READ} FROM ps_file_reads WHERE managing_organisation_id = ? "
             "AND read_at >= ? AND read_at < ? ORDER BY read_at, position",
    # personnel-more
    erase_cadre="UPDATE ps_cadres SET full_name = NULL, date_of_birth = NULL, gender = NULL "
                "WHERE cadre_id = ?",
    end_term="UPDATE ps_terms SET ends_on = ? WHERE cadre_id = ? AND post_id = ? "
             "AND ends_on > ?",
)
