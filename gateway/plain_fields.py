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
    GraphQLField,
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


def _plain_leaf(field: GraphQLField) -> tuple[str, Any, bool] | None:
    """(attribute, leaf type, non-null) of a field read_plain_fields swapped, of a scalar or
    enum type (or its non-null); None for any other field."""
    name = getattr(field.resolve, "plain_attribute", None)
    if name is None or field.args:
        return None
    type_, non_null = field.type, isinstance(field.type, GraphQLNonNull)
    if non_null:
        type_ = type_.of_type
    return (name, type_, non_null) if is_leaf_type(type_) else None


_LEAVES: dict[GraphQLObjectType, dict[str, tuple[str, Any, bool]]] = {}


def _leaves(parent_type: GraphQLObjectType) -> dict[str, tuple[str, Any, bool]]:
    found = _LEAVES.get(parent_type)
    if found is None:
        found = _LEAVES[parent_type] = {
            name: leaf for name, field in parent_type.fields.items()
            if (leaf := _plain_leaf(field)) is not None}
    return found


class PlainLeaves(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution, but a plain field of a scalar or enum type is completed by
    reading its attribute and coercing the value as graphql-core does (`coerce_output_value`).
    A value that is not plainly a leaf's (null in a non-null field, an error, one the type
    refuses) and every other field go graphql-core's own way, errors and all."""

    def execute_field(self, parent_type: GraphQLObjectType, source: Any,
                      field_details_list: Any, path: Any, position_context: Any) -> Any:
        node = field_details_list[0].node
        middleware = self.middleware_manager  # strawberry's, empty unless an extension resolves
        leaf = None if (middleware is not None and middleware.middlewares) or node.arguments \
            else _leaves(parent_type).get(node.name.value)
        if leaf is not None:
            name, type_, non_null = leaf
            try:
                value = getattr(source, name)
                if value is None:
                    if not non_null:
                        return None
                elif not isinstance(value, Exception):
                    coerced = type_.coerce_output_value(value)
                    if coerced is not None and coerced is not Undefined:
                        return coerced
            except Exception:  # noqa: S110 - the engine's own way below raises and reports it
                pass
        return super().execute_field(parent_type, source, field_details_list, path,
                                     position_context)
