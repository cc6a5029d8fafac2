"""The personnel application service: idempotent, timed, scoped command execution."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kit.clock import Clock
from kit.commanding import CommandResult, CommandRunner
from kit.envelope import CommandContext
from kit.repository import Repository
from kit.rules import RuleBook
from kit.store import AppendResult

from ..domain import commands as c
from ..domain.erasure import EraseCadrePersonalData
from ..domain.rotation import RotateCadre
from .congress_handlers import congress_ids
from .deps import CommandScope, Directory
from .handlers import HANDLERS, new_id
from .plan_approval_handlers import plan_ids

SERVICE = "personnel"


def ids_of(command: Any, command_id: str) -> dict[str, str]:
    """The ids a command names or creates, recomputed when a retry returns the first result."""
    match command:
        case c.RegisterPost():
            return {"post_id": new_id(command_id, "post")}
        case c.OpenCadreFile():
            return {"cadre_id": new_id(command_id, "cadre")}
        case c.RecordCadreFileRead():
            return {"cadre_id": command.cadre_id, "read_id": new_id(command_id, "read")}
    congress = congress_ids(command, command_id)
    if congress is not None:
        return congress
    plan = plan_ids(command)
    if plan is not None:
        return plan
    # personnel-demo: a retried rotation or erasure (a resumed demo seeding) names these
    if isinstance(command, RotateCadre):
        return {"cadre_id": command.cadre_id, "post_id": command.to_post_id}
    if isinstance(command, EraseCadrePersonalData):
        return {"cadre_id": command.cadre_id}
    return {"cadre_id": command.cadre_id, "post_id": command.post_id}


class PersonnelService:
    def __init__(self, repo: Repository, rules: RuleBook, clock: Clock, directory: Directory,
                 on_appended: Callable[[AppendResult], None] = lambda result: None) -> None:
        self.repo = repo
        self.rules = rules
        self.clock = clock
        self.directory = directory
        self.on_appended = on_appended
        self._runner = CommandRunner(SERVICE, repo, HANDLERS, ids_of, lambda: self.clock.today())

    def execute(self, command: Any, context: CommandContext,
                acting_for: str | None = None) -> CommandResult:
        return self._runner.run(
            command, context,
            lambda: CommandScope(self.repo, self.rules, self.clock.now(), self.clock.today(),
                                 self.directory, acting_for, context),
            self.on_appended)
