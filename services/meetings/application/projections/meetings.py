"""meeting_records: each meeting as the minutes book shows it, with its materials, the superior
cadres who attended, and the resolutions adopted."""

from __future__ import annotations

import json
import sqlite3

from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain import events as e
from ...domain.values import local_date


def _int_or_none(value: bool | None) -> int | None:
    return None if value is None else int(value)


class MeetingRecords(DecodingProjection):
    name = "meeting_records"
    tables = ("meetings", "meeting_materials", "meeting_cadres", "meeting_resolutions")
    ddl = """
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
        rule_version     TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS meeting_resolutions_meeting
        ON meeting_resolutions (meeting_id, global_position)
    """

    def _set(self, db: sqlite3.Connection, meeting_id: str, env: Envelope, **cols) -> None:
        cols["updated_position"] = env.global_position
        assignments = ", ".join(f"{k} = :{k}" for k in cols)
        db.execute(f"UPDATE meetings SET {assignments} WHERE meeting_id = :meeting_id",
                   {**cols, "meeting_id": meeting_id})

    def on_MeetingScheduled(self, ev: e.MeetingScheduled, env: Envelope, db) -> None:
        db.execute(
            "INSERT INTO meetings (meeting_id, organisation_id, kind, topic, status, "
            "scheduled_start, scheduled_on, planned_minutes, minimum_minutes, agenda, "
            "rule_version, updated_position) VALUES (?, ?, ?, ?, 'scheduled', ?, ?, ?, ?, ?, ?, ?)",
            (ev.meeting_id, ev.organisation_id, ev.kind.value, ev.topic,
             ev.scheduled_start.isoformat(), local_date(ev.scheduled_start).isoformat(),
             ev.planned_minutes, ev.minimum_minutes, json.dumps(list(ev.agenda),
                                                                 ensure_ascii=False),
             ev.rule_version, env.global_position))

    def on_MeetingRescheduled(self, ev: e.MeetingRescheduled, env, db) -> None:
        self._set(db, ev.meeting_id, env, scheduled_start=ev.scheduled_start.isoformat(),
                  scheduled_on=local_date(ev.scheduled_start).isoformat(),
                  minimum_minutes=ev.minimum_minutes,
                  materials_late=_int_or_none(ev.materials_late),
                  rule_version=ev.rule_version)

    def on_MeetingCancelled(self, ev: e.MeetingCancelled, env, db) -> None:
        self._set(db, ev.meeting_id, env, status="cancelled",
                  cancelled_at=ev.cancelled_at.isoformat(), cancel_reason=ev.reason)

    def on_MaterialsPublished(self, ev: e.MaterialsPublished, env, db) -> None:
        db.execute("INSERT INTO meeting_materials VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (ev.meeting_id, env.global_position, ev.title, ev.published_at.isoformat(),
                    int(ev.late), ev.lead_days_required, ev.rule_version))
        # the first publication decides whether members had the materials in time (a
        # reschedule judges it again: see on_MeetingRescheduled)
        (first,) = db.execute("SELECT materials_first_at FROM meetings WHERE meeting_id = ?",
                              (ev.meeting_id,)).fetchone()
        if first is None or ev.published_at.isoformat() < first:
            self._set(db, ev.meeting_id, env, materials_first_at=ev.published_at.isoformat(),
                      materials_late=int(ev.late))

    def on_MeetingOpened(self, ev: e.MeetingOpened, env, db) -> None:
        self._set(db, ev.meeting_id, env, status="opened", started_at=ev.started_at.isoformat(),
                  held_on=local_date(ev.started_at).isoformat(), summoned=len(ev.summoned))

    def on_SuperiorCadreAttended(self, ev: e.SuperiorCadreAttended, env, db) -> None:
        db.execute("INSERT INTO meeting_cadres VALUES (?, ?, ?, ?, ?)",
                   (ev.meeting_id, env.global_position, ev.full_name, ev.title,
                    ev.organisation_name))

    def on_ResolutionAdopted(self, ev: e.ResolutionAdopted, env, db) -> None:
        excluded = json.dumps([[x.member_id, x.reason.value] for x in ev.excluded])
        db.execute("INSERT INTO meeting_resolutions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (ev.resolution_id, ev.meeting_id, env.global_position, ev.title, ev.votes_for,
                    ev.votes_against, ev.votes_abstaining, ev.summoned, ev.denominator, excluded,
                    ev.rule_version))

    def on_MeetingClosed(self, ev: e.MeetingClosed, env, db) -> None:
        self._set(db, ev.meeting_id, env, status="ended", ended_at=ev.ended_at.isoformat(),
                  actual_minutes=ev.actual_minutes, minimum_minutes=ev.minimum_minutes,
                  duration_compliant=int(ev.duration_compliant))

    def on_MinutesClosed(self, ev: e.MinutesClosed, env, db) -> None:
        self._set(db, ev.meeting_id, env, status="minutes_closed",
                  minutes_closed_at=ev.closed_at.isoformat(), present=ev.present,
                  absent_excused=ev.absent_excused, absent_unexcused=ev.absent_unexcused)

    handlers = {
        e.MeetingScheduled: on_MeetingScheduled,
        e.MeetingRescheduled: on_MeetingRescheduled,
        e.MeetingCancelled: on_MeetingCancelled,
        e.MaterialsPublished: on_MaterialsPublished,
        e.MeetingOpened: on_MeetingOpened,
        e.SuperiorCadreAttended: on_SuperiorCadreAttended,
        e.ResolutionAdopted: on_ResolutionAdopted,
        e.MeetingClosed: on_MeetingClosed,
        e.MinutesClosed: on_MinutesClosed,
    }
