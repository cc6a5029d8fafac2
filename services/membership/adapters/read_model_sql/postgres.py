"""Membership's read-model statements in PostgreSQL's dialect (psycopg): `%s` and `%(name)s`
parameters, names compared bytewise with COLLATE "C"."""

from ...application.statements import (
    BadgesSql,
    MemberHistorySql,
    MembershipSql,
    MembersSql,
    OrganisationTreeSql,
    QueriesSql,
    TreeAsOfSql,
    WorkQueueSql,
)
from .changes_postgres import CHANGE_QUERIES, SUSPENSIONS, TRANSFERS
from .province_transfers import SQL as PROVINCE_TRANSFERS

ORGANISATION_TREE = OrganisationTreeSql(
    ddl="""
    CREATE TABLE IF NOT EXISTS org_tree (
        id             TEXT PRIMARY KEY,
        name           TEXT NOT NULL,
        name_key       TEXT NOT NULL COLLATE "C",
        type           TEXT NOT NULL,
        parent_id      TEXT,
        path           TEXT NOT NULL,
        depth          INTEGER NOT NULL,
        status         TEXT NOT NULL,
        merged_into    TEXT,
        established_on TEXT NOT NULL,
        ended_on       TEXT
    );
    CREATE INDEX IF NOT EXISTS org_tree_path ON org_tree (path);
    CREATE INDEX IF NOT EXISTS org_tree_parent ON org_tree (parent_id, status)
    """,
    path_and_depth="SELECT path, depth FROM org_tree WHERE id = %s",
    insert="INSERT INTO org_tree VALUES (%s,%s,%s,%s,%s,%s,%s,'active',NULL,%s,NULL)",
    rename="UPDATE org_tree SET name = %s, name_key = %s WHERE id = %s",
    active_children="SELECT id FROM org_tree WHERE parent_id = %s AND status = 'active'",
    merge="UPDATE org_tree SET status = 'merged', merged_into = %s, ended_on = %s "
          "WHERE id = %s",
    dissolve="UPDATE org_tree SET status = 'dissolved', ended_on = %s WHERE id = %s",
    move_paths="UPDATE org_tree SET path = %s || substr(path, %s), depth = depth + %s "
               "WHERE substr(path, 1, %s) = %s",
    set_parent="UPDATE org_tree SET parent_id = %s WHERE id = %s",
    merged_into="SELECT merged_into FROM org_tree WHERE id = %s",
)

MEMBERS = MembersSql(
    # members_suspended: the few suspended, for a subtree's counts (subtree_suspended), which
    # otherwise read every member of the subtree (a commune of the demo: 2.8 -> 0.01 ms).
    # member_counts: as sqlite.py's, its triggers calling one plpgsql function (its body quoted
    # with '...', not $$...$$, so kit's statement splitter sees where it ends)
    ddl="""
    CREATE TABLE IF NOT EXISTS members (
        id                TEXT PRIMARY KEY,
        organisation_id   TEXT NOT NULL,
        full_name         TEXT NOT NULL,
        name_key          TEXT NOT NULL COLLATE "C",
        search_name       TEXT NOT NULL,
        gender            TEXT NOT NULL,
        date_of_birth     TEXT NOT NULL,
        ethnicity         TEXT NOT NULL,
        hometown          TEXT NOT NULL,
        citizen_id        TEXT NOT NULL,
        education         TEXT NOT NULL,
        political_theory  TEXT NOT NULL,
        occupation        TEXT NOT NULL,
        qualification     TEXT NOT NULL,
        status            TEXT NOT NULL,
        exempt            INTEGER NOT NULL DEFAULT 0,
        temporary_organisation_id TEXT,
        temporary_until   TEXT,
        submitted_on      TEXT,
        admitted_on       TEXT,
        first_admitted_on TEXT,
        ceremony_on       TEXT,
        probation_ends_on TEXT,
        official_from     TEXT,
        card_number       TEXT,
        left_on           TEXT,
        last_disciplined  TEXT,
        suspended         INTEGER NOT NULL DEFAULT 0,
        suspended_on      TEXT,
        transit_to_organisation_id TEXT,
        transit_present_by TEXT,
        updated_position  INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS members_org ON members (organisation_id, status, name_key);
    CREATE INDEX IF NOT EXISTS members_name ON members (name_key, id);
    CREATE INDEX IF NOT EXISTS members_suspended ON members (organisation_id) WHERE suspended = 1;
    CREATE TABLE IF NOT EXISTS members_merged_organisations (
        organisation_id TEXT PRIMARY KEY,
        into_id         TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS member_counts (
        organisation_id TEXT NOT NULL,
        status          TEXT NOT NULL,
        n               INTEGER NOT NULL,
        PRIMARY KEY (organisation_id, status)
    );
    CREATE OR REPLACE FUNCTION members_count() RETURNS trigger LANGUAGE plpgsql AS '
    BEGIN
        IF TG_OP <> ''INSERT'' THEN
            UPDATE member_counts SET n = n - 1
            WHERE organisation_id = OLD.organisation_id AND status = OLD.status;
            DELETE FROM member_counts
            WHERE organisation_id = OLD.organisation_id AND status = OLD.status AND n = 0;
        END IF;
        IF TG_OP <> ''DELETE'' THEN
            INSERT INTO member_counts (organisation_id, status, n)
            VALUES (NEW.organisation_id, NEW.status, 1)
            ON CONFLICT (organisation_id, status) DO UPDATE SET n = member_counts.n + 1;
        END IF;
        RETURN NULL;
    END';
    CREATE OR REPLACE TRIGGER members_counted AFTER INSERT ON members
    FOR EACH ROW EXECUTE FUNCTION members_count();
    CREATE OR REPLACE TRIGGER members_recounted AFTER UPDATE OF organisation_id, status ON members
    FOR EACH ROW WHEN (OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
                       OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION members_count();
    CREATE OR REPLACE TRIGGER members_uncounted AFTER DELETE ON members
    FOR EACH ROW EXECUTE FUNCTION members_count();
    DELETE FROM member_counts;
    INSERT INTO member_counts (organisation_id, status, n)
    SELECT organisation_id, status, COUNT(*) FROM members GROUP BY organisation_id, status
    """,
    placeholder="%s",
    update="UPDATE members SET {assignments} WHERE id = %s",
    insert="INSERT INTO members ({columns}) VALUES ({values})",
    first_admission="UPDATE members SET first_admitted_on = admitted_on WHERE id = %s "
                    "AND first_admitted_on IS NULL",
    merge_organisation="UPDATE members SET organisation_id = %s WHERE organisation_id = %s",
    merge_temporary_organisation="UPDATE members SET temporary_organisation_id = %s "
                                 "WHERE temporary_organisation_id = %s",
    record_merge="INSERT INTO members_merged_organisations VALUES (%s, %s)",
    survivor="SELECT into_id FROM members_merged_organisations WHERE organisation_id = %s",
    merge_transit_organisation="UPDATE members SET transit_to_organisation_id = %s "
                               "WHERE transit_to_organisation_id = %s",
)

MEMBER_HISTORY = MemberHistorySql(
    ddl="""
    CREATE TABLE IF NOT EXISTS member_history (
        member_id       TEXT NOT NULL,
        global_position INTEGER NOT NULL,
        seq             INTEGER NOT NULL,
        event           TEXT NOT NULL,
        effective_on    TEXT NOT NULL,
        recorded_at     TEXT NOT NULL,
        actor           TEXT NOT NULL,
        details         TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS member_history_key
        ON member_history (member_id, global_position, seq)
    """,
    insert="INSERT INTO member_history VALUES (%s, %s, 0, %s, %s, %s, %s, %s)",
    insert_seq="INSERT INTO member_history VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
)

BADGES_DUE = BadgesSql(
    ddl="""
    CREATE TABLE IF NOT EXISTS badge_basis (
        member_id         TEXT PRIMARY KEY,
        first_admitted_on TEXT NOT NULL,
        gaps              TEXT NOT NULL DEFAULT '',
        left_on           TEXT
    );
    CREATE TABLE IF NOT EXISTS badge_milestones (
        member_id TEXT NOT NULL,
        years     INTEGER NOT NULL,
        due_on    TEXT NOT NULL,
        PRIMARY KEY (member_id, years)
    );
    CREATE INDEX IF NOT EXISTS badge_milestones_due ON badge_milestones (due_on)
    """,
    basis="SELECT first_admitted_on, gaps FROM badge_basis WHERE member_id = %s",
    left_on="SELECT left_on FROM badge_basis WHERE member_id = %s",
    insert_basis="INSERT INTO badge_basis VALUES (%s, %s, '', NULL)",
    add_gap="UPDATE badge_basis SET gaps = gaps || CASE WHEN gaps = '' THEN '' "
            "ELSE ',' END || %s, left_on = NULL WHERE member_id = %s",
    set_left_on="UPDATE badge_basis SET left_on = %s WHERE member_id = %s",
    forget_milestones="DELETE FROM badge_milestones WHERE member_id = %s",
    insert_milestone="INSERT INTO badge_milestones VALUES (%s, %s, %s)",
)

TREE_AS_OF = TreeAsOfSql(
    ddl="""
    CREATE TABLE IF NOT EXISTS org_facts (
        organisation_id TEXT NOT NULL,
        seq             INTEGER NOT NULL,
        on_date         TEXT NOT NULL,
        kind            TEXT NOT NULL,
        name            TEXT,
        type            TEXT,
        parent_id       TEXT,
        into_id         TEXT,
        global_position INTEGER NOT NULL,
        recorded_at     TEXT NOT NULL,
        actor           TEXT NOT NULL,
        PRIMARY KEY (organisation_id, seq)
    );
    CREATE INDEX IF NOT EXISTS org_facts_parent ON org_facts (parent_id);
    CREATE INDEX IF NOT EXISTS org_facts_kind ON org_facts (kind);
    CREATE TABLE IF NOT EXISTS member_facts (
        member_id       TEXT NOT NULL,
        seq             INTEGER NOT NULL,
        part            INTEGER NOT NULL,
        on_date         TEXT NOT NULL,
        organisation_id TEXT,
        status          TEXT,
        event           TEXT NOT NULL,
        PRIMARY KEY (member_id, seq, part)
    );
    CREATE INDEX IF NOT EXISTS member_facts_org ON member_facts (organisation_id);
    CREATE TABLE IF NOT EXISTS org_versions (
        organisation_id TEXT NOT NULL,
        global_position INTEGER NOT NULL,
        valid_from      TEXT NOT NULL,
        valid_to        TEXT,
        name            TEXT NOT NULL,
        type            TEXT NOT NULL,
        parent_id       TEXT,
        PRIMARY KEY (organisation_id, global_position, valid_from)
    );
    CREATE INDEX IF NOT EXISTS org_versions_parent ON org_versions (parent_id, valid_to);
    CREATE TABLE IF NOT EXISTS member_placements (
        member_id       TEXT NOT NULL,
        global_position INTEGER NOT NULL,
        valid_from      TEXT NOT NULL,
        valid_to        TEXT,
        organisation_id TEXT NOT NULL,
        status          TEXT NOT NULL,
        PRIMARY KEY (member_id, global_position, valid_from)
    );
    CREATE INDEX IF NOT EXISTS member_placements_org
        ON member_placements (organisation_id, valid_to)
    """,
    placeholder="%s",
    insert_org_fact="INSERT INTO org_facts VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                    "%s)",
    org_facts_of="SELECT organisation_id, seq, on_date, kind, name, type, parent_id "
                 "FROM org_facts WHERE organisation_id IN ({keys})",
    merges="SELECT organisation_id, into_id, on_date FROM org_facts WHERE kind = 'merged'",
    established_on="SELECT on_date FROM org_facts WHERE organisation_id = %s "
                   "AND kind = 'created'",
    children_of="SELECT DISTINCT organisation_id FROM org_facts WHERE parent_id IN ({keys})",
    insert_member_fact="INSERT INTO member_facts VALUES (%s, %s, %s, %s, %s, %s, %s)",
    member_facts_of="SELECT member_id, seq, part, on_date, organisation_id, status "
                    "FROM member_facts WHERE member_id IN ({keys})",
    placed_in="SELECT DISTINCT member_id FROM member_facts WHERE organisation_id IN ({keys})",
    forget_versions="DELETE FROM org_versions WHERE organisation_id IN ({keys})",
    insert_version="INSERT INTO org_versions VALUES (%s, %s, %s, %s, %s, %s, %s)",
    forget_placements="DELETE FROM member_placements WHERE member_id IN ({keys})",
    insert_placement="INSERT INTO member_placements VALUES (%s, %s, %s, %s, %s, %s)",
    redate_member_fact="UPDATE member_facts SET on_date = %s WHERE member_id = %s "
                       "AND status = %s AND on_date = %s",
)

WORK_QUEUE = WorkQueueSql(
    ddl="""
    CREATE TABLE IF NOT EXISTS work_items (
        kind             TEXT NOT NULL,
        member_id        TEXT NOT NULL,
        opened_on        TEXT NOT NULL,
        since            TEXT NOT NULL,
        due_on           TEXT NOT NULL,
        rule             TEXT NOT NULL,
        rule_version     TEXT NOT NULL,
        calendar_version TEXT NOT NULL,
        closed_on        TEXT,
        global_position  INTEGER NOT NULL,
        PRIMARY KEY (kind, member_id, opened_on)
    );
    CREATE INDEX IF NOT EXISTS work_items_member ON work_items (member_id, closed_on);
    CREATE INDEX IF NOT EXISTS work_items_due ON work_items (due_on)
    """,
    forget_open="DELETE FROM work_items WHERE kind = %s AND member_id = %s "
                "AND closed_on IS NULL",
    insert="INSERT INTO work_items VALUES (%s, %s, %s, %s, %s, %s, %s, %s, NULL, %s) "
           "ON CONFLICT (kind, member_id, opened_on) DO UPDATE SET since = excluded.since, "
           "due_on = excluded.due_on, rule = excluded.rule, rule_version = excluded.rule_version, "
           "calendar_version = excluded.calendar_version, closed_on = NULL, "
           "global_position = excluded.global_position",
    close_kind="UPDATE work_items SET closed_on = %s WHERE member_id = %s AND kind = %s "
               "AND closed_on IS NULL",
    close_all="UPDATE work_items SET closed_on = %s WHERE member_id = %s "
              "AND closed_on IS NULL",
    retime="UPDATE work_items SET since = %s, due_on = %s, rule = %s, rule_version = %s, "
           "calendar_version = %s WHERE member_id = %s AND kind = %s AND closed_on IS NULL",
)

QUERIES = QueriesSql(
    placeholder="%s",
    named="%({})s",
    organisation="SELECT * FROM org_tree WHERE id = %s",
    path="SELECT path FROM org_tree WHERE id = %s",
    merged_into_and_path="SELECT merged_into, path FROM org_tree WHERE id = %s",
    merged_into="SELECT merged_into FROM org_tree WHERE id = %s",
    organisations="SELECT * FROM org_tree WHERE id IN ({ids})",
    roots="SELECT * FROM org_tree WHERE parent_id IS NULL ORDER BY name_key",
    active_subtree='SELECT * FROM org_tree WHERE org_tree.path >= %s COLLATE "C" '
                   'AND org_tree.path < %s COLLATE "C" '
                   "AND status = 'active' "
                   "ORDER BY depth, name_key",
    subtree_counts="SELECT organisation_id, status, n FROM member_counts "
                   "WHERE organisation_id IN (SELECT id FROM org_tree WHERE "
                   'path >= %s COLLATE "C" AND path < %s COLLATE "C")',
    versions_as_of="SELECT v.*, t.depth, t.status AS now_status, t.merged_into, "
                   "t.established_on, t.ended_on, t.name_key FROM org_versions v "
                   "JOIN org_tree t ON t.id = v.organisation_id "
                   "WHERE v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s)",
    counts_as_of="SELECT organisation_id, status, COUNT(*) AS n FROM member_placements "
                 "WHERE valid_from <= %s AND (valid_to IS NULL OR valid_to > %s) "
                 "GROUP BY organisation_id, status",
    member="SELECT * FROM members WHERE id = %s",
    members_by_citizen_id="SELECT * FROM members WHERE citizen_id = %s ORDER BY id",
    in_subtree='o.path >= %(lo)s COLLATE "C" AND o.path < %(hi)s COLLATE "C"',
    status_in="m.status IN ({names})",
    of_gender="m.gender = %(gender)s",
    exempt_is="m.exempt = %(exempt)s",
    name_like="m.search_name LIKE %(name)s ESCAPE '\\'",
    after_name="(m.name_key > %(ck)s OR (m.name_key = %(ck)s AND m.id > %(cid)s))",
    members_count="SELECT COUNT(*) AS n FROM members m "
                  "JOIN org_tree o ON o.id = m.organisation_id WHERE {where}",
    members_counted="SELECT COALESCE(SUM(m.n), 0) AS n FROM member_counts m "
                    "JOIN org_tree o ON o.id = m.organisation_id WHERE {where}",
    members_page="SELECT m.* FROM members m JOIN org_tree o ON o.id = m.organisation_id "
                 "WHERE {where} ORDER BY m.name_key, m.id LIMIT %(limit)s",
    # the planner weighs a name-ordered walk against sorting from its own statistics either way
    members_page_by_name="SELECT m.* FROM members m WHERE EXISTS (SELECT 1 FROM org_tree o "
                         "WHERE o.id = m.organisation_id AND {where}) "
                         "ORDER BY m.name_key, m.id LIMIT %(limit)s",
    members_size="SELECT COALESCE(SUM(n), 0) AS n FROM member_counts",  # rows per org, not member
    placed_count_as_of="SELECT COUNT(*) AS n FROM member_placements p "
                       "JOIN members m ON m.id = p.member_id "
                       "WHERE p.organisation_id = %(org)s AND p.valid_from <= %(day)s "
                       "AND (p.valid_to IS NULL OR p.valid_to > %(day)s) "
                       "AND p.status IN ('probationary', 'official')",
    placed_as_of="SELECT m.*, p.status AS status_then FROM member_placements p "
                 "JOIN members m ON m.id = p.member_id "
                 "WHERE p.organisation_id = %(org)s AND p.valid_from <= %(day)s "
                 "AND (p.valid_to IS NULL OR p.valid_to > %(day)s) "
                 "AND p.status IN ('probationary', 'official') "
                 "ORDER BY m.name_key, m.id LIMIT %(limit)s",
    placed_as_of_after="SELECT m.*, p.status AS status_then FROM member_placements p "
                       "JOIN members m ON m.id = p.member_id "
                       "WHERE p.organisation_id = %(org)s AND p.valid_from <= %(day)s "
                       "AND (p.valid_to IS NULL OR p.valid_to > %(day)s) "
                       "AND p.status IN ('probationary', 'official') "
                       "AND (m.name_key > %(ck)s "
                       "OR (m.name_key = %(ck)s AND m.id > %(cid)s)) "
                       "ORDER BY m.name_key, m.id LIMIT %(limit)s",
    member_history="SELECT * FROM member_history WHERE member_id = %s "
                   "ORDER BY effective_on, global_position, seq",
    placements_of="SELECT valid_from, organisation_id, status FROM member_placements "
                  "WHERE member_id = %s ORDER BY valid_from",
    merges_from="SELECT organisation_id, into_id, on_date, global_position, recorded_at, actor "
                "FROM org_facts WHERE kind = 'merged' AND organisation_id IN ({ids})",
    badges_count="SELECT COUNT(*) AS n FROM badge_milestones b "
                 "JOIN members m ON m.id = b.member_id "
                 "JOIN org_tree o ON o.id = m.organisation_id WHERE o.path LIKE %(path)s "
                 "AND m.status IN ('probationary', 'official') "
                 "AND b.due_on BETWEEN %(a)s AND %(b)s",
    badges="SELECT m.*, b.years, b.due_on FROM badge_milestones b "
           "JOIN members m ON m.id = b.member_id "
           "JOIN org_tree o ON o.id = m.organisation_id WHERE o.path LIKE %(path)s "
           "AND m.status IN ('probationary', 'official') "
           "AND b.due_on BETWEEN %(a)s AND %(b)s "
           "ORDER BY b.due_on, m.name_key, m.id LIMIT %(limit)s",
    badges_after="SELECT m.*, b.years, b.due_on FROM badge_milestones b "
                 "JOIN members m ON m.id = b.member_id "
                 "JOIN org_tree o ON o.id = m.organisation_id WHERE o.path LIKE %(path)s "
                 "AND m.status IN ('probationary', 'official') "
                 "AND b.due_on BETWEEN %(a)s AND %(b)s "
                 "AND (b.due_on > %(cd)s OR (b.due_on = %(cd)s AND (m.name_key > %(ck)s OR "
                 "(m.name_key = %(ck)s AND m.id > %(cid)s)))) "
                 "ORDER BY b.due_on, m.name_key, m.id LIMIT %(limit)s",
    applied_position="SELECT COUNT(*) AS n, MIN(position) AS p FROM projection_checkpoints "
                     "WHERE source = %s",
    members_on_rolls="SELECT COUNT(*) AS n FROM members WHERE organisation_id = %s "
                     "AND status IN ('probationary', 'official', 'applicant')",
    active_children="SELECT COUNT(*) AS n FROM org_tree WHERE parent_id = %s "
                    "AND status = 'active'",
    latest_naming="SELECT event, on_date FROM member_facts WHERE organisation_id = %s "
                  "UNION ALL SELECT CASE kind WHEN 'created' THEN 'OrganisationCreated' "
                  "ELSE 'OrganisationMoved' END, on_date FROM org_facts WHERE parent_id = %s "
                  "ORDER BY on_date DESC LIMIT 1",
    work_items="SELECT m.*, w.kind, w.since, w.due_on, w.rule, w.rule_version, "
               "w.calendar_version, o.name AS organisation_name FROM work_items w "
               "JOIN members m ON m.id = w.member_id "
               "JOIN org_tree o ON o.id = m.organisation_id "
               'WHERE o.path >= %(lo)s COLLATE "C" AND o.path < %(hi)s COLLATE "C" '
               "AND w.opened_on <= %(day)s AND (w.closed_on IS NULL OR w.closed_on > %(day)s) "
               "AND w.due_on <= %(until)s",
    badge_items="SELECT m.*, b.years, b.due_on, o.name AS organisation_name "
                "FROM badge_milestones b JOIN members m ON m.id = b.member_id "
                "JOIN org_tree o ON o.id = m.organisation_id "
                'WHERE o.path >= %(lo)s COLLATE "C" AND o.path < %(hi)s COLLATE "C" '
                "AND m.status IN ('probationary', 'official') AND b.due_on > %(a)s "
                "AND b.due_on <= %(b)s",
)

POSTGRES = MembershipSql(organisation_tree=ORGANISATION_TREE, members=MEMBERS,
                         member_history=MEMBER_HISTORY, badges_due=BADGES_DUE,
                         tree_as_of=TREE_AS_OF, queries=QUERIES,
                         suspensions=SUSPENSIONS, transfers=TRANSFERS,
                         change_queries=CHANGE_QUERIES,
                         work_queue=WORK_QUEUE,
                         province_transfers=PROVINCE_TRANSFERS["postgres"])
