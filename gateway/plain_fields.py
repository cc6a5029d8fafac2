"""Fields that only read an attribute of the object they are on, resolved by reading it.

strawberry resolves such a field (no resolver, no extension) through three Python calls — its
wrapper, the field's `get_result`, the default resolver — and two empty containers, and
graphql-core calls a field's resolver once for every object it completes: a branch's member
page (~300 fields) or a commune's subtree (~370) pays that hundreds of times a query. Here each
reads its attribute in one call, as strawberry's default resolver (`getattr`) does.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema
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
