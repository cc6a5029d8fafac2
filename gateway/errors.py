"""The refusals a mutation can answer with: one shared set, each with a stable code.

Codes are the kit's error codes in upper case (RULE_VIOLATED, COMMAND_ID_REUSED, ...), the same
codes the FORBIDDEN / INVALID_INPUT extensions of query errors carry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import strawberry

from kit import errors as kit


@strawberry.interface(description="Why a command was refused. Nothing was changed.")
class Error:
    code: str
    message: str


@strawberry.type(description="Malformed input: a bad id, date, name or unknown value.")
class ValidationFailed(Error):
    field: str = strawberry.field(description="The input field at fault, e.g. "
                                              "profile.fullName or commandId.")


@strawberry.type(description="A business rule from a versioned rule set refused the command.")
class RuleViolated(Error):
    rule: str
    rule_version: str


@strawberry.type
class NotFound(Error):
    kind: str
    resource_id: str


@strawberry.type(description="The command does not fit the current state (e.g. already "
                             "dissolved, not a probationary member).")
class InvalidState(Error):
    pass


@strawberry.type(description="Another command changed the same records first (retry), the "
                             "command id was already used for a different command (a new id is "
                             "needed), or another record already holds what it would record "
                             "(e.g. a citizen ID already on the rolls).")
class Conflict(Error):
    pass


@strawberry.type(description="Outside the subtree you act for, or not allowed by your role.")
class Forbidden(Error):
    pass


@strawberry.type(description="A backdated fact that contradicts a fact already recorded with a "
                             "later effective date (e.g. a removal dated before a recorded "
                             "transfer): both are named, each by its event and date.")
class ConflictsWithLaterFact(Error):
    attempted: str
    attempted_on: str
    later: str
    later_on: str


ERROR_TYPES = (ValidationFailed, RuleViolated, NotFound, InvalidState, Conflict, Forbidden,
               ConflictsWithLaterFact)


def _camel(snake: str) -> str:
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), snake)


def input_path(field: str) -> str:
    """A domain field name (profile fields arrive flat) as a path into the GraphQL input."""
    return ".".join(_camel(part) for part in field.split("."))


def from_domain(error: kit.DomainError, paths: Mapping[str, str] | None = None) -> Error:
    """The GraphQL refusal for a domain error; `paths` renames domain fields to input paths."""
    code = error.code.upper()
    match error:
        case kit.InvalidInput():
            field = input_path((paths or {}).get(error.field, error.field))
            message = error.message.removeprefix(f"{error.field}: ")
            return ValidationFailed(code=code, message=f"{field}: {message}", field=field)
        case kit.RuleViolated():
            return RuleViolated(code=code, message=error.message, rule=error.rule,
                                rule_version=error.rule_version)
        case kit.NotFound():
            return NotFound(code=code, message=error.message,
                            kind=str(error.details.get("kind", "")),
                            resource_id=str(error.details.get("id", "")))
        case kit.ConcurrencyConflict() | kit.CommandIdReused() | kit.Conflict():
            return Conflict(code=code, message=error.message)
        case kit.Forbidden():
            return Forbidden(code=code, message=error.message)
        case kit.ConflictsWithLaterFact():
            d = error.details
            return ConflictsWithLaterFact(code=code, message=error.message,
                                          attempted=str(d.get("attempted", "")),
                                          attempted_on=str(d.get("attempted_on", "")),
                                          later=str(d.get("later", "")),
                                          later_on=str(d.get("later_on", "")))
        case _:
            return InvalidState(code=code, message=error.message)
