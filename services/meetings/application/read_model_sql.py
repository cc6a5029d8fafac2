"""Every statement of the meetings read models, by projection and query module: the names the
application uses, written out once per SQL dialect in adapters/read_model_sql."""

from __future__ import annotations

from dataclasses import dataclass

from .compliance import ComplianceSql
from .projections.absences import UnexcusedAbsencesSql
from .projections.attendance import MeetingAttendanceSql
from .projections.meetings import MeetingRecordsSql
from .projections.organisations import OrganisationPathsSql
from .projections.removal_grounds import RemovalGroundsSql
from .projections.rosters import BranchRostersSql
from .queries import QueriesSql
from .reading import ReadingSql
from .statistics import StatisticsSql


@dataclass(frozen=True)
class MeetingsSql:
    organisations: OrganisationPathsSql
    rosters: BranchRostersSql
    records: MeetingRecordsSql
    attendance: MeetingAttendanceSql
    absences: UnexcusedAbsencesSql
    reading: ReadingSql
    queries: QueriesSql
    statistics: StatisticsSql
    compliance: ComplianceSql
    grounds: RemovalGroundsSql
