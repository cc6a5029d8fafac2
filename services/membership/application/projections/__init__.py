"""Membership read models, each named for the question it answers.

Every projection owns its tables, handles events in global order, and can be dropped and rebuilt
from the store to the same state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.codec import EventCodec
from kit.projections.ports import Projection

from ...domain.deadlines import membership_deadlines
from ...domain.rules import MEMBERSHIP_RULES
from .badges_changes import BadgesDueAcrossProvinces
from .history import MemberHistory
from .members_changes import MembersByOrganisationAndStanding
from .province_transfers import TransfersBetweenProvinces
from .suspensions import MemberSuspensions
from .timeline_changes import TreeAsOfWithTransfers
from .transfers import MemberTransfers
from .tree import OrganisationTree
from .work_queue import WorkQueue

if TYPE_CHECKING:
    from ..statements import MembershipSql


def all_projections(codec: EventCodec, sql: MembershipSql) -> list[Projection]:
    """`sql`: the statements in the read-model database's dialect (adapters/read_model_sql)."""
    return [
        OrganisationTree(codec, sql.organisation_tree),
        MembersByOrganisationAndStanding(codec, sql.members),
        MemberHistory(codec, sql.member_history),
        BadgesDueAcrossProvinces(codec, MEMBERSHIP_RULES, sql.badges_due),
        TreeAsOfWithTransfers(codec, sql.tree_as_of),
        MemberSuspensions(codec, sql.suspensions),
        MemberTransfers(codec, sql.transfers),
        WorkQueue(codec, membership_deadlines(), sql.work_queue),
        TransfersBetweenProvinces(codec, sql.province_transfers),
    ]
