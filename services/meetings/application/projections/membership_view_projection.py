"""The base of meetings' projections that follow membership's published events."""

from __future__ import annotations

import sqlite3

from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ..membership_view import MEMBERSHIP_VIEW, SOURCE


class MembershipViewProjection(DecodingProjection):
    """Follows membership's published events through the meetings service's own classes.

    Membership event types meetings does not read are skipped, not dead-lettered: membership
    may publish new kinds of fact without breaking this consumer. `source` names the log they
    follow: membership's store in the embedded default, its Kafka topic when distributed."""

    reads = MEMBERSHIP_VIEW

    def __init__(self, source: str = SOURCE) -> None:
        super().__init__(MEMBERSHIP_VIEW)
        self.sources = (source,)

    def handle(self, envelope: Envelope, db: sqlite3.Connection) -> None:
        if self.codec.knows(envelope.type):
            super().handle(envelope, db)
