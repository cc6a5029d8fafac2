"""The meetings read models' statements written out for PostgreSQL (the distributed
deployment): psycopg's `%s` / `%(name)s` parameters, the "C" collation for byte order."""

from ...application.compliance import ComplianceSql
from ...application.projections.absences import UnexcusedAbsencesSql
from ...application.projections.attendance import MeetingAttendanceSql
from ...application.projections.meetings import MeetingRecordsSql
from ...application.projections.organisations import OrganisationPathsSql
from ...application.projections.removal_grounds import RemovalGroundsSql
from ...application.projections.rosters import BranchRostersSql
from ...application.queries import QueriesSql
from ...application.read_model_sql import MeetingsSql
from ...application.reading import ReadingSql
from ...application.statistics import StatisticsSql
from .as_of import POSTGRES_AS_OF

POSTGRES = MeetingsSql(
    organisations=OrganisationPathsSql(
        ddl="""
        CREATE TABLE IF NOT EXISTS mt_organisations (
            id             TEXT PRIMARY KEY,
            name           TEXT NOT NULL,
            name_key       TEXT NOT NULL COLLATE "C",
            type           TEXT NOT NULL,
            parent_id      TEXT,
            path           TEXT NOT NULL,
            status         TEXT NOT NULL,
            merged_into    TEXT,
            established_on TEXT NOT NULL,
            ended_on       TEXT
        );
        CREATE INDEX IF NOT EXISTS mt_organisations_path ON mt_organisations (path)
        """,
        path_of="SELECT path FROM mt_organisations WHERE id = %s",
        insert="INSERT INTO mt_organisations "
               "VALUES (%s, %s, %s, %s, %s, %s, 'active', NULL, %s, NULL)",
        rename="UPDATE mt_organisations SET name = %s, name_key = %s WHERE id = %s",
        active_children="SELECT id FROM mt_organisations "
                        "WHERE parent_id = %s AND status = 'active'",
        move_subtree="UPDATE mt_organisations SET path = %s || substr(path, %s) "
                     "WHERE substr(path, 1, %s) = %s",
        set_parent="UPDATE mt_organisations SET parent_id = %s WHERE id = %s",
        merge="UPDATE mt_organisations SET status = 'merged', merged_into = %s, ended_on = %s "
              "WHERE id = %s",
        dissolve="UPDATE mt_organisations SET status = 'dissolved', ended_on = %s WHERE id = %s",
        merged_into="SELECT merged_into FROM mt_organisations WHERE id = %s",
    ),
    rosters=BranchRostersSql(
        ddl="""
        CREATE TABLE IF NOT EXISTS mt_roster (
            member_id                 TEXT PRIMARY KEY,
            organisation_id           TEXT NOT NULL,
            full_name                 TEXT NOT NULL,
            name_key                  TEXT NOT NULL COLLATE "C",
            status                    TEXT NOT NULL,
            exempt                    INTEGER NOT NULL DEFAULT 0,
            temporary_organisation_id TEXT,
            suspended                 INTEGER NOT NULL DEFAULT 0,
            suspended_on              TEXT
        );
        CREATE INDEX IF NOT EXISTS mt_roster_org ON mt_roster (organisation_id, status);
        CREATE INDEX IF NOT EXISTS mt_roster_temporary ON mt_roster (temporary_organisation_id);
        CREATE TABLE IF NOT EXISTS mt_roster_merges (
            organisation_id TEXT PRIMARY KEY,
            into_id         TEXT NOT NULL
        )
        """,
        upsert="INSERT INTO mt_roster (member_id, organisation_id, full_name, name_key, status) "
               "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (member_id) DO UPDATE SET "
               "organisation_id = excluded.organisation_id, full_name = excluded.full_name, "
               "name_key = excluded.name_key, status = excluded.status, exempt = 0, "
               "temporary_organisation_id = NULL, suspended = 0, suspended_on = NULL",
        set_status="UPDATE mt_roster SET status = %s WHERE member_id = %s",
        leave="UPDATE mt_roster SET status = 'left', exempt = 0, temporary_organisation_id = NULL "
              "WHERE member_id = %s",
        move="UPDATE mt_roster SET organisation_id = %s WHERE member_id = %s",
        move_temporarily="UPDATE mt_roster SET temporary_organisation_id = %s WHERE member_id = %s",
        end_temporary_transfer="UPDATE mt_roster SET temporary_organisation_id = NULL "
                               "WHERE member_id = %s",
        set_exempt="UPDATE mt_roster SET exempt = %s WHERE member_id = %s",
        rename="UPDATE mt_roster SET full_name = %s, name_key = %s WHERE member_id = %s",
        merge_organisation="UPDATE mt_roster SET organisation_id = %s WHERE organisation_id = %s",
        merge_temporary_organisation="UPDATE mt_roster SET temporary_organisation_id = %s "
                                     "WHERE temporary_organisation_id = %s",
        record_merge="INSERT INTO mt_roster_merges VALUES (%s, %s)",
        survivor="SELECT into_id FROM mt_roster_merges WHERE organisation_id = %s",
        set_suspended="UPDATE mt_roster SET suspended = %s, suspended_on = %s "
                      "WHERE member_id = %s",
    ),
    records=MeetingRecordsSql(
        ddl="""
        CREATE TABLE IF NOT EXISTS meetings (
            meeting_id         TEXT PRIMARY KEY,
            organisation_id    TEXT NOT NULL,
            kind               TEXT NOT NULL,
            topic              TEXT,
            status             TEXT NOT NULL,
            scheduled_start    TEXT NOT NULL,
            scheduled_on       TEXT NOT NULL,
            planned_minutes    INTEGER NOT NULL,
            minimum_minutes    INTEGER NOT NULL,
            agenda             TEXT NOT NULL,
            rule_version       TEXT NOT NULL,
            started_at         TEXT,
            held_on            TEXT,
            ended_at           TEXT,
            actual_minutes     INTEGER,
            duration_compliant INTEGER,
            materials_first_at TEXT,
            materials_late     INTEGER,
            summoned           INTEGER NOT NULL DEFAULT 0,
            present            INTEGER,
            absent_excused     INTEGER,
            absent_unexcused   INTEGER,
            minutes_closed_at  TEXT,
            cancelled_at       TEXT,
            cancel_reason      TEXT,
            updated_position   INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS meetings_org ON meetings (organisation_id, scheduled_start);
        CREATE INDEX IF NOT EXISTS meetings_held ON meetings (held_on);
        CREATE TABLE IF NOT EXISTS meeting_materials (
            meeting_id         TEXT NOT NULL,
            global_position    INTEGER NOT NULL,
            title              TEXT NOT NULL,
            published_at       TEXT NOT NULL,
            late               INTEGER NOT NULL,
            lead_days_required INTEGER NOT NULL,
            rule_version       TEXT NOT NULL,
            PRIMARY KEY (meeting_id, global_position)
        );
        CREATE TABLE IF NOT EXISTS meeting_cadres (
            meeting_id        TEXT NOT NULL,
            global_position   INTEGER NOT NULL,
            full_name         TEXT NOT NULL,
            title             TEXT NOT NULL,
            organisation_name TEXT NOT NULL,
            PRIMARY KEY (meeting_id, global_position)
        );
        CREATE TABLE IF NOT EXISTS meeting_resolutions (
            resolution_id    TEXT PRIMARY KEY,
            meeting_id       TEXT NOT NULL,
            global_position  INTEGER NOT NULL,
            title            TEXT NOT NULL,
            votes_for        INTEGER NOT NULL,
            votes_against    INTEGER NOT NULL,
            votes_abstaining INTEGER NOT NULL,
            summoned         INTEGER NOT NULL,
            denominator      INTEGER NOT NULL,
            excluded         TEXT NOT NULL,
            rule_version     TEXT NOT NULL,
            resolution_type  TEXT NOT NULL,
            subject_member_id TEXT,
            required_votes   INTEGER NOT NULL,
            passed           INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS meeting_resolutions_meeting
            ON meeting_resolutions (meeting_id, global_position)
        """,
        schedule="INSERT INTO meetings (meeting_id, organisation_id, kind, topic, status, "
                 "scheduled_start, scheduled_on, planned_minutes, minimum_minutes, agenda, "
                 "rule_version, updated_position) "
                 "VALUES (%s, %s, %s, %s, 'scheduled', %s, %s, %s, %s, %s, %s, %s)",
        reschedule="UPDATE meetings SET scheduled_start = %(scheduled_start)s, "
                   "scheduled_on = %(scheduled_on)s, minimum_minutes = %(minimum_minutes)s, "
                   "materials_late = %(materials_late)s, rule_version = %(rule_version)s, "
                   "updated_position = %(updated_position)s WHERE meeting_id = %(meeting_id)s",
        cancel="UPDATE meetings SET status = %(status)s, cancelled_at = %(cancelled_at)s, "
               "cancel_reason = %(cancel_reason)s, updated_position = %(updated_position)s "
               "WHERE meeting_id = %(meeting_id)s",
        add_materials="INSERT INTO meeting_materials VALUES (%s, %s, %s, %s, %s, %s, %s)",
        first_materials_at="SELECT materials_first_at FROM meetings WHERE meeting_id = %s",
        set_first_materials="UPDATE meetings SET materials_first_at = %(materials_first_at)s, "
                            "materials_late = %(materials_late)s, "
                            "updated_position = %(updated_position)s "
                            "WHERE meeting_id = %(meeting_id)s",
        open="UPDATE meetings SET status = %(status)s, started_at = %(started_at)s, "
             "held_on = %(held_on)s, summoned = %(summoned)s, "
             "updated_position = %(updated_position)s WHERE meeting_id = %(meeting_id)s",
        add_cadre="INSERT INTO meeting_cadres VALUES (%s, %s, %s, %s, %s)",
        add_resolution="INSERT INTO meeting_resolutions "
                       "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        close="UPDATE meetings SET status = %(status)s, ended_at = %(ended_at)s, "
              "actual_minutes = %(actual_minutes)s, minimum_minutes = %(minimum_minutes)s, "
              "duration_compliant = %(duration_compliant)s, "
              "updated_position = %(updated_position)s WHERE meeting_id = %(meeting_id)s",
        close_minutes="UPDATE meetings SET status = %(status)s, "
                      "minutes_closed_at = %(minutes_closed_at)s, present = %(present)s, "
                      "absent_excused = %(absent_excused)s, "
                      "absent_unexcused = %(absent_unexcused)s, "
                      "updated_position = %(updated_position)s WHERE meeting_id = %(meeting_id)s",
    ),
    attendance=MeetingAttendanceSql(
        ddl="""
        CREATE TABLE IF NOT EXISTS meeting_attendance (
            meeting_id                  TEXT NOT NULL,
            member_id                   TEXT NOT NULL,
            full_name                   TEXT NOT NULL,
            name_key                    TEXT NOT NULL COLLATE "C",
            official                    INTEGER NOT NULL,
            exempt                      INTEGER NOT NULL,
            temporarily_transferred_out INTEGER NOT NULL,
            temporary_member            INTEGER NOT NULL,
            suspended                   INTEGER NOT NULL,
            status                      TEXT,
            reason                      TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (meeting_id, member_id)
        );
        CREATE INDEX IF NOT EXISTS meeting_attendance_member ON meeting_attendance (member_id)
        """,
        summon="INSERT INTO meeting_attendance (meeting_id, member_id, full_name, name_key, "
               "official, exempt, temporarily_transferred_out, temporary_member, suspended) "
               "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        record="UPDATE meeting_attendance SET status = %s, reason = %s "
               "WHERE meeting_id = %s AND member_id = %s",
    ),
    absences=UnexcusedAbsencesSql(
        ddl="""
        CREATE TABLE IF NOT EXISTS absence_counts (
            member_id       TEXT NOT NULL,
            year            INTEGER NOT NULL,
            meeting_id      TEXT NOT NULL,
            organisation_id TEXT NOT NULL,
            held_on         TEXT NOT NULL,
            count           INTEGER NOT NULL,
            PRIMARY KEY (member_id, meeting_id)
        );
        CREATE INDEX IF NOT EXISTS absence_counts_year ON absence_counts (year, member_id)
        """,
        count="INSERT INTO absence_counts VALUES (%s, %s, %s, %s, %s, %s)",
    ),
    reading=ReadingSql(
        mark="%s",
        path_of="SELECT path FROM mt_organisations WHERE id = %s",
        branches="SELECT id AS org_id, name AS org_name, type AS org_type, "
                 "status AS org_status, established_on, ended_on FROM mt_organisations "
                 "WHERE path LIKE %s AND type IN ('grassroots_branch', 'sub_branch') "
                 "ORDER BY name_key, id",
    ),
    queries=QueriesSql(
        organisation="SELECT * FROM mt_organisations WHERE id = %s",
        roster="""
        SELECT member_id, full_name, status, exempt, suspended, name_key,
               temporary_organisation_id IS NOT NULL AND organisation_id = %(org)s AS out_,
               organisation_id <> %(org)s AS in_
        FROM mt_roster
        WHERE status IN ('probationary', 'official')
          AND (organisation_id = %(org)s OR temporary_organisation_id = %(org)s)
        ORDER BY name_key, member_id
        """,
        count_meetings="SELECT COUNT(*) AS n FROM meetings m "
                       "JOIN mt_organisations o ON o.id = m.organisation_id WHERE o.path LIKE %s",
        meetings_in="SELECT m.*, o.id AS org_id, o.name AS org_name, o.type AS org_type, "
                    "o.status AS org_status FROM meetings m "
                    "JOIN mt_organisations o ON o.id = m.organisation_id WHERE o.path LIKE %s",
        scheduled_between=" AND m.scheduled_on BETWEEN %s AND %s",
        status_in=" AND m.status IN ({marks})",
        after_cursor=" AND (m.scheduled_start < %s OR (m.scheduled_start = %s "
                     "AND m.meeting_id < %s))",
        newest_first=" ORDER BY m.scheduled_start DESC, m.meeting_id DESC LIMIT %s",
        meeting="SELECT m.*, o.id AS org_id, o.name AS org_name, o.type AS org_type, "
                "o.status AS org_status FROM meetings m "
                "JOIN mt_organisations o ON o.id = m.organisation_id WHERE m.meeting_id = %s",
        attendance_of="SELECT * FROM meeting_attendance WHERE meeting_id = %s "
                      "ORDER BY name_key, member_id",
        resolutions_of="SELECT * FROM meeting_resolutions WHERE meeting_id = %s "
                       "ORDER BY global_position",
        cadres_of="SELECT * FROM meeting_cadres WHERE meeting_id = %s ORDER BY global_position",
        materials_of="SELECT * FROM meeting_materials WHERE meeting_id = %s "
                     "ORDER BY published_at, global_position",
        applied_position="SELECT COUNT(*) AS n, MIN(position) AS p FROM projection_checkpoints "
                         "WHERE source = %s",
        member_placement="SELECT member_id, organisation_id, status FROM mt_roster "
                         "WHERE member_id = %s",
    ),
    statistics=StatisticsSql(
        attendance_rate="""
        SELECT
            SUM(CASE WHEN a.status = 'present' AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 THEN 1 ELSE 0 END) AS present,
            SUM(CASE WHEN a.status = 'absent_excused' AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 AND a.exempt = 0 THEN 1 ELSE 0 END) AS excused,
            SUM(CASE WHEN a.status = 'absent_unexcused' AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 AND a.exempt = 0 THEN 1 ELSE 0 END) AS unexcused,
            SUM(CASE WHEN a.status IS NULL AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 AND a.exempt = 0 THEN 1 ELSE 0 END) AS unrecorded,
            COUNT(DISTINCT a.meeting_id) AS meetings
        FROM meeting_attendance a JOIN meetings m ON m.meeting_id = a.meeting_id
        JOIN mt_org_paths_then o ON o.organisation_id = m.organisation_id
         AND o.valid_from <= m.held_on AND (o.valid_to IS NULL OR o.valid_to > m.held_on)
        WHERE m.status IN ('opened', 'ended', 'minutes_closed')
          AND m.held_on BETWEEN %(a)s AND %(b)s
          AND o.path LIKE %(scope)s
        """,
        attendance_by_branch="""
        SELECT m.organisation_id,
            SUM(CASE WHEN a.status = 'present' AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 THEN 1 ELSE 0 END) AS present,
            SUM(CASE WHEN a.status = 'absent_excused' AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 AND a.exempt = 0 THEN 1 ELSE 0 END) AS excused,
            SUM(CASE WHEN a.status = 'absent_unexcused' AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 AND a.exempt = 0 THEN 1 ELSE 0 END) AS unexcused,
            SUM(CASE WHEN a.status IS NULL AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 AND a.exempt = 0 THEN 1 ELSE 0 END) AS unrecorded,
            COUNT(DISTINCT a.meeting_id) AS meetings
        FROM meeting_attendance a JOIN meetings m ON m.meeting_id = a.meeting_id
        JOIN mt_org_paths_then o ON o.organisation_id = m.organisation_id
         AND o.valid_from <= m.held_on AND (o.valid_to IS NULL OR o.valid_to > m.held_on)
        WHERE m.status IN ('opened', 'ended', 'minutes_closed')
          AND m.held_on BETWEEN %(a)s AND %(b)s
          AND o.path LIKE %(scope)s
        GROUP BY m.organisation_id
        """,
        attendance_by_member="""
        SELECT a.member_id, MAX(a.full_name) AS summoned_name, MAX(a.name_key) AS key,
            SUM(CASE WHEN a.status = 'present' AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 THEN 1 ELSE 0 END) AS present,
            SUM(CASE WHEN a.status = 'absent_excused' AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 AND a.exempt = 0 THEN 1 ELSE 0 END) AS excused,
            SUM(CASE WHEN a.status = 'absent_unexcused' AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 AND a.exempt = 0 THEN 1 ELSE 0 END) AS unexcused,
            SUM(CASE WHEN a.status IS NULL AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 AND a.exempt = 0 THEN 1 ELSE 0 END) AS unrecorded,
            COUNT(DISTINCT a.meeting_id) AS meetings
        FROM meeting_attendance a JOIN meetings m ON m.meeting_id = a.meeting_id
        JOIN mt_org_paths_then o ON o.organisation_id = m.organisation_id
         AND o.valid_from <= m.held_on AND (o.valid_to IS NULL OR o.valid_to > m.held_on)
        WHERE m.status IN ('opened', 'ended', 'minutes_closed')
          AND m.held_on BETWEEN %(a)s AND %(b)s
          AND o.path LIKE %(scope)s
        GROUP BY a.member_id
        """,
        member_attendance="""
        SELECT
            SUM(CASE WHEN a.status = 'present' AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 THEN 1 ELSE 0 END) AS present,
            SUM(CASE WHEN a.status = 'absent_excused' AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 AND a.exempt = 0 THEN 1 ELSE 0 END) AS excused,
            SUM(CASE WHEN a.status = 'absent_unexcused' AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 AND a.exempt = 0 THEN 1 ELSE 0 END) AS unexcused,
            SUM(CASE WHEN a.status IS NULL AND a.temporarily_transferred_out = 0
                     AND a.suspended = 0 AND a.exempt = 0 THEN 1 ELSE 0 END) AS unrecorded,
            COUNT(DISTINCT a.meeting_id) AS meetings
        FROM meeting_attendance a JOIN meetings m ON m.meeting_id = a.meeting_id
        JOIN mt_organisations o ON o.id = m.organisation_id
        WHERE m.status IN ('opened', 'ended', 'minutes_closed')
          AND m.held_on BETWEEN %(a)s AND %(b)s
          AND a.member_id = %(member)s
        """,
        current_names="SELECT member_id, name_key, full_name FROM mt_roster "
                      "WHERE member_id IN ({marks})",
        absence_flags="SELECT f.*, o.id AS org_id, o.name AS org_name, o.type AS org_type, "
                      "o.status AS org_status FROM removal_grounds f "
                      "JOIN mt_organisations o ON o.id = f.organisation_id "
                      "JOIN mt_org_paths_then t ON t.organisation_id = f.organisation_id "
                      "AND t.valid_from <= f.found_on "
                      "AND (t.valid_to IS NULL OR t.valid_to > f.found_on) "
                      "WHERE t.path LIKE %s AND f.year = %s AND f.ground = 'absences'",
        absences_of="SELECT meeting_id FROM absence_counts WHERE member_id = %s AND year = %s "
                    "ORDER BY held_on, meeting_id",
    ),
    compliance=ComplianceSql(
        held_of_kinds="SELECT m.organisation_id, m.held_on FROM meetings m "
                      "JOIN mt_org_paths_then o ON o.organisation_id = m.organisation_id "
                      "AND o.valid_from <= m.held_on "
                      "AND (o.valid_to IS NULL OR o.valid_to > m.held_on) "
                      "WHERE m.status IN ('opened', 'ended', 'minutes_closed') "
                      "AND o.path LIKE %s AND m.held_on BETWEEN %s AND %s "
                      "AND m.kind IN ({marks})",
        held_on_days="SELECT m.meeting_id, m.organisation_id, m.held_on FROM meetings m "
                     "JOIN mt_org_paths_then o ON o.organisation_id = m.organisation_id "
                     "AND o.valid_from <= m.held_on "
                     "AND (o.valid_to IS NULL OR o.valid_to > m.held_on) "
                     "WHERE m.status IN ('opened', 'ended', 'minutes_closed') "
                     "AND o.path LIKE %s AND m.held_on IN ({marks}) "
                     "ORDER BY m.started_at, m.meeting_id",
        cadres_of="SELECT * FROM meeting_cadres WHERE meeting_id IN ({marks}) "
                  "ORDER BY global_position",
        materials_issues="SELECT m.*, o.id AS org_id, o.name AS org_name, o.type AS org_type, "
                         "o.status AS org_status FROM meetings m "
                         "JOIN mt_organisations o ON o.id = m.organisation_id "
                         "JOIN mt_org_paths_then t ON t.organisation_id = m.organisation_id "
                         "AND t.valid_from <= m.scheduled_on "
                         "AND (t.valid_to IS NULL OR t.valid_to > m.scheduled_on) "
                         "WHERE t.path LIKE %s AND m.scheduled_on BETWEEN %s AND %s "
                         "AND m.status <> 'cancelled' AND (m.materials_late = 1 OR "
                         "(m.materials_first_at IS NULL "
                         "AND m.status IN ('opened', 'ended', 'minutes_closed'))) "
                         "ORDER BY m.scheduled_start, m.meeting_id",
        short_meetings="SELECT m.*, o.id AS org_id, o.name AS org_name, o.type AS org_type, "
                       "o.status AS org_status FROM meetings m "
                       "JOIN mt_organisations o ON o.id = m.organisation_id "
                       "JOIN mt_org_paths_then t ON t.organisation_id = m.organisation_id "
                       "AND t.valid_from <= m.held_on "
                       "AND (t.valid_to IS NULL OR t.valid_to > m.held_on) "
                       "WHERE t.path LIKE %s AND m.held_on BETWEEN %s AND %s "
                       "AND m.duration_compliant = 0 ORDER BY m.started_at, m.meeting_id",
        records_from="SELECT MIN(scheduled_on) AS first_on FROM meetings",
    ),
    grounds=RemovalGroundsSql(
        ddl="""
        CREATE TABLE IF NOT EXISTS removal_grounds (
            member_id       TEXT NOT NULL,
            year            INTEGER NOT NULL,
            ground          TEXT NOT NULL,
            organisation_id TEXT NOT NULL,
            months          TEXT NOT NULL,
            threshold       INTEGER NOT NULL,
            meeting_id      TEXT NOT NULL,
            found_on        TEXT NOT NULL,
            rule_version    TEXT NOT NULL,
            found_at        TEXT NOT NULL,
            PRIMARY KEY (member_id, year, ground, organisation_id)
        );
        CREATE INDEX IF NOT EXISTS removal_grounds_year ON removal_grounds (year, organisation_id)
        """,
        insert="INSERT INTO removal_grounds VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        in_scope="SELECT f.*, o.id AS org_id, o.name AS org_name, o.type AS org_type, "
                 "o.status AS org_status FROM removal_grounds f "
                 "JOIN mt_organisations o ON o.id = f.organisation_id "
                 "JOIN mt_org_paths_then t ON t.organisation_id = f.organisation_id "
                 "AND t.valid_from <= f.found_on "
                 "AND (t.valid_to IS NULL OR t.valid_to > f.found_on) "
                 "WHERE t.path LIKE %s AND f.year = %s",
    ),
    as_of=POSTGRES_AS_OF,
)
