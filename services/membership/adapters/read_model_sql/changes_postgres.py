"""The statements of the 2025 membership changes' read models and queries, in PostgreSQL's dialect
(suspensions, transfers, the members() filter and counts on suspension)."""

from ...application.change_queries import ChangeQueriesSql
from ...application.projections.suspensions import SuspensionsSql
from ...application.projections.transfers import TransfersSql

SUSPENSIONS = SuspensionsSql(
    ddl="""
    CREATE TABLE IF NOT EXISTS member_suspensions (
        member_id       TEXT NOT NULL,
        global_position INTEGER NOT NULL,
        valid_from      TEXT NOT NULL,
        valid_to        TEXT,
        ground          TEXT NOT NULL,
        reason          TEXT NOT NULL,
        rule_version    TEXT NOT NULL,
        PRIMARY KEY (member_id, global_position)
    );
    CREATE INDEX IF NOT EXISTS member_suspensions_open ON member_suspensions (member_id, valid_to)
    """,
    open="INSERT INTO member_suspensions VALUES (%s, %s, %s, NULL, %s, %s, %s)",
    close="UPDATE member_suspensions SET valid_to = %s WHERE member_id = %s AND valid_to IS NULL",
)

TRANSFERS = TransfersSql(
    ddl="""
    CREATE TABLE IF NOT EXISTS member_transfers (
        member_id            TEXT NOT NULL,
        global_position      INTEGER NOT NULL,
        kind                 TEXT NOT NULL,
        status               TEXT NOT NULL,
        from_organisation_id TEXT,
        to_organisation_id   TEXT,
        other_province       TEXT NOT NULL,
        other_organisation   TEXT NOT NULL,
        issued_on            TEXT NOT NULL,
        letter_number        TEXT NOT NULL,
        moved_on             TEXT,
        start_due_on         TEXT,
        present_by           TEXT NOT NULL,
        received_on          TEXT,
        working_days         INTEGER,
        late_reason          TEXT NOT NULL,
        calendar_version     TEXT NOT NULL,
        rule_version         TEXT NOT NULL,
        PRIMARY KEY (member_id, global_position)
    );
    CREATE INDEX IF NOT EXISTS member_transfers_status ON member_transfers (status, present_by);
    CREATE INDEX IF NOT EXISTS member_transfers_member ON member_transfers (member_id, status)
    """,
    insert="INSERT INTO member_transfers VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
           "%s, %s)",
    receive="UPDATE member_transfers SET received_on = %s, working_days = %s, late_reason = %s, "
            "status = 'received' WHERE member_id = %s AND status = 'in_transit'",
    end="UPDATE member_transfers SET status = 'ended' WHERE member_id = %s "
        "AND status = 'in_transit'",
    merge_from="UPDATE member_transfers SET from_organisation_id = %s "
               "WHERE from_organisation_id = %s",
    merge_to="UPDATE member_transfers SET to_organisation_id = %s WHERE to_organisation_id = %s",
)

_TRANSFERS = ("SELECT t.*, m.full_name FROM member_transfers t JOIN members m ON m.id = t.member_id "
              "WHERE (t.from_organisation_id IN (SELECT id FROM org_tree WHERE path >= %s "
              "COLLATE \"C\" AND path < %s COLLATE \"C\") OR t.to_organisation_id IN (SELECT id "
              "FROM org_tree WHERE path >= %s COLLATE \"C\" AND path < %s COLLATE \"C\"))")

CHANGE_QUERIES = ChangeQueriesSql(
    suspended_is="m.suspended = %(suspended)s",
    subtree_suspended="SELECT m.organisation_id, COUNT(*) AS n FROM members m "
                      "JOIN org_tree o ON o.id = m.organisation_id "
                      "WHERE o.path >= %s COLLATE \"C\" AND o.path < %s COLLATE \"C\" "
                      "AND m.suspended = 1 AND m.status IN ('probationary', 'official') "
                      "GROUP BY m.organisation_id",
    suspended_counts_as_of="SELECT p.organisation_id, COUNT(*) AS n FROM member_placements p "
                           "JOIN member_suspensions s ON s.member_id = p.member_id "
                           "WHERE p.valid_from <= %s AND (p.valid_to IS NULL OR p.valid_to > %s) "
                           "AND s.valid_from <= %s AND (s.valid_to IS NULL OR s.valid_to > %s) "
                           "AND p.status IN ('probationary', 'official') "
                           "GROUP BY p.organisation_id",
    suspended_as_of="SELECT p.member_id FROM member_placements p "
                    "JOIN member_suspensions s ON s.member_id = p.member_id "
                    "WHERE p.organisation_id = %s "
                    "AND p.valid_from <= %s AND (p.valid_to IS NULL OR p.valid_to > %s) "
                    "AND s.valid_from <= %s AND (s.valid_to IS NULL OR s.valid_to > %s) "
                    "AND p.status IN ('probationary', 'official') ORDER BY p.member_id",
    transfers=_TRANSFERS + " ORDER BY t.issued_on, t.member_id, t.global_position",
    transfers_in_transit=_TRANSFERS + " AND t.status = 'in_transit' "
                                      "ORDER BY t.issued_on, t.member_id, t.global_position",
)
