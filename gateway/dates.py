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
    GraphQLObjectType,
    GraphQLSchema,
)

from kit.clock import SystemClock
from kit.dates import QUERY_DATE, DateSpan
from kit.errors import InvalidInput

from .ids import Reader, _answers_refusals, _guarded, input_reader

DATE_SCALARS = frozenset({"Date", "DateTime"})


def _check(span: DateSpan) -> Reader:
    def check(value: Any, path: str) -> Any:
        if value is not None:
            problem = span.problem(value, SystemClock().today())
            if problem:
                raise InvalidInput(path, problem)
        return value
    return check


def date_reader(type_: Any, span: DateSpan = QUERY_DATE) -> Reader | None:
    """Checks every date in a value of this input type; None when the type holds no date."""
    check = _check(span)
    return input_reader(type_, lambda scalar: check if scalar.name in DATE_SCALARS else None)


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
