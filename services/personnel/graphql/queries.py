"""Personnel's queries. Every one returning cadres goes through access.cadre_queries (the
managing committee's organisation commission only); `cadreFile` records the read, with the
purpose the request states, before it answers; the read audit goes through audit_queries."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

import strawberry

from gateway.toolkit import ForbiddenError, domain_errors
from services.personnel.api import RecordCadreFileRead

from . import types as t
from .access import audit_queries, cadre_queries, managing_committee_of
from .types import Info

From = Annotated[date, strawberry.argument(name="from")]


@strawberry.type
class PersonnelQuery:
    @strawberry.field(description="The posts the committee manages, highest first.")
    def posts(self, info: Info, committee_id: strawberry.ID) -> list[t.Post]:
        return [t.Post.of(p) for p in cadre_queries(info.context, str(committee_id))
                .posts(str(committee_id))]

    @strawberry.field(description="A cadre file. The read is recorded (who, when, which file, "
                                  "the purpose stated) before it answers. An id naming no file "
                                  "is refused as one the caller may not see: a refusal says "
                                  "nothing about other committees' files.")
    def cadre_file(self, info: Info, id: strawberry.ID, purpose: str) -> t.CadreFile | None:
        ctx = info.context
        queries = cadre_queries(ctx, managing_committee_of(ctx, str(id)))
        with domain_errors():
            ctx.service("personnel").service.execute(
                RecordCadreFileRead(str(id), purpose), ctx.command_context(str(uuid.uuid4())),
                acting_for=ctx.claims.org)
        view = queries.cadre_file(str(id))
        if view is None:  # recorded, so it exists: its read model is behind
            raise ForbiddenError(f"cadre file {id} is not readable yet")
        return t.CadreFile.of(view)

    @strawberry.field(description="How full each post's plan for the cycle is (e.g. "
                                  "\"2025-2030\").")
    def plan_fullness(self, info: Info, committee_id: strawberry.ID, cycle: str,
                      on: date | None = None) -> list[t.PostPlan]:
        queries = cadre_queries(info.context, str(committee_id))
        with domain_errors():
            return [t.PostPlan.of(p) for p in queries.plan_fullness(str(committee_id), cycle, on)]

    @strawberry.field(description="The plan's youth and women shares against the targets.")
    def plan_structure(self, info: Info, committee_id: strawberry.ID, cycle: str,
                       on: date | None = None) -> t.PlanStructure:
        queries = cadre_queries(info.context, str(committee_id))
        with domain_errors():
            return t.PlanStructure.of(queries.plan_structure(str(committee_id), cycle, on))

    @strawberry.field(description="Terms of the committee's posts ending within [from, to].")
    def expiring_terms(self, info: Info, committee_id: strawberry.ID, from_: From,
                       to: date) -> list[t.ExpiringTerm]:
        queries = cadre_queries(info.context, str(committee_id))
        with domain_errors():
            return [t.ExpiringTerm.of(x) for x in queries.expiring_terms(str(committee_id),
                                                                         from_, to)]

    @strawberry.field(description="The committee's cadres barred from promotion on the day.")
    def promotion_bans(self, info: Info, committee_id: strawberry.ID,
                       on: date | None = None) -> list[t.PromotionBan]:
        queries = cadre_queries(info.context, str(committee_id))
        return [t.PromotionBan.of(b) for b in queries.promotion_bans(str(committee_id), on)]

    @strawberry.field(description="Personnel work the facts opened: expiry notices due, plan "
                                  "removals to decide.")
    def personnel_work_queue(self, info: Info, committee_id: strawberry.ID,
                             on: date | None = None) -> list[t.PersonnelWorkItem]:
        queries = cadre_queries(info.context, str(committee_id))
        return [t.PersonnelWorkItem.of(w) for w in queries.work_queue(str(committee_id), on)]

    @strawberry.field(description="The read audit of the committee's cadre files, for its "
                                  "inspection committee only.")
    def cadre_file_reads(self, info: Info, committee_id: strawberry.ID, from_: From,
                         to: date) -> list[t.CadreFileRead]:
        queries = audit_queries(info.context, str(committee_id))
        return [t.CadreFileRead.of(r) for r in queries.file_reads(str(committee_id), from_, to)]
