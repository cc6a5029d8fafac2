"""Membership read models, each named for the question it answers.

Every projection owns its tables, handles events in global order, and can be dropped and rebuilt
from the store to the same state.
"""

from __future__ import annotations

from kit.codec import EventCodec
from kit.projections.runner import Projection

from ...domain.rules import MEMBERSHIP_RULES
from .badges import BadgesDue
from .history import MemberHistory
from .members import MembersByOrganisation
from .timeline import TreeAsOf
from .tree import OrganisationTree


def all_projections(codec: EventCodec) -> list[Projection]:
    return [
        OrganisationTree(codec),
        MembersByOrganisation(codec),
        MemberHistory(codec),
        BadgesDue(codec, MEMBERSHIP_RULES),
        TreeAsOf(codec),
    ]
