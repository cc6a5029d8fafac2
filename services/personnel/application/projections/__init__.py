"""Personnel's read models, each named for the question it answers. One follows membership's
published events through personnel's own classes (`personnel_membership_view`); the rest follow
personnel's log. Each owns its tables and can be dropped and rebuilt to the same state."""

from __future__ import annotations

from kit.codec import EventCodec
from kit.projections.ports import Projection

from ..membership_view import SOURCE as MEMBERSHIP_SOURCE
from ..read_model_sql import PersonnelSql
from .membership import PersonnelMembershipView
from .own import CadreFileReads, CadreFiles, CadrePlans, CadreTerms, PostsCatalogue


def all_projections(codec: EventCodec, sql: PersonnelSql,
                    membership_source: str = MEMBERSHIP_SOURCE) -> list[Projection]:
    return [
        PersonnelMembershipView(sql, membership_source),
        PostsCatalogue(codec, sql),
        CadreFiles(codec, sql),
        CadrePlans(codec, sql),
        CadreTerms(codec, sql),
        CadreFileReads(codec, sql),
    ]
