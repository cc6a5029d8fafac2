"""meeting_records: each meeting as the minutes book shows it, with its materials, the superior
cadres who attended, and the resolutions adopted."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain import events as e
from ...domain.values import local_date


def _int_or_none(value: bool | None) -> int | None:
    return None if value is None else int(value)


@dataclass(frozen=True)
class MeetingRecordsSql:
    """meeting_records' statements, written out once per SQL dialect (adapters). Each UPDATE
    of a meeting takes named parameters, updated_position and meeting_id among them."""

    ddl: str  # meetings, meeting_materials, meeting_cadres, meeting_resolutions, their indexes
    # (meeting_id, organisation_id, kind, topic, scheduled_start, scheduled_on, planned_minutes,
    # minimum_minutes, agenda, rule_version, updated_position): a scheduled one
    schedule: str
    # :scheduled_start, :scheduled_on, :minimum_minutes, :materials_late, :rule_version
    reschedule: str
    cancel: str  # :status, :cancelled_at, :cancel_reason
    # (meeting_id, global_position, title, published_at, late, lead_days_required, rule_version)
    add_materials: str
    first_materials_at: str  # (meeting_id) -> materials_first_at
    set_first_materials: str  # :materials_first_at, :materials_late
    open: str  # :status, :started_at, :held_on, :summoned
    add_cadre: str  # (meeting_id, global_position, full_name, title, organisation_name)
    # (resolution_id, meeting_id, global_position, title, votes_for, votes_against,
    # votes_abstaining, summoned, denominator, excluded, rule_version, resolution_type,
    # subject_member_id, required_votes, passed)
    add_resolution: str
    close: str  # :status, :ended_at, :actual_minutes, :minimum_minutes, :duration_compliant
    # :status, :minutes_closed_at, :present, :absent_excused, :absent_unexcused
    close_minutes: str


class MeetingRecords(DecodingProjection):
    name = "meeting_records"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    version = 2  # resolutions typed, with their result (rejected ones too)
    tables = ("meetings", "meeting_materials", "meeting_cadres", "meeting_resolutions")

    def __init__(self, codec: EventCodec, sql: MeetingRecordsSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def _set(self, db: sqlite3.Connection, statement: str, meeting_id: str, env: Envelope,
             **cols) -> None:
        db.execute(statement, {**cols, "updated_position": env.global_position,
                               "meeting_id": meeting_id})

    def on_MeetingScheduled(self, ev: e.MeetingScheduled, env: Envelope, db) -> None:
        db.execute(
            self.sql.schedule,
            (ev.meeting_id, ev.organisation_id, ev.kind.value, ev.topic,
             ev.scheduled_start.isoformat(), local_date(ev.scheduled_start).isoformat(),
             ev.planned_minutes, ev.minimum_minutes, json.dumps(list(ev.agenda),
                                                                 ensure_ascii=False),
             ev.rule_version, env.global_position))

    def on_MeetingRescheduled(self, ev: e.MeetingRescheduled, env, db) -> None:
        self._set(db, self.sql.reschedule, ev.meeting_id, env,
                  scheduled_start=ev.scheduled_start.isoformat(),
                  scheduled_on=local_date(ev.scheduled_start).isoformat(),
                  minimum_minutes=ev.minimum_minutes,
                  materials_late=_int_or_none(ev.materials_late),
                  rule_version=ev.rule_version)

    def on_MeetingCancelled(self, ev: e.MeetingCancelled, env, db) -> None:
        self._set(db, self.sql.cancel, ev.meeting_id, env, status="cancelled",
                  cancelled_at=ev.cancelled_at.isoformat(), cancel_reason=ev.reason)

    def on_MaterialsPublished(self, ev: e.MaterialsPublished, env, db) -> None:
        db.execute(self.sql.add_materials,
                   (ev.meeting_id, env.global_position, ev.title, ev.published_at.isoformat(),
                    int(ev.late), ev.lead_days_required, ev.rule_version))
        # the first publication decides whether members had the materials in time (a
        # reschedule judges it again: see on_MeetingRescheduled)
        (first,) = db.execute(self.sql.first_materials_at, (ev.meeting_id,)).fetchone()
        if first is None or ev.published_at.isoformat() < first:
            self._set(db, self.sql.set_first_materials, ev.meeting_id, env,
                      materials_first_at=ev.published_at.isoformat(), materials_late=int(ev.late))

    def on_MeetingOpened(self, ev: e.MeetingOpened, env, db) -> None:
        self._set(db, self.sql.open, ev.meeting_id, env, status="opened",
                  started_at=ev.started_at.isoformat(),
                  held_on=local_date(ev.started_at).isoformat(), summoned=len(ev.summoned))

    def on_SuperiorCadreAttended(self, ev: e.SuperiorCadreAttended, env, db) -> None:
        db.execute(self.sql.add_cadre,
                   (ev.meeting_id, env.global_position, ev.full_name, ev.title,
                    ev.organisation_name))

    def _resolution(self, ev: e.ResolutionAdopted | e.ResolutionRejected, env, db,
                    passed: bool) -> None:
        excluded = json.dumps([[x.member_id, x.reason.value] for x in ev.excluded])
        db.execute(self.sql.add_resolution,
                   (ev.resolution_id, ev.meeting_id, env.global_position, ev.title, ev.votes_for,
                    ev.votes_against, ev.votes_abstaining, ev.summoned, ev.denominator, excluded,
                    ev.rule_version, ev.resolution_type.value, ev.subject_member_id,
                    ev.required_votes, int(passed)))

    def on_ResolutionAdopted(self, ev: e.ResolutionAdopted, env, db) -> None:
        self._resolution(ev, env, db, passed=True)

    def on_ResolutionRejected(self, ev: e.ResolutionRejected, env, db) -> None:
        self._resolution(ev, env, db, passed=False)

    def on_MeetingClosed(self, ev: e.MeetingClosed, env, db) -> None:
        self._set(db, self.sql.close, ev.meeting_id, env, status="ended",
                  ended_at=ev.ended_at.isoformat(),
                  actual_minutes=ev.actual_minutes, minimum_minutes=ev.minimum_minutes,
                  duration_compliant=int(ev.duration_compliant))

    def on_MinutesClosed(self, ev: e.MinutesClosed, env, db) -> None:
        self._set(db, self.sql.close_minutes, ev.meeting_id, env, status="minutes_closed",
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
        e.ResolutionRejected: on_ResolutionRejected,
        e.MeetingClosed: on_MeetingClosed,
        e.MinutesClosed: on_MinutesClosed,
    }
