"""personnel_membership_view: who a member is (name, birth date, gender), where they are kept,
and every discipline membership recorded with its form and date, from membership's published
events through personnel's own classes (services never import each other)."""

from __future__ import annotations

from typing import Any

from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from .. import membership_view as v
from ..membership_view import MEMBERSHIP_VIEW, SOURCE
from ..read_model_sql import PersonnelSql


class PersonnelMembershipView(DecodingProjection):
    name = "personnel_membership_view"
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    reads = MEMBERSHIP_VIEW
    tables = ("ps_organisations", "ps_members", "ps_member_discipline")

    def __init__(self, sql: PersonnelSql, source: str = SOURCE) -> None:
        super().__init__(MEMBERSHIP_VIEW)
        self.sources = (source,)
        self.sql = sql
        self.ddl = sql.members_ddl

    def handle(self, envelope: Envelope, db: Any) -> None:
        if self.codec.knows(envelope.type):  # membership's other facts are not read here
            super().handle(envelope, db)

    def handle_batch(self, envelopes: Any, db: Any) -> None:
        for envelope in envelopes:
            self.handle(envelope, db)

    def on_OrganisationCreated(self, ev: v.OrganisationCreated, env, db) -> None:
        db.execute(self.sql.insert_organisation, (ev.organisation_id, ev.name, ev.type,
                                                  ev.parent_id))

    def on_OrganisationRenamed(self, ev: v.OrganisationRenamed, env, db) -> None:
        db.execute(self.sql.rename_organisation, (ev.name, ev.organisation_id))

    def on_OrganisationMoved(self, ev: v.OrganisationMoved, env, db) -> None:
        db.execute(self.sql.move_organisation, (ev.to_parent_id, ev.organisation_id))

    def on_OrganisationMerged(self, ev: v.OrganisationMerged, env, db) -> None:
        db.execute(self.sql.merge_organisation, (ev.into_organisation_id, ev.organisation_id))

    def _member(self, member_id: str, organisation_id: str, p: v.Person, db) -> None:
        db.execute(self.sql.upsert_member, (member_id, organisation_id, p.full_name,
                                            p.date_of_birth.isoformat(), p.gender))

    def on_ApplicationSubmitted(self, ev: v.ApplicationSubmitted, env, db) -> None:
        self._member(ev.member_id, ev.organisation_id, ev.profile, db)

    def on_ExistingMemberRecorded(self, ev: v.ExistingMemberRecorded, env, db) -> None:
        self._member(ev.member_id, ev.organisation_id, ev.profile, db)

    def on_MemberReceivedFromProvince(self, ev: v.MemberReceivedFromProvince, env, db) -> None:
        self._member(ev.member_id, ev.organisation_id, ev.profile, db)

    def on_MemberProfileUpdated(self, ev: v.MemberProfileUpdated, env, db) -> None:
        p = ev.profile
        db.execute(self.sql.update_person, (p.full_name, p.date_of_birth.isoformat(), p.gender,
                                            ev.member_id))

    def on_MemberFileCorrected(self, ev: v.MemberFileCorrected, env, db) -> None:
        if ev.field == "full_name":
            db.execute(self.sql.set_name, (ev.new_value, ev.member_id))
        elif ev.field == "date_of_birth":
            db.execute(self.sql.set_birth, (ev.new_value, ev.member_id))

    def on_MemberTransferred(self, ev: v.MemberTransferred, env, db) -> None:
        db.execute(self.sql.move_member, (ev.to_organisation_id, ev.member_id))

    def on_TransferredMemberReceived(self, ev: v.TransferredMemberReceived, env, db) -> None:
        db.execute(self.sql.move_member, (ev.to_organisation_id, ev.member_id))

    def on_MemberDisciplined(self, ev: v.MemberDisciplined, env, db) -> None:
        db.execute(self.sql.insert_discipline, (ev.member_id, env.stream_version, ev.form,
                                                ev.decided_on.isoformat()))

    def on_MemberDied(self, ev: v.MemberDied, env, db) -> None:
        db.execute(self.sql.member_died, (ev.died_on.isoformat(), ev.member_id))

    handlers = {
        v.OrganisationCreated: on_OrganisationCreated,
        v.OrganisationRenamed: on_OrganisationRenamed,
        v.OrganisationMoved: on_OrganisationMoved,
        v.OrganisationMerged: on_OrganisationMerged,
        v.ApplicationSubmitted: on_ApplicationSubmitted,
        v.ExistingMemberRecorded: on_ExistingMemberRecorded,
        v.MemberReceivedFromProvince: on_MemberReceivedFromProvince,
        v.MemberProfileUpdated: on_MemberProfileUpdated,
        v.MemberFileCorrected: on_MemberFileCorrected,
        v.MemberTransferred: on_MemberTransferred,
        v.TransferredMemberReceived: on_TransferredMemberReceived,
        v.MemberDisciplined: on_MemberDisciplined,
        v.MemberDied: on_MemberDied,
    }
