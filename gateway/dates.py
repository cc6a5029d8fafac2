"""Every date a query takes is held to a plausible span in one place, before any resolver runs.

`guard_dates` wraps each field outside Mutation with an argument of type Date or DateTime
(directly, or inside an input object or list): a value outside kit.dates.QUERY_DATE is refused
with INVALID_INPUT naming the argument, instead of reaching date arithmetic that overflows
(`to: "9999-12-31"` was `ValueError: year 10000 is out of range`). A mutation's dates are checked
by its command's own annotations (kit.validation), where each field has its own span.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
)

from kit.clock import SystemClock
from kit.dates import QUERY_DATE, DateSpan
from kit.errors import InvalidInput

from .ids import Reader, _answers_refusals, _guarded, _join

DATE_SCALARS = frozenset({"Date", "DateTime"})


def _check(span: DateSpan) -> Reader:
    def check(value: Any, path: str) -> Any:
        if value is not None:
            problem = span.problem(value, SystemClock().today())
            if problem:
                raise InvalidInput(path, problem)
        return value
    return check


def date_reader(type_: Any, span: DateSpan = QUERY_DATE,
                seen: frozenset[str] = frozenset()) -> Reader | None:
    """Checks every date in a value of this input type; None when the type holds no date."""
    if isinstance(type_, GraphQLNonNull):
        return date_reader(type_.of_type, span, seen)
    if isinstance(type_, GraphQLList):
        item = date_reader(type_.of_type, span, seen)
        if item is None:
            return None
        return lambda value, path: None if value is None else [
            item(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(type_, GraphQLScalarType) and type_.name in DATE_SCALARS:
        return _check(span)
    if isinstance(type_, GraphQLInputObjectType) and type_.name not in seen:
        fields = {}
        for name, field in type_.fields.items():
            reader = date_reader(field.type, span, seen | {type_.name})
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


def guard_dates(schema: GraphQLSchema) -> GraphQLSchema:
    """Wrap every query-side field that takes a date (once per built schema)."""
    for type_ in schema.type_map.values():
        if (not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__")
                or type_ is schema.mutation_type):
            continue
        for field in type_.fields.values():
            readers = {}
            for name, arg in field.args.items():
                reader = date_reader(arg.type)
                if reader is not None:
                    readers[arg.out_name or name] = (name, reader)
            if readers:
                field.resolve = _guarded(field, readers, _answers_refusals(field, schema))
    return schema
