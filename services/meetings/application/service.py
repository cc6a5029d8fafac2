"""The meetings application service: idempotent, timed, scoped command execution."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kit.clock import Clock
from kit.commanding import CommandResult, CommandRunner, payload_hash
from kit.envelope import CommandContext
from kit.repository import Repository
from kit.rules import RuleBook
from kit.store import AppendResult

from ..domain import commands as c
from .deps import CommandScope, Directory
from .handlers import HANDLERS, new_id

log = logging.getLogger(__name__)
__all__ = ["CommandResult", "payload_hash", "ids_of"]
SERVICE = "meetings"


def ids_of(command: object, command_id: str) -> dict[str, str]:
    """The ids a command names or creates, recomputed when a retry returns the first result."""
    match command:
        case c.ScheduleMeeting():
            return {"meeting_id": new_id(command_id, "meeting")}
        case c.AdoptResolution():
            return {"meeting_id": command.meeting_id,
                    "resolution_id": new_id(command_id, "resolution")}
    return {"meeting_id": command.meeting_id}  # type: ignore[attr-defined]


class MeetingsService:
    def __init__(
        self,
        repo: Repository,
        rules: RuleBook,
        clock: Clock,
        directory: Directory,
        on_appended: Callable[[AppendResult], None] = lambda result: None,
    ) -> None:
        self.repo = repo
        self.rules = rules
        self.clock = clock
        self.directory = directory
        self.on_appended = on_appended
        self._runner = CommandRunner(SERVICE, repo, HANDLERS, ids_of,
                                     lambda: self.clock.today())

    def execute(self, command: Any, context: CommandContext,
                acting_for: str | None = None) -> CommandResult:
        """Run one command. Raises a DomainError (typed, appending nothing) when refused; a
        command id seen before with the same payload returns the first result (duplicate)."""
        return self._runner.run(
            command, context,
            lambda: CommandScope(self.repo, self.rules, self.clock.now(), self.clock.today(),
                                 self.directory, acting_for),
            self.on_appended)
