"""Typed errors that cross every boundary (RPC, GraphQL) with a stable code."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal that a caller can act on. Never a partial write: raised before any append."""

    code = "domain_error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.details}


class InvalidInput(DomainError):
    """Malformed input: a bad id, date, name or unknown value."""

    code = "invalid_input"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}", field=field)
        self.field = field


class RuleViolated(DomainError):
    """A business rule from a versioned rule set refused the command."""

    code = "rule_violated"

    def __init__(self, rule: str, rule_version: str, message: str) -> None:
        super().__init__(message, rule=rule, rule_version=rule_version)
        self.rule = rule
        self.rule_version = rule_version


class NotFound(DomainError):
    code = "not_found"

    def __init__(self, kind: str, ident: str) -> None:
        super().__init__(f"{kind} {ident} does not exist", kind=kind, id=ident)


class InvalidState(DomainError):
    """The command does not fit the aggregate's current state (e.g. already dissolved)."""

    code = "invalid_state"


class ConcurrencyConflict(DomainError):
    """Another command changed the stream first; reload and decide again."""

    code = "concurrency_conflict"

    def __init__(self, stream_id: str, expected: int, actual: int) -> None:
        super().__init__(
            f"stream {stream_id} is at version {actual}, expected {expected}",
            stream_id=stream_id,
            expected_version=expected,
            actual_version=actual,
        )
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual


class CommandIdReused(DomainError):
    """A command id was sent again with a different payload: a client bug, not a retry."""

    code = "command_id_reused"

    def __init__(self, command_id: str) -> None:
        super().__init__(
            f"command id {command_id} was already used for a different command", command_id=command_id
        )


class Forbidden(DomainError):
    code = "forbidden"


class ConflictsWithLaterFact(DomainError):
    """A backdated fact that contradicts a fact already recorded with a later (or, for the
    record it must follow, the first) effective date; names both: (event name, date) each."""

    code = "conflicts_with_later_fact"

    def __init__(self, attempted: str, attempted_on: object, later: str, later_on: object,
                 message: str = "") -> None:
        attempted_on, later_on = str(attempted_on), str(later_on)
        super().__init__(
            message or f"{attempted} dated {attempted_on} contradicts {later} recorded "
                       f"for {later_on}",
            attempted=attempted, attempted_on=attempted_on, later=later, later_on=later_on)


class Conflict(DomainError):
    """The command would record what another record already holds (e.g. a duplicate)."""

    code = "conflict"


def error_from_dict(raw: dict[str, Any]) -> DomainError:
    """Rebuild a typed error that crossed a process boundary as `DomainError.to_dict()`."""
    details = {k: v for k, v in raw.items() if k not in ("code", "message")}
    code, message = raw.get("code", ""), raw.get("message", "")
    match code:
        case InvalidInput.code:
            err: DomainError = InvalidInput(details.get("field", ""), "")
        case RuleViolated.code:
            err = RuleViolated(details.get("rule", ""), details.get("rule_version", ""), message)
        case NotFound.code:
            err = NotFound(details.get("kind", ""), details.get("id", ""))
        case ConcurrencyConflict.code:
            err = ConcurrencyConflict(details.get("stream_id", ""),
                                      details.get("expected_version", 0),
                                      details.get("actual_version", 0))
        case CommandIdReused.code:
            err = CommandIdReused(details.get("command_id", ""))
        case ConflictsWithLaterFact.code:
            err = ConflictsWithLaterFact(details.get("attempted", ""),
                                         details.get("attempted_on", ""),
                                         details.get("later", ""), details.get("later_on", ""),
                                         message)
        case _:
            cls = {c.code: c for c in (InvalidState, Forbidden, Conflict)}.get(code, DomainError)
            err = cls(message, **details)
    err.message = message
    err.args = (message,)
    err.details = details
    return err
