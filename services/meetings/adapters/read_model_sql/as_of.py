"""membership_as_of's statements (application/projections/as_of.py), once per dialect."""

from ...application.projections.as_of import MembershipAsOfSql

SQLITE_AS_OF = MembershipAsOfSql(
    ddl="""
    CREATE TABLE IF NOT EXISTS mt_asof_org_facts (
        organisation_id TEXT NOT NULL,
        seq             INTEGER NOT NULL,
        on_date         TEXT NOT NULL,
        kind            TEXT NOT NULL,
        parent_id       TEXT,
        into_id         TEXT,
        PRIMARY KEY (organisation_id, seq)
    );
    CREATE TABLE IF NOT EXISTS mt_asof_member_facts (
        member_id                 TEXT NOT NULL,
        seq                       INTEGER NOT NULL,
        part                      INTEGER NOT NULL,
        on_date                   TEXT NOT NULL,
        organisation_id           TEXT,
        status                    TEXT,
        exempt                    INTEGER,
        temporary_organisation_id TEXT,
        suspended                 INTEGER,
        PRIMARY KEY (member_id, seq, part)
    );
    CREATE INDEX IF NOT EXISTS mt_asof_member_facts_org ON mt_asof_member_facts (organisation_id);
    CREATE TABLE IF NOT EXISTS mt_org_paths_then (
        organisation_id TEXT NOT NULL,
        n               INTEGER NOT NULL,
        valid_from      TEXT NOT NULL,
        valid_to        TEXT,
        path            TEXT NOT NULL,
        PRIMARY KEY (organisation_id, n)
    );
    CREATE TABLE IF NOT EXISTS mt_rolls_then (
        member_id                 TEXT NOT NULL,
        n                         INTEGER NOT NULL,
        valid_from                TEXT NOT NULL,
        valid_to                  TEXT,
        organisation_id           TEXT NOT NULL,
        status                    TEXT NOT NULL,
        exempt                    INTEGER NOT NULL,
        temporary_organisation_id TEXT,
        suspended                 INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (member_id, n)
    );
    CREATE INDEX IF NOT EXISTS mt_rolls_then_org ON mt_rolls_then (organisation_id);
    CREATE INDEX IF NOT EXISTS mt_rolls_then_temporary ON mt_rolls_then (temporary_organisation_id)
    """,
    placeholder="?",
    insert_org_fact="INSERT INTO mt_asof_org_facts VALUES (?, ?, ?, ?, ?, ?)",
    org_facts="SELECT organisation_id, seq, on_date, kind, parent_id, into_id "
              "FROM mt_asof_org_facts",
    forget_paths="DELETE FROM mt_org_paths_then",
    insert_path="INSERT INTO mt_org_paths_then VALUES (?, ?, ?, ?, ?)",
    insert_member_fact="INSERT INTO mt_asof_member_facts VALUES (?, ?, ?, ?, ?, ?, ?, "
                       "?, ?)",
    member_facts_of="SELECT * FROM mt_asof_member_facts WHERE member_id IN ({keys})",
    placed_in="SELECT DISTINCT member_id FROM mt_asof_member_facts "
              "WHERE organisation_id IN ({keys}) OR temporary_organisation_id IN ({keys})",
    forget_rolls="DELETE FROM mt_rolls_then WHERE member_id IN ({keys})",
    insert_roll="INSERT INTO mt_rolls_then VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                "?)",
    roll_then="""
    SELECT r.member_id, n.full_name, r.status, r.exempt, r.suspended, n.name_key,
           CASE WHEN r.temporary_organisation_id IS NOT NULL AND r.organisation_id = :org
                THEN 1 ELSE 0 END AS out_,
           CASE WHEN r.organisation_id <> :org THEN 1 ELSE 0 END AS in_
    FROM mt_rolls_then r JOIN mt_roster n ON n.member_id = r.member_id
    WHERE r.status IN ('probationary', 'official')
      AND r.valid_from <= :day AND (r.valid_to IS NULL OR r.valid_to > :day)
      AND (r.organisation_id = :org OR r.temporary_organisation_id = :org)
    ORDER BY n.name_key, r.member_id
    """,
    branches_then="""
    SELECT o.id AS org_id, o.name AS org_name, o.type AS org_type, o.status AS org_status,
           o.established_on, o.ended_on
    FROM mt_organisations o
    WHERE o.type IN ('grassroots_branch', 'sub_branch')
      AND EXISTS (SELECT 1 FROM mt_org_paths_then t WHERE t.organisation_id = o.id
                  AND t.path LIKE :scope AND t.valid_from <= :b
                  AND (t.valid_to IS NULL OR t.valid_to > :a))
    ORDER BY o.name_key, o.id
    """,
    within_then="SELECT organisation_id, valid_from, valid_to FROM mt_org_paths_then "
                "WHERE path LIKE :scope AND valid_from <= :b "
                "AND (valid_to IS NULL OR valid_to > :a)",
)

POSTGRES_AS_OF = MembershipAsOfSql(
    ddl="""
    CREATE TABLE IF NOT EXISTS mt_asof_org_facts (
        organisation_id TEXT NOT NULL,
        seq             INTEGER NOT NULL,
        on_date         TEXT NOT NULL,
        kind            TEXT NOT NULL,
        parent_id       TEXT,
        into_id         TEXT,
        PRIMARY KEY (organisation_id, seq)
    );
    CREATE TABLE IF NOT EXISTS mt_asof_member_facts (
        member_id                 TEXT NOT NULL,
        seq                       INTEGER NOT NULL,
        part                      INTEGER NOT NULL,
        on_date                   TEXT NOT NULL,
        organisation_id           TEXT,
        status                    TEXT,
        exempt                    INTEGER,
        temporary_organisation_id TEXT,
        suspended                 INTEGER,
        PRIMARY KEY (member_id, seq, part)
    );
    CREATE INDEX IF NOT EXISTS mt_asof_member_facts_org ON mt_asof_member_facts (organisation_id);
    CREATE TABLE IF NOT EXISTS mt_org_paths_then (
        organisation_id TEXT NOT NULL,
        n               INTEGER NOT NULL,
        valid_from      TEXT NOT NULL,
        valid_to        TEXT,
        path            TEXT NOT NULL,
        PRIMARY KEY (organisation_id, n)
    );
    CREATE TABLE IF NOT EXISTS mt_rolls_then (
        member_id                 TEXT NOT NULL,
        n                         INTEGER NOT NULL,
        valid_from                TEXT NOT NULL,
        valid_to                  TEXT,
        organisation_id           TEXT NOT NULL,
        status                    TEXT NOT NULL,
        exempt                    INTEGER NOT NULL,
        temporary_organisation_id TEXT,
        suspended                 INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (member_id, n)
    );
    CREATE INDEX IF NOT EXISTS mt_rolls_then_org ON mt_rolls_then (organisation_id);
    CREATE INDEX IF NOT EXISTS mt_rolls_then_temporary ON mt_rolls_then (temporary_organisation_id)
    """,
    placeholder="%s",
    insert_org_fact="INSERT INTO mt_asof_org_facts VALUES (%s, %s, %s, %s, %s, %s)",
    org_facts="SELECT organisation_id, seq, on_date, kind, parent_id, into_id "
              "FROM mt_asof_org_facts",
    forget_paths="DELETE FROM mt_org_paths_then",
    insert_path="INSERT INTO mt_org_paths_then VALUES (%s, %s, %s, %s, %s)",
    insert_member_fact="INSERT INTO mt_asof_member_facts VALUES (%s, %s, %s, %s, %s, %s, %s, "
                       "%s, %s)",
    member_facts_of="SELECT * FROM mt_asof_member_facts WHERE member_id IN ({keys})",
    placed_in="SELECT DISTINCT member_id FROM mt_asof_member_facts "
              "WHERE organisation_id IN ({keys}) OR temporary_organisation_id IN ({keys})",
    forget_rolls="DELETE FROM mt_rolls_then WHERE member_id IN ({keys})",
    insert_roll="INSERT INTO mt_rolls_then VALUES (%s, %s, %s, %s, %s, %s, %s, %s, "
                "%s)",
    roll_then="""
    SELECT r.member_id, n.full_name, r.status, r.exempt, r.suspended, n.name_key,
           CASE WHEN r.temporary_organisation_id IS NOT NULL AND r.organisation_id = %(org)s
                THEN 1 ELSE 0 END AS out_,
           CASE WHEN r.organisation_id <> %(org)s THEN 1 ELSE 0 END AS in_
    FROM mt_rolls_then r JOIN mt_roster n ON n.member_id = r.member_id
    WHERE r.status IN ('probationary', 'official')
      AND r.valid_from <= %(day)s AND (r.valid_to IS NULL OR r.valid_to > %(day)s)
      AND (r.organisation_id = %(org)s OR r.temporary_organisation_id = %(org)s)
    ORDER BY n.name_key, r.member_id
    """,
    branches_then="""
    SELECT o.id AS org_id, o.name AS org_name, o.type AS org_type, o.status AS org_status,
           o.established_on, o.ended_on
    FROM mt_organisations o
    WHERE o.type IN ('grassroots_branch', 'sub_branch')
      AND EXISTS (SELECT 1 FROM mt_org_paths_then t WHERE t.organisation_id = o.id
                  AND t.path LIKE %(scope)s AND t.valid_from <= %(b)s
                  AND (t.valid_to IS NULL OR t.valid_to > %(a)s))
    ORDER BY o.name_key, o.id
    """,
    within_then="SELECT organisation_id, valid_from, valid_to FROM mt_org_paths_then "
                "WHERE path LIKE %(scope)s AND valid_from <= %(b)s "
                "AND (valid_to IS NULL OR valid_to > %(a)s)",
)
