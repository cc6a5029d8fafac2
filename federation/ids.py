"""Ids that carry their province: `NB:<id>` outside, `<id>` inside the province.

Out: every ID-typed value of a province's answer gets its province's prefix, found by the shape
of the document (which response key is which field of which type). In: every ID literal and
every ID inside a variable's value loses its prefix, and the provinces it named route the field.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLID,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
)

SEPARATOR = ":"
# an organisation id meaning, in every province, the organisation the caller's token acts for
# there: `members(organisationId: "*")` lists every province's members, one after another
EVERYWHERE = "*"
COMMAND_ID = "commandId"  # a mutation input's id made by the client: kept as it is


def global_id(province: str, local: str) -> str:
    return f"{province}{SEPARATOR}{local}"


def split_id(value: str) -> tuple[str, str]:
    province, sep, local = value.partition(SEPARATOR)
    if not sep or not province or not local:
        raise GraphQLError(f"id {value!r} names no province: federation ids read "
                           f"<province>{SEPARATOR}<id>", extensions={"code": "INVALID_INPUT"})
    return province, local


# -- shapes: what each response key of a selection is -------------------------------------------


@dataclass
class Shape:
    """A field of a selection: its name, type, and the shape of its own selection."""

    name: str
    type: Any
    children: dict[str, Shape] | None = None
    is_id: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.is_id = get_named_type(self.type) is GraphQLID


def shape_of(selection_set: SelectionSetNode | None, parent: Any, schema: GraphQLSchema,
             fragments: dict[str, FragmentDefinitionNode]) -> dict[str, Shape]:
    shapes: dict[str, Shape] = {}
    if selection_set is None:
        return shapes
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            name = selection.name.value
            key = selection.alias.value if selection.alias else name
            fields = getattr(parent, "fields", None) or {}
            if name.startswith("__") or name not in fields:
                continue  # __typename and the like: never an id
            type_ = fields[name].type
            children = (shape_of(selection.selection_set, get_named_type(type_), schema,
                                 fragments) if selection.selection_set else None)
            known = shapes.get(key)
            if known is not None and known.children is not None and children is not None:
                known.children.update(children)
            else:
                shapes[key] = Shape(name, type_, children)
            continue
        if isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            inner_sel = selection.selection_set
        else:
            assert isinstance(selection, FragmentSpreadNode)
            fragment = fragments[selection.name.value]
            condition, inner_sel = fragment.type_condition, fragment.selection_set
        inner = schema.get_type(condition.name.value) if condition else parent
        if not isinstance(inner, GraphQLObjectType | GraphQLInterfaceType):
            inner = parent  # a union's member is an object type: handled above
        for key, shape in shape_of(inner_sel, inner, schema, fragments).items():
            known = shapes.get(key)
            if known is not None and known.children is not None and shape.children is not None:
                known.children.update(shape.children)
            else:
                shapes.setdefault(key, shape)
    return shapes


def globalise(value: Any, shape: Shape, province: str) -> Any:
    """The value with every id of its shape prefixed by the province (in place for objects)."""
    if value is None:
        return None
    if isinstance(value, list):
        return [globalise(v, shape, province) for v in value]
    if shape.is_id:
        return global_id(province, value) if isinstance(value, str) else value
    if shape.children and isinstance(value, dict):
        for key, child in shape.children.items():
            if key in value and (child.is_id or child.children):
                value[key] = globalise(value[key], child, province)
    return value


# -- in: ids of arguments and variables ---------------------------------------------------------


def localise_input(value: Any, type_: Any, provinces: set[str], org: str | None = None) -> Any:
    """A variable's value with the province prefix taken off each id in it (the provinces
    named added to `provinces`; EVERYWHERE becomes `org`, the token's organisation)."""
    if value is None:
        return None
    if isinstance(type_, GraphQLNonNull):
        return localise_input(value, type_.of_type, provinces, org)
    if isinstance(type_, GraphQLList):
        items = value if isinstance(value, list) else [value]
        return [localise_input(v, type_.of_type, provinces, org) for v in items]
    if type_ is GraphQLID and isinstance(value, str):
        if value == EVERYWHERE:
            provinces.add(EVERYWHERE)
            return org
        province, local = split_id(value)
        provinces.add(province)
        return local
    if isinstance(type_, GraphQLInputObjectType) and isinstance(value, dict):
        return {k: localise_input(v, type_.fields[k].type, provinces, org)
                if k in type_.fields and k != COMMAND_ID else v for k, v in value.items()}
    return value


def holds_id(type_: Any) -> bool:
    named = get_named_type(type_)
    if named is GraphQLID:
        return True
    if isinstance(named, GraphQLInputObjectType):
        return any(holds_id(f.type) for f in named.fields.values())
    return False


# -- cursors that span provinces ----------------------------------------------------------------


def federated_cursor(province: str, local: str | None) -> str:
    """The position after an edge of `province` whose own cursor is `local`: the provinces
    before it are done, those after it not begun."""
    raw = json.dumps([province, local], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def read_cursor(cursor: str) -> tuple[str, str | None]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        province, local = json.loads(raw)
        if isinstance(province, str) and (local is None or isinstance(local, str)):
            return province, local
    except (ValueError, TypeError):
        pass
    raise GraphQLError("after: not a cursor this federation gave",
                       extensions={"code": "INVALID_INPUT"})
