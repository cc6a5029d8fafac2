"""membership_as_of's statements (application/projections/membership_as_of.py) for SQLite."""

from ...application.projections.membership_as_of_shape import MembershipAsOfSql

SQLITE_MEMBERSHIP_AS_OF = MembershipAsOfSql(
    ddl="""
    CREATE TABLE IF NOT EXISTS ev_asof_org_facts (
        organisation_id TEXT NOT NULL,
        seq             INTEGER NOT NULL,
        on_date         TEXT NOT NULL,
        kind            TEXT NOT NULL,
        parent_id       TEXT,
        into_id         TEXT,
        PRIMARY KEY (organisation_id, seq)
    );
    CREATE TABLE IF NOT EXISTS ev_asof_org_paths (
        organisation_id TEXT NOT NULL,
        n               INTEGER NOT NULL,
        valid_from      TEXT NOT NULL,
        valid_to        TEXT,
        path            TEXT NOT NULL,
        PRIMARY KEY (organisation_id, n)
    );
    CREATE TABLE IF NOT EXISTS ev_asof_organisations (
        organisation_id TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        type            TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ev_asof_member_facts (
        member_id                 TEXT NOT NULL,
        seq                       INTEGER NOT NULL,
        part                      INTEGER NOT NULL,
        on_date                   TEXT NOT NULL,
        organisation_id           TEXT,
        status                    TEXT,
        exempt                    INTEGER,
        temporary_organisation_id TEXT,
        PRIMARY KEY (member_id, seq, part)
    );
    CREATE INDEX IF NOT EXISTS ev_asof_member_facts_org ON ev_asof_member_facts (organisation_id);
    CREATE TABLE IF NOT EXISTS ev_asof_rolls (
        member_id                 TEXT NOT NULL,
        n                         INTEGER NOT NULL,
        valid_from                TEXT NOT NULL,
        valid_to                  TEXT,
        organisation_id           TEXT NOT NULL,
        status                    TEXT NOT NULL,
        exempt                    INTEGER NOT NULL,
        temporary_organisation_id TEXT,
        PRIMARY KEY (member_id, n)
    );
    CREATE INDEX IF NOT EXISTS ev_asof_rolls_org ON ev_asof_rolls (organisation_id);
    CREATE TABLE IF NOT EXISTS ev_asof_members (
        member_id  TEXT PRIMARY KEY,
        full_name  TEXT NOT NULL,
        admissions TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ev_asof_disciplines (
        subject_id   TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        subject_kind TEXT NOT NULL,
        decided_on   TEXT NOT NULL,
        form         TEXT NOT NULL,
        misconduct   TEXT,
        PRIMARY KEY (subject_id, seq)
    );
    CREATE INDEX IF NOT EXISTS ev_asof_disciplines_on
        ON ev_asof_disciplines (subject_kind, decided_on)
    """,
    placeholder="?",
    insert_org_fact="INSERT INTO ev_asof_org_facts VALUES (?, ?, ?, ?, ?, ?)",
    org_facts="SELECT organisation_id, seq, on_date, kind, parent_id, into_id "
              "FROM ev_asof_org_facts",
    forget_paths="DELETE FROM ev_asof_org_paths",
    insert_path="INSERT INTO ev_asof_org_paths VALUES (?, ?, ?, ?, ?)",
    save_organisation="INSERT INTO ev_asof_organisations VALUES (?, ?, ?) "
                      "ON CONFLICT (organisation_id) DO UPDATE "
                      "SET name = excluded.name, type = excluded.type",
    rename_organisation="UPDATE ev_asof_organisations SET name = ? WHERE organisation_id = ?",
    insert_member_fact="INSERT INTO ev_asof_member_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    member_facts_of="SELECT member_id, seq, part, on_date, organisation_id, status, exempt, "
                    "temporary_organisation_id FROM ev_asof_member_facts "
                    "WHERE member_id IN ({keys})",
    placed_in="SELECT DISTINCT member_id FROM ev_asof_member_facts "
              "WHERE organisation_id IN ({keys}) OR temporary_organisation_id IN ({keys})",
    forget_rolls="DELETE FROM ev_asof_rolls WHERE member_id IN ({keys})",
    insert_roll="INSERT INTO ev_asof_rolls VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    member="SELECT full_name, admissions FROM ev_asof_members WHERE member_id = ?",
    save_member="INSERT INTO ev_asof_members VALUES (?, ?, ?) "
                "ON CONFLICT (member_id) DO UPDATE "
                "SET full_name = excluded.full_name, admissions = excluded.admissions",
    insert_discipline="INSERT INTO ev_asof_disciplines VALUES (?, ?, ?, ?, ?, ?)",
    organisations="SELECT organisation_id, name, type FROM ev_asof_organisations",
    organisation="SELECT organisation_id, name, type FROM ev_asof_organisations "
                 "WHERE organisation_id = :org",
    paths_on="SELECT organisation_id, path FROM ev_asof_org_paths "
             "WHERE path LIKE :scope AND valid_from <= :day "
             "AND (valid_to IS NULL OR valid_to > :day)",
    paths_between="SELECT organisation_id, valid_from, valid_to, path FROM ev_asof_org_paths "
                  "WHERE path LIKE :scope AND valid_from <= :b "
                  "AND (valid_to IS NULL OR valid_to > :a)",
    latest_path="SELECT path FROM ev_asof_org_paths WHERE organisation_id = :org "
                "ORDER BY n DESC LIMIT 1",
    rolls_on="""
    SELECT r.member_id, r.organisation_id, r.status, r.exempt, r.temporary_organisation_id,
           m.full_name, m.admissions, p.path AS home_path, t.path AS stay_path
    FROM ev_asof_rolls r
    JOIN ev_asof_members m ON m.member_id = r.member_id
    LEFT JOIN ev_asof_org_paths p ON p.organisation_id = r.organisation_id
         AND p.valid_from <= :day AND (p.valid_to IS NULL OR p.valid_to > :day)
    LEFT JOIN ev_asof_org_paths t ON t.organisation_id = r.temporary_organisation_id
         AND t.valid_from <= :day AND (t.valid_to IS NULL OR t.valid_to > :day)
    WHERE r.status IN ('probationary', 'official')
      AND r.valid_from <= :day AND (r.valid_to IS NULL OR r.valid_to > :day)
      AND (p.path LIKE :scope OR t.path LIKE :scope)
    ORDER BY r.member_id
    """,
    disciplines_of="SELECT decided_on, form, misconduct FROM ev_asof_disciplines "
                   "WHERE subject_id = :subject AND decided_on >= :a AND decided_on <= :b "
                   "ORDER BY decided_on, seq",
    disciplines_between="SELECT subject_id, decided_on, form, misconduct "
                        "FROM ev_asof_disciplines WHERE subject_kind = :kind "
                        "AND decided_on >= :a AND decided_on <= :b "
                        "ORDER BY decided_on, subject_id, seq",
    members_disciplined_within="""
    SELECT DISTINCT d.subject_id
    FROM ev_asof_disciplines d
    JOIN ev_asof_rolls r ON r.member_id = d.subject_id
         AND r.valid_from <= d.decided_on AND (r.valid_to IS NULL OR r.valid_to > d.decided_on)
    JOIN ev_asof_org_paths p ON p.organisation_id = r.organisation_id
         AND p.valid_from <= d.decided_on AND (p.valid_to IS NULL OR p.valid_to > d.decided_on)
    WHERE d.subject_kind = 'member' AND d.decided_on >= :a AND d.decided_on <= :b
      AND p.path LIKE :scope
    ORDER BY d.subject_id
    """,
)
