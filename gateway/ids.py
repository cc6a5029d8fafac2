"""Every id the schema takes is read in one place: as a UUID, before any resolver or scope check.

`guard_ids` wraps the resolver of each field with an argument of type ID (directly, or inside an
input object or list). A malformed id gets the same refusal everywhere, naming the argument the
way ValidationFailed names fields (inside a mutation's `input`, the path within it, e.g.
`sponsors[0].memberId`): a field answering a union with ValidationFailed (a mutation) answers
that, any other field null with an INVALID_INPUT error. Well-formed ids reach the resolver in
canonical form, so a query reads an id as the commands do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    default_field_resolver,
)

from kit import metrics
from kit.errors import InvalidInput
from kit.ids import parse_id

from .context import graphql_error
from .errors import from_domain
from .telemetry import operation_label

MUTATION_INPUT = "input"  # a mutation's one argument: refusals name fields relative to it
Reader = Callable[[Any, str], Any]  # (value, path) -> the value with its ids canonical


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def input_reader(type_: Any, leaf: Callable[[GraphQLScalarType], Reader | None],
                 seen: frozenset[str] = frozenset()) -> Reader | None:
    """Reads every scalar `leaf` gives a reader for, in a value of this input type (through
    lists and input objects, each field named in the path); None when the type holds none."""
    if isinstance(type_, GraphQLNonNull):
        return input_reader(type_.of_type, leaf, seen)
    if isinstance(type_, GraphQLList):
        item = input_reader(type_.of_type, leaf, seen)
        if item is None:
            return None
        return lambda value, path: None if value is None else [
            item(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(type_, GraphQLScalarType):
        return leaf(type_)
    if isinstance(type_, GraphQLInputObjectType) and type_.name not in seen:
        fields = {}
        for name, field in type_.fields.items():
            reader = input_reader(field.type, leaf, seen | {type_.name})
            if reader is not None:
                fields[field.out_name or name] = (name, reader)
        if not fields:
            return None

        def read_object(value: Any, path: str) -> Any:
            if value is None:
                return None
            read = dict(value)
            for key, (name, reader) in fields.items():
                if key in read:
                    read[key] = reader(read[key], _join(path, name))
            return read
        return read_object
    return None


def _read_id(value: Any, path: str) -> Any:
    return None if value is None else parse_id(value, path)


def id_reader(type_: Any) -> Reader | None:
    """Reads every id in a value of this input type; None when the type holds no id."""
    return input_reader(type_, lambda scalar: _read_id if scalar.name == "ID" else None)


def _is_object(type_: Any) -> bool:
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLInputObjectType)


def _answers_refusals(field: GraphQLField, schema: GraphQLSchema) -> bool:
    returned = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    refusal = schema.get_type("ValidationFailed")
    return isinstance(returned, GraphQLUnionType) and refusal in returned.types


def _guarded(field: GraphQLField, readers: dict[str, tuple[str, Reader]],
             answers_refusals: bool) -> Callable[..., Any]:
    resolve = field.resolve or default_field_resolver

    def resolve_with_ids(root: Any, info: Any, **args: Any) -> Any:
        try:
            for key, (path, reader) in readers.items():
                if key in args:
                    args[key] = reader(args[key], path)
        except InvalidInput as error:
            if not answers_refusals:
                raise graphql_error(error) from None
            name = info.operation.name and info.operation.name.value
            metrics.GRAPHQL_ERRORS.labels(operation_label(name), error.code).inc()
            return from_domain(error)
        return resolve(root, info, **args)
    return resolve_with_ids


def guard_ids(schema: GraphQLSchema) -> GraphQLSchema:
    """Wrap every field that takes an id (once per built schema)."""
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for field in type_.fields.values():
            readers = {}
            for name, arg in field.args.items():
                reader = id_reader(arg.type)
                if reader is not None:
                    path = "" if name == MUTATION_INPUT and _is_object(arg.type) else name
                    readers[arg.out_name or name] = (path, reader)
            if readers:
                field.resolve = _guarded(field, readers, _answers_refusals(field, schema))
    return schema
