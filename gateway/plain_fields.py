"""Fields that only read an attribute of the object they are on, resolved by reading it.

strawberry resolves such a field (no resolver, no extension) through three Python calls — its
wrapper, the field's `get_result`, the default resolver — and two empty containers, and
graphql-core calls a field's resolver once for every object it completes: a branch's member
page (~300 fields) or a commune's subtree (~370) pays that hundreds of times a query. Here each
reads its attribute in one call, as strawberry's default resolver (`getattr`) does; and such a
field of a scalar or enum type is completed without the resolve info and the nested
completion graphql-core goes through for every field (`PlainLeaves`).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    Undefined,
    is_leaf_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter


def read_plain_fields(schema: GraphQLSchema, default_resolver: Any) -> int:
    """Swap strawberry's resolver of every plain field for one `getattr`; returns how many.
    Nothing changes when strawberry resolves plain fields with anything but `getattr`, or marks
    them differently (another release): each field keeps strawberry's own resolver then."""
    if default_resolver is not getattr:
        return 0
    swapped = 0
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for field in type_.fields.values():
            if not _strawberrys_plain_resolver(field.resolve):
                continue
            definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if definition is None or definition.base_resolver or definition.extensions:
                continue
            field.resolve = _attribute(definition.python_name)
            swapped += 1
    return swapped


def _strawberrys_plain_resolver(resolve: Any) -> bool:
    """strawberry's marked resolver of a field it resolves with no Info, no extension and no
    exception handler (its full resolver carries the same mark when only handlers apply)."""
    return getattr(resolve, "_is_default", False) and getattr(
        resolve, "__name__", "") == "_get_basic_result"


def _attribute(name: str) -> Any:
    def resolve(source: Any, info: Any) -> Any:
        return getattr(source, name)

    resolve.plain_attribute = name  # type: ignore[attr-defined]  # what it reads (tests)
    return resolve


# the code every attribute reader of _attribute runs: a field whose resolver runs it is plain
# (a wrapper put around one later, functools.wraps or not, runs code of its own)
_READS_ATTRIBUTE = _attribute("").__code__


class PlainLeaves(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution, but a plain field of a scalar or enum type is completed by
    reading its attribute and coercing the value as graphql-core does (`coerce_output_value`).
    A value that is not plainly a leaf's (null in a non-null field, an error, graphql-core's
    Undefined, one the type refuses or coerces to nothing) and every other field go
    graphql-core's own way, errors and all (the attribute is then read again there). Whether a
    field is plain is asked of its resolver at each execution: nothing is kept between them."""

    def execute_field(self, parent_type: GraphQLObjectType, source: Any,
                      field_details_list: Any, path: Any, position_context: Any) -> Any:
        node = field_details_list[0].node
        middleware = self.middleware_manager  # strawberry's, empty unless an extension resolves
        field = None if (middleware is not None and middleware.middlewares) or node.arguments \
            else parent_type.fields.get(node.name.value)
        if field is not None and not field.args and getattr(
                field.resolve, "__code__", None) is _READS_ATTRIBUTE:
            type_ = field.type
            non_null = isinstance(type_, GraphQLNonNull)
            if non_null:
                type_ = type_.of_type
            if is_leaf_type(type_):
                try:
                    value = getattr(source, field.resolve.plain_attribute)
                    if value is None:
                        if not non_null:
                            return None
                    elif value is not Undefined and not isinstance(value, Exception):
                        coerced = type_.coerce_output_value(value)
                        if coerced is not None and coerced is not Undefined:
                            return coerced
                except Exception:  # noqa: S110 - the engine's own way below raises and reports it
                    pass
        return super().execute_field(parent_type, source, field_details_list, path,
                                     position_context)
