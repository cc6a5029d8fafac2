"""Idempotent, timed, typed command execution: what every service's application layer does the
same way around its own handlers.

A handler takes (command, scope, command_id), loads what it needs through `scope` (the service's
CommandScope), decides, and returns the ids it names or creates; `scope.changed` holds the
aggregates with new events and `scope.read` those the decision read (their streams must not move
before the append). Before the handler runs, every id the command declares (kit.references) is
put to `scope.can_see`: what the caller may not see is refused as not found.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from kit import metrics
from kit.aggregate import Aggregate
from kit.envelope import CommandContext
from kit.errors import CommandIdReused, InvalidInput
from kit.json_encode import to_jsonable
from kit.references import authorise_references
from kit.repository import Repository
from kit.store import AppendResult
from kit.validation import check_fields

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CommandResult:
    command_id: str
    ids: dict[str, str]  # what the command named or created, e.g. {"member_id": …}
    positions: tuple[int, ...] = ()
    duplicate: bool = False  # the command id was seen before: nothing appended this time
    events: tuple[str, ...] = field(default_factory=tuple)  # class names of what was appended
    # False: answered before the read models applied it (a remote service's bounded wait ran out)
    visible: bool = True


class Decision(Protocol):
    changed: list[Aggregate]
    read: list[Aggregate]

    def can_see(self, kind: str, ident: str) -> bool: ...


Handler = Callable[[Any, Any, str], dict[str, str]]


def payload_hash(command: object) -> str:
    body = json.dumps([type(command).__name__, to_jsonable(command)], sort_keys=True,
                      ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


class CommandRunner:
    def __init__(self, service: str, repo: Repository, handlers: dict[type, Handler],
                 ids_of: Callable[[Any, str], dict[str, str]],
                 today: Callable[[], date] | None = None) -> None:
        self.service = service
        self.today = today  # the service's clock: what spans of dates count from
        self.repo = repo
        self.handlers = handlers
        self.ids_of = ids_of
        # exported at 0 from the start, so rate() sees the first of each (an internal error)
        for command in handlers:
            for outcome in ("ok", "error"):
                metrics.COMMANDS.labels(service, command.__name__, outcome)
        for wire in repo.codec.types():
            metrics.EVENTS_APPENDED.labels(service, wire.cls.__name__)

    def run(self, command: Any, context: CommandContext, new_scope: Callable[[], Decision],
            on_appended: Callable[[AppendResult], None]) -> CommandResult:
        """Raises a DomainError (typed, appending nothing) when refused; a command id seen before
        with the same payload returns the first result as a duplicate."""
        handler = self.handlers.get(type(command))
        if handler is None:
            raise InvalidInput("command", f"unknown command {type(command).__name__}")
        name = type(command).__name__
        with metrics.timed_command(self.service, name) as outcome:
            check_fields(command, today=self.today() if self.today else None)
            digest = payload_hash(command)
            # a command id seen before is looked up only when the command is refused: one that
            # goes through meets its first record in the append's own transaction (a duplicate
            # either way), so a first try reads the store one time less
            try:
                scope = new_scope()
                authorise_references(command, scope)
                ids = handler(command, scope, context.command_id)
            except Exception:
                seen = self.repo.store.find_command(context.command_id)
                if seen is None:
                    raise
                if seen.payload_hash != digest:
                    raise CommandIdReused(context.command_id) from None
                outcome["outcome"] = "duplicate"
                return CommandResult(context.command_id, self.ids_of(command, context.command_id),
                                     seen.positions, duplicate=True)
            events = tuple(type(e).__name__ for a in scope.changed for e in a.pending)
            changed = {a.stream_id for a in scope.changed}
            unchanged = [a for a in getattr(scope, "read", ()) if a.stream_id not in changed]
            result = self.repo.save(scope.changed, context, digest, unchanged=unchanged)
            if result.duplicate:  # a concurrent retry of the same command won
                outcome["outcome"] = "duplicate"
                return CommandResult(context.command_id, self.ids_of(command, context.command_id),
                                     result.positions, duplicate=True)
        for event_name in events:
            metrics.EVENTS_APPENDED.labels(self.service, event_name).inc()
        log.info("command handled", extra={"command": name, "command_id": context.command_id,
                                           "events": list(events)})
        on_appended(result)
        return CommandResult(context.command_id, ids, result.positions, False, events)


def check_command_names(service: str, commands: Mapping[str, type],
                        handlers: Collection[type]) -> dict[type, str]:
    """The table read backwards; refuses a class under two names, or a name without a handler or
    a handler without a name, so a service whose tables disagree fails at import."""
    names: dict[type, str] = {}
    for name, cls in commands.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"{service}: {cls!r} needs a literal RPC name, not {name!r}")
        if cls in names:
            raise ValueError(f"{service}: {cls!r} is named both {names[cls]} and {name}")
        names[cls] = name
    unnamed = [cls for cls in handlers if cls not in names]
    if unnamed:
        raise ValueError(f"{service}: {unnamed[0]!r} has a handler but no RPC name")
    unhandled = [name for cls, name in names.items() if cls not in handlers]
    if unhandled:
        raise ValueError(f"{service}: the RPC name {unhandled[0]} has no handler")
    return names
