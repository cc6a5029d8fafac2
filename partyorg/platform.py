"""The services wired together in one process (the embedded default).

Services cooperate only through events: meetings reads membership's log into its own roster
view. Here a membership command also announces itself to meetings' catch-up thread, and meetings'
reads wait for it, so a meeting opened right after a transfer summons the members the transfer
left on the branch's rolls.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kit.clock import Clock, SystemClock
from kit.store import AppendResult
from services.meetings.bootstrap import EmbeddedMeetings
from services.meetings.bootstrap import build_embedded as build_meetings
from services.membership.bootstrap import EmbeddedMembership
from services.membership.bootstrap import build_embedded as build_membership


@dataclass
class EmbeddedPlatform:
    membership: EmbeddedMembership
    meetings: EmbeddedMeetings

    def settle(self) -> None:
        """Wait until both services' read models hold every write made so far."""
        self.membership.settle()
        self.meetings.settle()

    def catch_up(self) -> None:
        """Bring every read model up to date (after bulk loads without catch-up)."""
        self.membership.runner.catch_up()
        self.meetings.runner.catch_up()

    def close(self) -> None:
        self.meetings.close()
        self.membership.close()


def build_embedded_platform(data_dir: str | Path, province: str = "NB",
                            clock: Clock | None = None,
                            catch_up_after_commands: bool = True) -> EmbeddedPlatform:
    """Membership and meetings on SQLite files under data_dir, sharing one clock.

    With `catch_up_after_commands` (the default) both services' read models catch up on threads
    of their own and every query sees the commands made before it; without it the caller runs
    `catch_up()`."""
    clock = clock or SystemClock()
    membership = build_membership(data_dir, province, clock,
                                  catch_up_after_commands=catch_up_after_commands)
    meetings = build_meetings(data_dir, province, clock, membership_store=membership.store,
                              catch_up_after_commands=catch_up_after_commands)
    if meetings.catch_up is not None:
        announce_membership, announce_meetings = (membership.service.on_appended,
                                                  meetings.catch_up.request)

        def also_meetings(result: AppendResult) -> None:
            announce_membership(result)
            announce_meetings()  # meetings' roster follows membership's log

        membership.service.on_appended = also_meetings
    return EmbeddedPlatform(membership, meetings)
