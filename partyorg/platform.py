"""The services wired together in one process (the embedded default).

Services cooperate only through events: meetings reads membership's log into its own roster
view. Here a membership command also brings that view up to date, so a meeting opened right after
a transfer summons the members the transfer left on the branch's rolls.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from partyorg.kit.clock import Clock, SystemClock
from partyorg.kit.store import AppendResult
from partyorg.meetings.bootstrap import EmbeddedMeetings
from partyorg.meetings.bootstrap import build_embedded as build_meetings
from partyorg.membership.bootstrap import EmbeddedMembership
from partyorg.membership.bootstrap import build_embedded as build_membership


@dataclass
class EmbeddedPlatform:
    membership: EmbeddedMembership
    meetings: EmbeddedMeetings

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

    With `catch_up_after_commands` (the default) every command of either service leaves both
    services' read models current; without it the caller runs `catch_up()`."""
    clock = clock or SystemClock()
    membership = build_membership(data_dir, province, clock,
                                  catch_up_after_commands=catch_up_after_commands)
    meetings = build_meetings(data_dir, province, clock, membership_store=membership.store,
                              catch_up_after_commands=catch_up_after_commands)
    if catch_up_after_commands:
        after_membership = membership.service.on_appended

        def also_meetings(result: AppendResult) -> None:
            after_membership(result)
            meetings.runner.catch_up()

        membership.service.on_appended = also_meetings
    return EmbeddedPlatform(membership, meetings)
