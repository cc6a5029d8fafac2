"""congress_records in SQL that SQLite and PostgreSQL both speak (placeholders aside)."""

from __future__ import annotations

from dataclasses import fields, replace

from ...application.congress_read_model import CongressSql

_CONGRESS = ("congress_id, organisation_id, organisation_type, term, kind, notice_on, opens_on, "
             "summoned, members, direct_secretary, rule_version")
_ELECTION = ("election_id, congress_id, body, held_by, seats, candidates, surplus, "
             "rule_version, approved_on, approval")
_ROUND = ("election_id, round, held_on, summoned, present, issued, returned, valid, votes, "
          "elected, tied, seats_left, rule_version")

SQLITE = CongressSql(
    ddl="""
CREATE TABLE IF NOT EXISTS ps_congresses (congress_id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL, organisation_type TEXT NOT NULL, term TEXT NOT NULL,
  kind TEXT NOT NULL, notice_on TEXT NOT NULL, opens_on TEXT NOT NULL, summoned INTEGER NOT NULL,
  members INTEGER NOT NULL, direct_secretary INTEGER NOT NULL, rule_version TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ps_congresses_org ON ps_congresses (organisation_id);
CREATE TABLE IF NOT EXISTS ps_elections (election_id TEXT PRIMARY KEY,
  congress_id TEXT NOT NULL, body TEXT NOT NULL, held_by TEXT NOT NULL, seats INTEGER NOT NULL,
  candidates TEXT NOT NULL, surplus INTEGER NOT NULL, rule_version TEXT NOT NULL,
  approved_on TEXT, approval TEXT);
CREATE INDEX IF NOT EXISTS ps_elections_congress ON ps_elections (congress_id);
CREATE TABLE IF NOT EXISTS ps_ballot_rounds (election_id TEXT NOT NULL, round INTEGER NOT NULL,
  held_on TEXT NOT NULL, summoned INTEGER NOT NULL, present INTEGER NOT NULL,
  issued INTEGER NOT NULL, returned INTEGER NOT NULL, valid INTEGER NOT NULL,
  votes TEXT NOT NULL, elected TEXT NOT NULL, tied TEXT NOT NULL, seats_left INTEGER NOT NULL,
  rule_version TEXT NOT NULL, PRIMARY KEY (election_id, round));
CREATE TABLE IF NOT EXISTS ps_committee_members (organisation_id TEXT NOT NULL,
  term TEXT NOT NULL, body TEXT NOT NULL, member_id TEXT NOT NULL, how TEXT NOT NULL,
  source_id TEXT NOT NULL, since TEXT NOT NULL, approved INTEGER NOT NULL,
  PRIMARY KEY (source_id, member_id));
CREATE INDEX IF NOT EXISTS ps_committee_members_org ON ps_committee_members
  (organisation_id, term)""",
    insert_congress=f"INSERT INTO ps_congresses ({_CONGRESS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    insert_election="INSERT INTO ps_elections (election_id, congress_id, body, held_by, seats, "
                    "candidates, surplus, rule_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
    insert_round=f"INSERT INTO ps_ballot_rounds ({_ROUND}) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    seat_elected="INSERT INTO ps_committee_members (organisation_id, term, body, member_id, how, "
                 "source_id, since, approved) SELECT c.organisation_id, c.term, e.body, ?, "
                 "'elected', e.election_id, ?, 0 FROM ps_elections e JOIN ps_congresses c "
                 "ON c.congress_id = e.congress_id WHERE e.election_id = ? "
                 "ON CONFLICT DO NOTHING",
    approve_election="UPDATE ps_elections SET approved_on = ?, approval = ? "
                     "WHERE election_id = ?",
    approve_seats="UPDATE ps_committee_members SET approved = 1 WHERE source_id = ?",
    seat_appointed="INSERT INTO ps_committee_members (organisation_id, term, body, member_id, "
                   "how, source_id, since, approved) VALUES (?, ?, ?, ?, 'appointed', ?, ?, 1) "
                   "ON CONFLICT DO NOTHING",
    congress=f"SELECT {_CONGRESS} FROM ps_congresses WHERE congress_id = ?",
    congresses_of="SELECT congress_id FROM ps_congresses WHERE organisation_id = ? "
                  "ORDER BY opens_on DESC, congress_id",
    elections_of=f"SELECT {_ELECTION} FROM ps_elections WHERE congress_id = ? "
                 "ORDER BY election_id",
    rounds_of=f"SELECT {_ROUND} FROM ps_ballot_rounds WHERE election_id = ? ORDER BY round",
    seats_of="SELECT body, member_id, how, source_id, since, approved FROM ps_committee_members "
             "WHERE organisation_id = ? AND term = ? ORDER BY body, since, member_id",
    organisations="SELECT id, parent_id, merged_into FROM ps_organisations",
    members_of="SELECT m.organisation_id, COUNT(*) AS n, SUM(CASE WHEN s.standing = 'official' "
               "THEN 1 ELSE 0 END) AS official FROM ps_members m JOIN ps_member_standing s "
               "ON s.member_id = m.member_id WHERE s.standing <> 'gone' "
               "GROUP BY m.organisation_id",
    standing_ddl="""
CREATE TABLE IF NOT EXISTS ps_member_standing (member_id TEXT PRIMARY KEY,
  standing TEXT NOT NULL)""",
    set_standing="INSERT INTO ps_member_standing (member_id, standing) VALUES (?, ?) "
                 "ON CONFLICT (member_id) DO UPDATE SET standing = excluded.standing",
    member_name="SELECT full_name FROM ps_members WHERE member_id = ?",
)

POSTGRES = replace(SQLITE, **{f.name: getattr(SQLITE, f.name).replace("?", "%s")
                              for f in fields(SQLITE)})
CONGRESS_SQL = {"sqlite": SQLITE, "postgres": POSTGRES}
