"""Every read-model statement of the service, grouped: each adapter module writes the whole set
out once in its SQL dialect (adapters/read_model_sql), and the declaration hands the projections
and queries the set for the read-model database they run on."""

from __future__ import annotations

from dataclasses import dataclass

from .change_queries import ChangeQueriesSql
from .projections.badges import BadgesSql
from .projections.history import MemberHistorySql
from .projections.members import MembersSql
from .projections.province_transfers import ProvinceTransfersSql
from .projections.suspensions import SuspensionsSql
from .projections.timeline import TreeAsOfSql
from .projections.transfers import TransfersSql
from .projections.tree import OrganisationTreeSql
from .projections.work_queue import WorkQueueSql
from .queries import QueriesSql

__all__ = ["BadgesSql", "MemberHistorySql", "MembersSql", "MembershipSql",
           "OrganisationTreeSql", "QueriesSql", "TreeAsOfSql", "ChangeQueriesSql",
           "SuspensionsSql", "TransfersSql", "WorkQueueSql"]


@dataclass(frozen=True)
class MembershipSql:
    organisation_tree: OrganisationTreeSql
    members: MembersSql
    member_history: MemberHistorySql
    badges_due: BadgesSql
    tree_as_of: TreeAsOfSql
    queries: QueriesSql
    suspensions: SuspensionsSql
    transfers: TransfersSql
    change_queries: ChangeQueriesSql
    work_queue: WorkQueueSql
    province_transfers: ProvinceTransfersSql
