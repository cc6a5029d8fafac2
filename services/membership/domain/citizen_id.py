"""One member file per person: the citizen ID (số định danh cá nhân / CCCD) is held by one file.

Each normalised citizen ID has a stream of its own (`CitizenIdHolder`, its id derived from the
number): the file that records a number claims it there, in the same append as the file's own
event. Two commands that race for one number both expect that stream's version, so the store
lets one through and refuses the other: no read model is asked, none can be stale. The stream id
is a UUID derived from the number, so the number itself travels only inside the member's events.
"""

from __future__ import annotations

import uuid
from datetime import date

from kit.aggregate import Aggregate

from .events import CitizenIdClaimed, CitizenIdReleased
from .profile import normalise_citizen_id

__all__ = ["CitizenIdHolder", "holder_id", "normalise_citizen_id"]

_NAMESPACE = uuid.UUID("0b8f2c6e-6a3d-4f0e-9c1b-7d2e5a4c3f18")


def holder_id(citizen_id: str) -> str:
    """The id of the stream that holds a (normalised) citizen ID."""
    return str(uuid.uuid5(_NAMESPACE, citizen_id))


class CitizenIdHolder(Aggregate):
    stream_prefix = "citizen_id"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.member_id: str | None = None

    def claim(self, member_id: str, on: date) -> None:
        """Take the number for `member_id`; the handler has checked who held it before."""
        if self.member_id != member_id:
            self.record(CitizenIdClaimed(self.id, member_id, on))

    def release(self, member_id: str, on: date) -> None:
        if self.member_id == member_id:
            self.record(CitizenIdReleased(self.id, member_id, on))

    def apply(self, event: object) -> None:
        match event:
            case CitizenIdClaimed():
                self.member_id = event.member_id
            case CitizenIdReleased():
                self.member_id = None
