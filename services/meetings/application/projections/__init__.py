"""Meetings read models, each named for the question it answers.

Two follow membership's published events (`membership.events`) through the meetings service's
own classes: `organisation_paths` and `branch_rosters`. The rest follow the meetings log. Every
projection owns its tables and can be dropped and rebuilt to the same state.
"""

from __future__ import annotations

from kit.codec import EventCodec
from kit.projections.runner import Projection

from ..membership_view import SOURCE as MEMBERSHIP_SOURCE
from .absences import UnexcusedAbsences
from .attendance import MeetingAttendance
from .meetings import MeetingRecords
from .organisations import OrganisationPaths
from .rosters import BranchRosters


def all_projections(codec: EventCodec,
                    membership_source: str = MEMBERSHIP_SOURCE) -> list[Projection]:
    """`codec`: meetings' own wire names (the declaration's); `membership_source`: the source
    name (Kafka topic) membership's events arrive under."""
    return [
        OrganisationPaths(membership_source),
        BranchRosters(membership_source),
        MeetingRecords(codec),
        MeetingAttendance(codec),
        UnexcusedAbsences(codec),
    ]
