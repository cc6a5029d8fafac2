"""The read models of personnel's own log: the posts catalogue, cadre files, plans (with the
appointments in progress), terms, and the read audit."""

from __future__ import annotations

from typing import Any

from kit.codec import EventCodec
from kit.dates import BUSINESS_OFFSET
from kit.personal import or_none
from kit.projections.decoding import DecodingProjection

from ...domain import erasure as x
from ...domain import events as e
from ...domain import rotation as r
from ..read_model_sql import PersonnelSql


class _Own(DecodingProjection):
    def __init__(self, codec: EventCodec, sql: PersonnelSql) -> None:
        super().__init__(codec)
        self.sql = sql


class PostsCatalogue(_Own):
    name = "posts_catalogue"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("ps_posts",)

    def __init__(self, codec: EventCodec, sql: PersonnelSql) -> None:
        super().__init__(codec, sql)
        self.ddl = sql.posts_ddl

    def on_PostRegistered(self, ev: e.PostRegistered, env, db: Any) -> None:
        db.execute(self.sql.insert_post, (ev.post_id, ev.title, ev.body.value, ev.level.value,
                                          ev.organisation_id, ev.managing_organisation_id,
                                          ev.rank, int(ev.head)))

    handlers = {e.PostRegistered: on_PostRegistered}


class CadreFiles(_Own):
    name = "cadre_files"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("ps_cadres",)

    def __init__(self, codec: EventCodec, sql: PersonnelSql) -> None:
        super().__init__(codec, sql)
        self.ddl = sql.cadres_ddl

    def on_CadreFileOpened(self, ev: e.CadreFileOpened, env, db: Any) -> None:
        p = or_none(ev.person)  # erased once the cadre's key is destroyed
        db.execute(self.sql.insert_cadre, (
            ev.cadre_id, ev.managing_organisation_id, ev.member_id,
            p.full_name if p else None, p.date_of_birth.isoformat() if p else None,
            p.gender.value if p else None, ev.political_theory.value, ev.education.value,
            ev.opened_on.isoformat()))

    def on_CadrePersonalDataErased(self, ev: x.CadrePersonalDataErased, env, db: Any) -> None:
        db.execute(self.sql.erase_cadre, (ev.cadre_id,))

    handlers = {e.CadreFileOpened: on_CadreFileOpened,
                x.CadrePersonalDataErased: on_CadrePersonalDataErased}


class CadrePlans(_Own):
    name = "cadre_plans"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("ps_plan_entries", "ps_appointment_proposals")

    def __init__(self, codec: EventCodec, sql: PersonnelSql) -> None:
        super().__init__(codec, sql)
        self.ddl = sql.plans_ddl

    def on_CadreAddedToPlan(self, ev: e.CadreAddedToPlan, env, db: Any) -> None:
        db.execute(self.sql.add_plan_entry, (ev.post_id, ev.cadre_id, ev.cycle,
                                             ev.decision.decided_on.isoformat(),
                                             ev.decision.number, ev.rule_version))

    def on_CadreRemovedFromPlan(self, ev: e.CadreRemovedFromPlan, env, db: Any) -> None:
        db.execute(self.sql.remove_plan_entry, (ev.decision.decided_on.isoformat(),
                                                ev.ground.value, ev.post_id, ev.cadre_id,
                                                ev.cycle))

    def on_PlanRemovalProposed(self, ev: e.PlanRemovalProposed, env, db: Any) -> None:
        db.execute(self.sql.propose_removal, (ev.proposed_on.isoformat(), ev.ground.value,
                                              ev.post_id, ev.cadre_id, ev.cycle))

    def on_AppointmentProposed(self, ev: e.AppointmentProposed, env, db: Any) -> None:
        db.execute(self.sql.insert_proposal, (ev.cadre_id, ev.post_id,
                                              ev.proposed_on.isoformat()))

    def on_CadreAppointed(self, ev: e.CadreAppointed, env, db: Any) -> None:
        db.execute(self.sql.end_proposal, (ev.cadre_id, ev.post_id))

    handlers = {e.CadreAddedToPlan: on_CadreAddedToPlan,
                e.CadreRemovedFromPlan: on_CadreRemovedFromPlan,
                e.PlanRemovalProposed: on_PlanRemovalProposed,
                e.AppointmentProposed: on_AppointmentProposed,
                e.CadreAppointed: on_CadreAppointed}


class CadreTerms(_Own):
    name = "cadre_terms"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("ps_terms",)

    def __init__(self, codec: EventCodec, sql: PersonnelSql) -> None:
        super().__init__(codec, sql)
        self.ddl = sql.terms_ddl

    def _term(self, ev: Any, kind: str, db: Any) -> None:
        db.execute(self.sql.insert_term, (ev.cadre_id, ev.post_id, ev.term_number,
                                          ev.starts_on.isoformat(), ev.ends_on.isoformat(),
                                          int(ev.head), kind))

    def on_CadreAppointed(self, ev: e.CadreAppointed, env, db: Any) -> None:
        self._term(ev, "appointed", db)

    def on_CadreReappointed(self, ev: e.CadreReappointed, env, db: Any) -> None:
        self._term(ev, "reappointed", db)

    def on_TermExtendedToRetirement(self, ev: e.TermExtendedToRetirement, env, db: Any) -> None:
        db.execute(self.sql.extend_term, (ev.ends_on.isoformat(), ev.cadre_id, ev.post_id,
                                          ev.previous_ends_on.isoformat()))

    def on_CadreRotated(self, ev: r.CadreRotated, env, db: Any) -> None:
        on = ev.starts_on.isoformat()
        for left in ev.left_post_ids:
            db.execute(self.sql.end_term, (on, ev.cadre_id, left, on))
        db.execute(self.sql.insert_term, (ev.cadre_id, ev.to_post_id, 1, on,
                                          ev.ends_on.isoformat(), int(ev.head), "rotated"))

    handlers = {e.CadreAppointed: on_CadreAppointed, e.CadreReappointed: on_CadreReappointed,
                e.TermExtendedToRetirement: on_TermExtendedToRetirement,
                r.CadreRotated: on_CadreRotated}


class CadreFileReads(_Own):
    """The read audit: every read of a cadre file, by the committee that manages the file."""

    name = "cadre_file_reads"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("ps_file_reads",)

    def __init__(self, codec: EventCodec, sql: PersonnelSql) -> None:
        super().__init__(codec, sql)
        self.ddl = sql.reads_ddl

    def on_CadreFileRead(self, ev: e.CadreFileRead, env, db: Any) -> None:
        at = ev.read_at.astimezone(BUSINESS_OFFSET).replace(microsecond=0)
        db.execute(self.sql.insert_read, (ev.read_id, ev.cadre_id, ev.managing_organisation_id,
                                          ev.reader, ev.reader_role, ev.reader_organisation_id,
                                          ev.reader_organ, at.isoformat(), ev.purpose,
                                          env.global_position))

    handlers = {e.CadreFileRead: on_CadreFileRead}


