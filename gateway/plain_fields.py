"""Fields that only read an attribute of the object they are on, resolved by reading it.

strawberry resolves such a field (no resolver, no extension) through three Python calls — its
wrapper, the field's `get_result`, the default resolver — and two empty containers, and
graphql-core calls a field's resolver once for every object it completes: a branch's member
page (~300 fields) or a commune's subtree (~370) pays that hundreds of times a query. Here each
reads its attribute in one call, as strawberry's default resolver (`getattr`) does; such a
field of a scalar or enum type is completed without the resolve info and the nested
completion graphql-core goes through for every field (`PlainLeaves`); and an object whose every
selected field is plain, all the way down, is completed in one walk of its selection.
"""

from __future__ import annotations

import threading
from typing import Any, NamedTuple

from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    is_leaf_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

from .identity_keys import IdentityWeakKeys
from .plain_walk import LEAF as _LEAF
from .plain_walk import LIST as _LIST
from .plain_walk import OBJECT as _OBJECT
from .plain_walk import TYPENAME as _TYPENAME
from .plain_walk import Walk, walk_of
from .plain_walk import complete as _complete

__all__ = ["IdentityWeakKeys", "PlainLeaves", "read_plain_fields"]


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
    reading its attribute and coercing the value as graphql-core does (`coerce_output_value`),
    and an object whose selection is plain all the way down (plain fields of leaf, object or
    list type, `__typename`; no directive, deferral or `is_type_of`) is completed by
    one walk of that selection: a commune's subtree is ~50 such objects of 3 fields each.
    A value that is not plainly a leaf's (null in a non-null field, an error, graphql-core's
    Undefined, one the type refuses or coerces to nothing, a list that is not a list) and every
    other field go graphql-core's own way, errors and all (the attributes are then read again
    there: the object is completed anew). A selection's plan is kept with its operation (the
    gateway keeps each parsed document, so the same query text brings the same nodes), unless
    the document could collect its fields differently with other variables (any directive),
    and is made again when a field it reads is no longer resolved by the resolver it saw."""

    _plain_plans: dict[tuple[GraphQLObjectType, int], tuple[Any, _Kept]] | None = None
    _operation_plans: dict[tuple[Any, ...], _Kept] | None = None
    # a plan of each operation's selections, kept while the operation is: building them took
    # ~30-60 us of each execution of a typical query (collecting subfields, asking each field)
    _kept: IdentityWeakKeys[OperationDefinitionNode, dict[tuple[Any, ...], _Kept]] = \
        IdentityWeakKeys()
    _kept_lock = threading.Lock()

    def _resolved_by_extensions(self) -> bool:
        """strawberry's middleware is empty unless an extension resolves fields: then every
        field goes through it, graphql-core's way."""
        middleware = self.middleware_manager
        return middleware is not None and bool(middleware.middlewares)

    def complete_object_value(self, return_type: GraphQLObjectType, field_details_list: Any,
                              info: Any, path: Any, result: Any, position_context: Any) -> Any:
        walk = self._kept_plan(return_type, field_details_list).walk
        if walk is not None:
            try:
                return walk(result)
            except Exception:  # noqa: S110 - the engine's own way below reports it
                pass
        return super().complete_object_value(return_type, field_details_list, info, path,
                                             result, position_context)

    def _kept_plan(self, type_: GraphQLObjectType, field_details_list: Any) -> _Kept:
        """What to read for each response key of this selection on `type_` (its `walk` None:
        not plain). Within an execution by the selection's identity (graphql-core hands each
        item of a list the same one), the selection kept alive with it."""
        plans = self._plain_plans
        if plans is None:  # the first object this execution completes
            plans = self._plain_plans = {}
        found = plans.get((type_, id(field_details_list)))
        if found is None:
            found = plans[type_, id(field_details_list)] = (
                field_details_list, self._checked_plan(type_, field_details_list))
        return found[1]

    def _checked_plan(self, type_: GraphQLObjectType, field_details_list: Any) -> _Kept:
        """The operation's plan of this selection, if each field it reads still has the
        resolver it saw; else made (again)."""
        kept_plans = self._operation_plans
        if kept_plans is None:
            kept_plans = self._operation_plans = self._plans_of_operation()
        key = (type_, *[id(d.node) for d in field_details_list])
        kept = kept_plans.get(key)
        if kept is None or not all(field.resolve is seen for field, seen in kept.resolvers):
            kept = kept_plans[key] = self._plan(type_, field_details_list)
        return kept

    def _plans_of_operation(self) -> dict[tuple[Any, ...], _Kept]:
        """The plans kept with this operation, or a dict for this execution alone: when an
        extension resolves fields, or the document holds a directive (`@include(if: $x)` on a
        fragment collects other fields with other variables; `@defer` and `@stream`)."""
        operation = self.operation
        loc = operation.loc
        if self._resolved_by_extensions() or loc is None or "@" in loc.source.body:
            return {}
        with self._kept_lock:
            plans = self._kept.get(operation)
            if plans is None:
                plans = self._kept[operation] = {}
        return plans

    def _plan(self, type_: GraphQLObjectType, field_details_list: Any) -> _Kept:
        nodes = [d.node for d in field_details_list]
        if type_.is_type_of is not None or self._resolved_by_extensions():
            return _Kept(nodes, None, ())
        grouped, _, _ = self.collect_subfields(type_, field_details_list)
        plan = []
        resolvers: list[tuple[Any, Any]] = []  # every field read, nested plans' too
        for key, details in grouped.items():  # deferred, or streamed (a directive)
            if any(d.defer_usage is not None or d.node.directives for d in details):
                return _Kept(nodes, None, ())
            name = details[0].node.name.value
            if name == "__typename":
                plan.append((key, "", False, _TYPENAME, type_.name))
                continue
            field = type_.fields.get(name)
            if field is None:
                return _Kept(nodes, None, tuple(resolvers))
            resolvers.append((field, field.resolve))
            if getattr(field.resolve, "__code__", None) is not _READS_ATTRIBUTE:
                return _Kept(nodes, None, tuple(resolvers))
            completion = self._completion(field.type, details, resolvers)
            if completion is None:
                return _Kept(nodes, None, tuple(resolvers))
            plan.append((key, field.resolve.plain_attribute, *completion))
        return _Kept(nodes, walk_of(tuple(plan)), tuple(resolvers))

    def _completion(self, type_: Any, details: Any, resolvers: list[tuple[Any, Any]]
                    ) -> tuple[bool, int, Any] | None:
        """(non-null, kind, what completes it) for a value of `type_`, or None: not plain.
        The resolvers a nested plan saw are added to `resolvers`."""
        non_null = isinstance(type_, GraphQLNonNull)
        if non_null:
            type_ = type_.of_type
        if is_leaf_type(type_):
            return non_null, _LEAF, type_.coerce_output_value
        if isinstance(type_, GraphQLList):
            item = self._completion(type_.of_type, details, resolvers)
            return None if item is None else (non_null, _LIST, item)
        if isinstance(type_, GraphQLObjectType):
            nested = self._kept_plan(type_, details)
            resolvers.extend(nested.resolvers)
            return None if nested.walk is None else (non_null, _OBJECT, nested.walk)
        return None  # an interface or a union: graphql-core resolves the runtime type

    def complete_iterable_value(self, item_type: Any, field_details_list: Any, info: Any,
                                path: Any, items: Any, position_context: Any) -> Any:
        """A list a resolver returned whose items are plain (leaves, or objects plain all the
        way down) is completed in one pass, not item by item through graphql-core (a commune's
        52 tree nodes, a member's history). At the first item that is not plainly its type's,
        the whole list goes graphql-core's way, errors and all."""
        item = self._list_item(item_type, field_details_list)
        if item is not None and isinstance(items, list | tuple):
            try:
                return [_complete(value, *item) for value in items]
            except Exception:  # noqa: S110 - the engine's own way below reports it
                pass
        return super().complete_iterable_value(item_type, field_details_list, info, path,
                                               items, position_context)

    def _list_item(self, item_type: Any, field_details_list: Any) -> tuple[Any, ...] | None:
        """How each item of this list field completes, or None: not plain (a streamed list,
        one whose fields an extension resolves, an item type graphql-core must resolve)."""
        if self._resolved_by_extensions() or any(
                d.node.directives for d in field_details_list):
            return None
        return self._completion(item_type, field_details_list, [])

    def execute_field(self, parent_type: GraphQLObjectType, source: Any,
                      field_details_list: Any, path: Any, position_context: Any) -> Any:
        node = field_details_list[0].node
        field = None if node.arguments or self._resolved_by_extensions() \
            else parent_type.fields.get(node.name.value)
        if field is not None and not field.args and getattr(
                field.resolve, "__code__", None) is _READS_ATTRIBUTE:
            non_null = isinstance(field.type, GraphQLNonNull)
            type_ = field.type.of_type if non_null else field.type
            if is_leaf_type(type_):
                try:  # completed as a leaf of a plain object is
                    return _complete(getattr(source, field.resolve.plain_attribute), non_null,
                                     _LEAF, type_.coerce_output_value)
                except Exception:  # noqa: S110 - the engine's own way below raises and reports it
                    pass
        return super().execute_field(parent_type, source, field_details_list, path,
                                     position_context)


class _Kept(NamedTuple):
    nodes: list[Any]  # the selection's field nodes: alive while their ids key this entry
    walk: Walk | None  # the plan made into one function (plain_walk); None: not plain
    resolvers: tuple[tuple[Any, Any], ...]  # (field, its resolver) for each field it read
