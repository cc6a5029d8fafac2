"""What meetings commands, queries and refusals look like on the RPC wire, for both ends.

Plain JSON, as membership's: a command travels as its class name and `to_jsonable` payload, a
query as a method name of MeetingsQueries and its arguments, a reply as {"result": ...} or
{"error": DomainError.to_dict()}. Both ends rebuild typed values from the annotations, so nothing
here imports nameko.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from typing import Any

from partyorg.kit.codec import from_jsonable, to_jsonable
from partyorg.kit.envelope import CommandContext
from partyorg.kit.errors import DomainError, InvalidInput, error_from_dict
from partyorg.kit.validation import check_fields

from ..application.handlers import HANDLERS
from ..application.queries import MeetingsQueries
from ..application.service import CommandResult

# only what has a handler can be sent; the name is the class name in domain/commands.py
COMMAND_TYPES: dict[str, type] = {cls.__name__: cls for cls in HANDLERS}
# the questions clients ask; the handlers' directory (organisation_info, summons_for) and
# freshness (applied_position) stay inside the service
QUERY_NAMES = frozenset({
    "organisation", "is_within", "roster", "meetings", "meeting", "attendance_rate",
    "attendance_by_branch", "attendance_by_member", "member_attendance", "unexcused_absentees",
    "missed_monthly_meetings", "missed_thematic_meetings", "superior_cadre_attendance",
    "materials_issues", "short_meetings",
})
_UNREADABLE = (TypeError, ValueError, KeyError, AttributeError)


def rebuild(cls: type, raw: Any, prefix: str = "") -> Any:
    """A dataclass from its JSON form; a missing, unknown or unreadable field is InvalidInput."""
    if not isinstance(raw, dict):
        raise InvalidInput(prefix.rstrip(".") or cls.__name__, f"must be an object ({cls.__name__})")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise InvalidInput(prefix + unknown[0], f"is not a field of {cls.__name__}")
    values = {}
    for name, f in fields.items():
        if name not in raw:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise InvalidInput(prefix + name, "is required")
            continue
        try:
            values[name] = from_jsonable(hints[name], raw[name])
        except _UNREADABLE as exc:
            raise InvalidInput(prefix + name, f"cannot be read: {exc}") from None
    return cls(**values)


# -- commands --------------------------------------------------------------------------------


def command_to_wire(command: object) -> tuple[str, dict[str, Any]]:
    return type(command).__name__, to_jsonable(command)


def command_from_wire(command_type: Any, payload: Any) -> object:
    cls = COMMAND_TYPES.get(command_type) if isinstance(command_type, str) else None
    if cls is None:
        raise InvalidInput("command_type", f"{command_type!r} is not a meetings command")
    return rebuild(cls, payload)  # the service checks its fields against the annotations


def context_from_wire(raw: Any) -> CommandContext:
    context = rebuild(CommandContext, raw, "context.")
    check_fields(context, "context.")
    return context


# -- queries ---------------------------------------------------------------------------------


@functools.cache
def _signature(name: str) -> inspect.Signature:
    return inspect.signature(getattr(MeetingsQueries, name))


@functools.cache
def _hints(name: str) -> dict[str, Any]:
    return typing.get_type_hints(getattr(MeetingsQueries, name))


@functools.cache
def _arguments_record(name: str) -> type:
    """A dataclass of the query's parameters, so check_fields can type-check what arrived."""
    params = [p for p in _signature(name).parameters if p != "self"]
    return dataclasses.make_dataclass(f"{name}_arguments",
                                      [(p, _hints(name)[p]) for p in params])


def _known_query(name: Any) -> str:
    if not isinstance(name, str) or name not in QUERY_NAMES:
        raise InvalidInput("query", f"{name!r} is not a meetings query")
    return name


def query_args_to_wire(name: str, args: tuple, kwargs: dict[str, Any]) -> dict[str, Any]:
    bound = _signature(_known_query(name)).bind(None, *args, **kwargs)
    bound.arguments.pop("self")
    return {key: to_jsonable(value) for key, value in bound.arguments.items()}


def query_args_from_wire(name: Any, raw: Any) -> dict[str, Any]:
    name = _known_query(name)
    if not isinstance(raw, dict):
        raise InvalidInput("kwargs", "must be an object")
    signature, hints = _signature(name), _hints(name)
    values = {}
    for key, value in raw.items():
        if key == "self" or key not in signature.parameters:
            raise InvalidInput(key, f"is not an argument of {name}")
        try:
            values[key] = from_jsonable(hints[key], value)
        except _UNREADABLE as exc:
            raise InvalidInput(key, f"cannot be read: {exc}") from None
    try:
        bound = signature.bind(None, **values)
    except TypeError as exc:
        raise InvalidInput("kwargs", str(exc)) from None
    bound.apply_defaults()
    bound.arguments.pop("self")
    check_fields(_arguments_record(name)(**bound.arguments))
    return values


def query_result_from_wire(name: str, value: Any) -> Any:
    return from_jsonable(_hints(name)["return"], value)


# -- replies ---------------------------------------------------------------------------------


def ok(value: Any, **extra: Any) -> dict[str, Any]:
    return {"result": to_jsonable(value), **extra}


def refused(error: DomainError) -> dict[str, Any]:
    return {"error": error.to_dict()}


def unwrap(reply: dict[str, Any]) -> Any:
    """The result of a reply, or its refusal raised as the same typed DomainError."""
    if "error" in reply:
        raise error_from_dict(reply["error"])
    return reply["result"]


def command_result_from_wire(value: Any) -> CommandResult:
    return from_jsonable(CommandResult, value)
