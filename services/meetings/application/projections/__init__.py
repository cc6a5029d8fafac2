"""Meetings read models, each named for the question it answers.

Two follow membership's published events (`membership.events`) through the meetings service's
own classes: `organisation_paths` and `branch_rosters`. The rest follow the meetings log. Every
projection owns its tables and can be dropped and rebuilt to the same state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.codec import EventCodec
from kit.projections.ports import Projection

from ..membership_view import SOURCE as MEMBERSHIP_SOURCE
from .absences import UnexcusedAbsences
from .as_of import MembershipAsOf
from .attendance import MeetingAttendance
from .meetings import MeetingRecords
from .organisations import OrganisationPaths
from .removal_grounds import RemovalGrounds
from .rosters import BranchRosters

if TYPE_CHECKING:
    from ..read_model_sql import MeetingsSql


def all_projections(codec: EventCodec, sql: MeetingsSql,
                    membership_source: str = MEMBERSHIP_SOURCE) -> list[Projection]:
    """`codec`: meetings' own wire names (the declaration's); `sql`: the statements in the
    read-model database's dialect; `membership_source`: the source name (Kafka topic)
    membership's events arrive under."""
    return [
        OrganisationPaths(sql.organisations, membership_source),
        BranchRosters(sql.rosters, membership_source),
        MeetingRecords(codec, sql.records),
        MeetingAttendance(codec, sql.attendance),
        UnexcusedAbsences(codec, sql.absences),
        RemovalGrounds(codec, sql.grounds),
        MembershipAsOf(sql.as_of, membership_source),
    ]
