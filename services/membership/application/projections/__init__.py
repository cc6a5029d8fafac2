"""Membership read models, each named for the question it answers.

Every projection owns its tables, handles events in global order, and can be dropped and rebuilt
from the store to the same state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.codec import EventCodec
from kit.projections.runner import Projection

from ...domain.deadlines import membership_deadlines
from ...domain.rules import MEMBERSHIP_RULES
from .badges import BadgesDue
from .history import MemberHistory
from .members import MembersByOrganisation
from .timeline import TreeAsOf
from .tree import OrganisationTree
from .work_queue import WorkQueue

if TYPE_CHECKING:
    from ..statements import MembershipSql


def all_projections(codec: EventCodec, sql: MembershipSql) -> list[Projection]:
    """`sql`: the statements in the read-model database's dialect (adapters/read_model_sql)."""
    return [
        OrganisationTree(codec, sql.organisation_tree),
        MembersByOrganisation(codec, sql.members),
        MemberHistory(codec, sql.member_history),
        BadgesDue(codec, MEMBERSHIP_RULES, sql.badges_due),
        TreeAsOf(codec, sql.tree_as_of),
        WorkQueue(codec, membership_deadlines(), sql.work_queue),
    ]
