"""Personnel queries added beside the core ones (graphql/queries.py): training (QĐ 350). The
ones naming cadres go through access.cadre_queries; an eligibility reads the file, so it is
recorded like `cadreFile`, with the purpose stated. The subtree's gaps are counts only, for the
organisation commission of the subtree's own committee."""

from __future__ import annotations

import uuid
from datetime import date

import strawberry

from gateway.toolkit import ORGANISATION_COMMISSION, ForbiddenError, domain_errors
from services.personnel.api import RecordCadreFileRead

from . import training_types as tt
from .access import FILE_ORGANS, _queries, cadre_queries, managing_committee_of
from .types import Info


@strawberry.type
class PersonnelMoreQuery:
    @strawberry.field(description="May the cadre be sent to trung cấp on the day (QĐ 350): a "
                                  "college degree, 2 consecutive years HTT or better, and for "
                                  "part-time study women 28, men 30. The read is recorded.")
    def intermediate_theory_eligibility(self, info: Info, cadre_id: strawberry.ID, purpose: str,
                                        on: date | None = None,
                                        part_time: bool = False) -> tt.TheoryEligibility:
        ctx = info.context
        queries = cadre_queries(ctx, managing_committee_of(ctx, str(cadre_id)))
        with domain_errors():
            ctx.service("personnel").service.execute(
                RecordCadreFileRead(str(cadre_id), purpose),
                ctx.command_context(str(uuid.uuid4())), acting_for=ctx.claims.org)
            return tt.TheoryEligibility.of(queries.intermediate_eligibility(str(cadre_id), on,
                                                                            part_time))

    @strawberry.field(description="Each post the committee manages: the political-theory "
                                  "level it requires and its holders and planned cadres below.")
    def theory_gaps(self, info: Info, committee_id: strawberry.ID,
                    on: date | None = None) -> list[tt.PostTheoryGaps]:
        queries = cadre_queries(info.context, str(committee_id))
        return [tt.PostTheoryGaps.of(g) for g in queries.theory_gaps(str(committee_id), on)]

    @strawberry.field(description="Every post of the organisation and those below it, its "
                                  "political-theory gaps counted (no one named).")
    def theory_gaps_in_subtree(self, info: Info, organisation_id: strawberry.ID,
                               on: date | None = None) -> list[tt.SubtreeTheoryGap]:
        ctx = info.context
        ctx.require_read()
        claims = ctx.claims
        if not (ORGANISATION_COMMISSION in claims.roles and claims.org == str(organisation_id)
                and claims.organ in FILE_ORGANS):
            raise ForbiddenError("only the organisation commission of the organisation's own "
                                 "committee counts its subtree's gaps")
        return [tt.SubtreeTheoryGap.of(g)
                for g in _queries(ctx).theory_gaps_in_subtree(str(organisation_id), on)]

    @strawberry.field(description="After the mergers: the committee's cadres whose post was in "
                                  "an organisation since merged and who hold no other.")
    def cadres_without_post(self, info: Info, committee_id: strawberry.ID,
                            on: date | None = None) -> list[tt.CadreWithoutPost]:
        queries = cadre_queries(info.context, str(committee_id))
        return [tt.CadreWithoutPost.of(x)
                for x in queries.cadres_without_post(str(committee_id), on)]
