"""What a service's commands, queries and refusals look like on the RPC wire, for both ends.

Plain JSON: a command travels as its RPC name (a literal in the service's table, never its class
name) and `to_jsonable` payload, a query as a method name of the service's queries class (if
whitelisted) and its arguments, a reply as {"result": ...} or {"error": DomainError.to_dict()}.
Both ends rebuild typed values from the annotations, so nothing here imports nameko. Each
service names its commands and queries in one RpcWire.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from kit.commanding import check_command_names
from kit.envelope import CommandContext
from kit.errors import DomainError, InvalidInput, error_from_dict
from kit.json_decode import from_jsonable
from kit.json_encode import to_jsonable
from kit.validation import check_fields

_UNREADABLE = (TypeError, ValueError, KeyError, AttributeError)


@functools.cache
def _shape(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field]]:
    """A dataclass's resolved annotations and fields, once per class (resolving the string
    annotations took ~2 % of a service's CPU when done per request)."""
    return typing.get_type_hints(cls), {f.name: f for f in dataclasses.fields(cls)}


def rebuild(cls: type, raw: Any, prefix: str = "") -> Any:
    """A dataclass from its JSON form; a missing, unknown or unreadable field is InvalidInput."""
    if not isinstance(raw, dict):
        raise InvalidInput(prefix.rstrip(".") or cls.__name__, f"must be an object ({cls.__name__})")
    hints, fields = _shape(cls)
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


def context_from_wire(raw: Any) -> CommandContext:
    context = rebuild(CommandContext, raw, "context.")
    check_fields(context, "context.")
    return context


def ok(value: Any, **extra: Any) -> dict[str, Any]:
    return {"result": to_jsonable(value), **extra}


def refused(error: DomainError) -> dict[str, Any]:
    return {"error": error.to_dict()}


def unwrap(reply: dict[str, Any]) -> Any:
    """The result of a reply, or its refusal raised as the same typed DomainError."""
    if "error" in reply:
        raise error_from_dict(reply["error"])
    return reply["result"]


class RpcWire:
    """One service's wire: the commands it accepts (`commands`: literal RPC name -> class, one
    name per class and exactly the classes `handlers` has), the queries it answers (a whitelist of
    methods of `queries`), and the type its commands' results are rebuilt to."""

    def __init__(self, service: str, *, commands: Mapping[str, type], handlers: Collection[type],
                 queries: type, query_names: Iterable[str], command_result: type) -> None:
        self.service = service  # the word refusals use: "… is not a <service> command"
        self.command_types: dict[str, type] = dict(commands)
        self.command_names: dict[type, str] = check_command_names(service, commands, handlers)
        self.queries = queries
        self.query_names = frozenset(query_names)
        self.command_result = command_result
        self._signature = functools.cache(self._signature_of)
        self._hints = functools.cache(self._hints_of)
        self._arguments_record = functools.cache(self._arguments_record_of)

    unwrap = staticmethod(unwrap)

    # -- commands ----------------------------------------------------------------------------

    def command_to_wire(self, command: object) -> tuple[str, dict[str, Any]]:
        name = self.command_names.get(type(command))
        if name is None:
            raise InvalidInput("command", f"{type(command)!r} is not a {self.service} command")
        return name, to_jsonable(command)

    def command_from_wire(self, command_type: Any, payload: Any) -> object:
        cls = self.command_types.get(command_type) if isinstance(command_type, str) else None
        if cls is None:
            raise InvalidInput("command_type", f"{command_type!r} is not a {self.service} command")
        return rebuild(cls, payload)  # the service checks its fields against the annotations

    def command_result_from_wire(self, value: Any) -> Any:
        return from_jsonable(self.command_result, value)

    # -- queries -----------------------------------------------------------------------------

    def _signature_of(self, name: str) -> inspect.Signature:
        return inspect.signature(getattr(self.queries, name))

    def _hints_of(self, name: str) -> dict[str, Any]:
        return typing.get_type_hints(getattr(self.queries, name))

    def _arguments_record_of(self, name: str) -> type:
        """A dataclass of the query's parameters, so check_fields can type-check what arrived."""
        params = [p for p in self._signature(name).parameters if p != "self"]
        return dataclasses.make_dataclass(f"{name}_arguments",
                                          [(p, self._hints(name)[p]) for p in params])

    def known_query(self, name: Any) -> str:
        if not isinstance(name, str) or name not in self.query_names:
            raise InvalidInput("query", f"{name!r} is not a {self.service} query")
        return name

    def query_args_to_wire(self, name: str, args: tuple, kwargs: dict[str, Any]) -> dict[str, Any]:
        bound = self._signature(self.known_query(name)).bind(None, *args, **kwargs)
        bound.arguments.pop("self")
        return {key: to_jsonable(value) for key, value in bound.arguments.items()}

    def query_args_from_wire(self, name: Any, raw: Any) -> dict[str, Any]:
        name = self.known_query(name)
        if not isinstance(raw, dict):
            raise InvalidInput("kwargs", "must be an object")
        signature, hints = self._signature(name), self._hints(name)
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
        check_fields(self._arguments_record(name)(**bound.arguments))
        return values

    def query_result_from_wire(self, name: str, value: Any) -> Any:
        return from_jsonable(self._hints(name)["return"], value)


@functools.cache
def wire_of(declaration: Any) -> RpcWire:
    """A declared service's wire (kit.declaration.ServiceDeclaration): its commands under their
    declared names, its published queries, and the kit's CommandResult."""
    from kit.commanding import CommandResult

    return RpcWire(declaration.name, commands=declaration.command_names,
                   handlers=declaration.handlers, queries=declaration.queries,
                   query_names=declaration.query_names, command_result=CommandResult)
