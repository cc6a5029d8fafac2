"""The citizen-ID check of the commands that record one (an application, an imported file, a
correction): the number's holder stream is claimed in the command's own append."""

from __future__ import annotations

from datetime import date

from kit.errors import Conflict

from ..domain.citizen_id import CitizenIdHolder, holder_id
from ..domain.member import Member
from ..domain.values import MemberStatus
from .deps import CommandScope


def claim_citizen_id(scope: CommandScope, citizen_id: str, member_id: str, on: date) -> None:
    """Claim `citizen_id` for `member_id`, refused with Conflict while another living person's
    file holds it. A former member (removed, expelled) is that same person: they come back by
    re-admission (SubmitApplication with their member_id), which keeps their file and number."""
    holder = scope.repo.load(CitizenIdHolder, holder_id(citizen_id))
    other = holder.member_id
    if other is not None and other != member_id:
        previous = scope.repo.load(Member, other)
        if previous.exists and previous.status is not MemberStatus.DECEASED:
            raise _taken(scope, other)
        scope.read.append(previous)  # the file that held it must not come back to life meanwhile
    holder.claim(member_id, on)
    (scope.changed if holder.pending else scope.read).append(holder)


def release_citizen_id(scope: CommandScope, citizen_id: str, member_id: str, on: date) -> None:
    holder = scope.repo.load(CitizenIdHolder, holder_id(citizen_id))
    holder.release(member_id, on)
    if holder.pending:
        scope.changed.append(holder)


def _taken(scope: CommandScope, other: str) -> Conflict:
    """Name the holder only to a caller who may see them: an id outside the caller's subtree
    never leaks through a refusal."""
    if scope.can_see("member", other):
        return Conflict(f"citizen_id: already recorded on the file of member {other}",
                        field="citizen_id", member_id=other)
    return Conflict("citizen_id: already recorded in this province", field="citizen_id")
