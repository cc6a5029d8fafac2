"""The meetings application service: idempotent, timed, scoped command execution."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from partyorg.kit import metrics
from partyorg.kit.clock import Clock
from partyorg.kit.codec import to_jsonable
from partyorg.kit.envelope import CommandContext
from partyorg.kit.errors import CommandIdReused, InvalidInput
from partyorg.kit.repository import Repository
from partyorg.kit.rules import RuleBook
from partyorg.kit.store import AppendResult
from partyorg.kit.validation import check_fields

from ..domain import commands as c
from .deps import Call, Directory
from .handlers import HANDLERS, new_id

log = logging.getLogger(__name__)
SERVICE = "meetings"


@dataclass(frozen=True)
class CommandResult:
    command_id: str
    ids: dict[str, str]  # meeting_id, and resolution_id for AdoptResolution
    positions: tuple[int, ...] = ()
    duplicate: bool = False
    events: tuple[str, ...] = field(default_factory=tuple)  # class names of what was appended


def payload_hash(command: object) -> str:
    body = json.dumps([type(command).__name__, to_jsonable(command)], sort_keys=True,
                      ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


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

    def execute(self, command: Any, context: CommandContext,
                acting_for: str | None = None) -> CommandResult:
        """Run one command. Raises a DomainError (typed, appending nothing) when refused; a
        command id seen before with the same payload returns the first result (duplicate)."""
        handler = HANDLERS.get(type(command))
        if handler is None:
            raise InvalidInput("command", f"unknown command {type(command).__name__}")
        name = type(command).__name__
        with metrics.timed_command(SERVICE, name) as outcome:
            check_fields(command)
            digest = payload_hash(command)
            seen = self.repo.store.find_command(context.command_id)
            if seen is not None:
                if seen.payload_hash != digest:
                    raise CommandIdReused(context.command_id)
                outcome["outcome"] = "duplicate"
                return CommandResult(context.command_id, ids_of(command, context.command_id),
                                     seen.positions, duplicate=True)
            call = Call(self.repo, self.rules, self.clock.now(), self.clock.today(),
                        self.directory, acting_for)
            ids = handler(command, call, context.command_id)
            events = tuple(type(e).__name__ for a in call.changed for e in a.pending)
            result = self.repo.save(call.changed, context, digest)
            if result.duplicate:
                outcome["outcome"] = "duplicate"
                return CommandResult(context.command_id, ids_of(command, context.command_id),
                                     result.positions, duplicate=True)
        for event_name in events:
            metrics.EVENTS_APPENDED.labels(SERVICE, event_name).inc()
        log.info("command handled", extra={"command": name, "command_id": context.command_id,
                                           "events": list(events)})
        self.on_appended(result)
        return CommandResult(context.command_id, ids, result.positions, False, events)
