"""The evaluations application service: idempotent, timed, scoped command execution."""

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
from .deps import CommandScope, MembershipView
from .handlers import HANDLERS
from .ids import new_id

SERVICE = "evaluations"


def ids_of(command: object, command_id: str) -> dict[str, str]:
    """The ids a command names or creates, recomputed when a retry returns the first result:
    a step names its evaluation by (period, subject)."""
    match command:
        case c.OpenEvaluationPeriod():
            return {"period_id": new_id(command_id, "evaluation_period")}
        case c.CloseEvaluationPeriod():
            return {"period_id": command.period_id}
    return {"period_id": command.period_id,  # type: ignore[attr-defined]
            "subject_id": command.subject_id}  # type: ignore[attr-defined]


class EvaluationsService:
    def __init__(self, repo: Repository, rules: RuleBook, clock: Clock, view: MembershipView,
                 on_appended: Callable[[AppendResult], None] = lambda result: None) -> None:
        self.repo = repo
        self.rules = rules
        self.clock = clock
        self.view = view
        self.on_appended = on_appended
        self._runner = CommandRunner(SERVICE, repo, HANDLERS, ids_of, lambda: self.clock.today())

    def execute(self, command: Any, context: CommandContext,
                acting_for: str | None = None) -> CommandResult:
        """Run one command. Raises a DomainError (typed, appending nothing) when refused; a
        command id seen before with the same payload returns the first result (duplicate)."""
        return self._runner.run(
            command, context,
            lambda: CommandScope(self.repo, self.rules, self.clock.today(), self.view,
                                 acting_for, acting_organ=context.acting_organ),
            self.on_appended)


__all__ = ["EvaluationsService", "CommandResult"]
