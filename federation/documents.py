"""Taking a client's document apart and writing the one each province receives: its root
fields, ID literals without their province, only the variables and fragments it uses."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLID,
    GraphQLSchema,
    InlineFragmentNode,
    NamedTypeNode,
    NameNode,
    NonNullTypeNode,
    NullValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    TypeInfo,
    TypeInfoVisitor,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    get_named_type,
    parse,
    print_ast,
    validate,
    visit,
)

from .ids import COMMAND_ID, EVERYWHERE, split_id

ORG_VARIABLE = "_fed_org"  # EVERYWHERE in a literal: the token's organisation, per province


@functools.lru_cache(maxsize=512)
def checked_document(schema: GraphQLSchema, query: str) -> tuple[DocumentNode | None,
                                                                  tuple[GraphQLError, ...]]:
    """Parsed and validated once per distinct query text."""
    try:
        document = parse(query)
    except GraphQLError as error:
        return None, (error,)
    return document, tuple(validate(schema, document))


def root_fields(selection_set: SelectionSetNode,
                fragments: dict[str, FragmentDefinitionNode]) -> list[FieldNode]:
    """The operation's root fields, fragments on Query spread out."""
    fields: list[FieldNode] = []
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            fields.append(selection)
        elif isinstance(selection, InlineFragmentNode):
            fields.extend(root_fields(selection.selection_set, fragments))
        elif isinstance(selection, FragmentSpreadNode):
            fields.extend(root_fields(fragments[selection.name.value].selection_set, fragments))
    return fields


def response_key(node: FieldNode) -> str:
    return node.alias.value if node.alias else node.name.value


class _IdLiterals(Visitor):
    """Takes the province prefix off every ID literal, noting the provinces named, the
    variables used and the fragments spread."""

    def __init__(self, type_info: TypeInfo) -> None:
        super().__init__()
        self.type_info = type_info
        self.provinces: set[str] = set()
        self.variables: set[str] = set()
        self.spreads: set[str] = set()

    def enter_string_value(self, node: StringValueNode, _key: Any = None, parent: Any = None,
                           *_: Any) -> Any:
        if getattr(getattr(parent, "name", None), "value", None) == COMMAND_ID:
            return None  # the id a client makes for its command: names no record, no province
        if get_named_type(self.type_info.get_input_type()) is GraphQLID:
            if node.value == EVERYWHERE:
                self.provinces.add(EVERYWHERE)
                self.variables.add(ORG_VARIABLE)
                return VariableNode(name=NameNode(value=ORG_VARIABLE))
            province, local = split_id(node.value)
            self.provinces.add(province)
            return StringValueNode(value=local)
        return None

    def enter_variable(self, node: VariableNode, *_: Any) -> None:
        self.variables.add(node.name.value)

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: Any) -> None:
        self.spreads.add(node.name.value)


@dataclass
class Part:
    """A field or fragment with its ID literals made local, and what it names and uses."""

    node: Any
    provinces: set[str] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)
    spreads: set[str] = field(default_factory=set)


def localised(node: Any, schema: GraphQLSchema, parent: Any) -> Part:
    type_info = TypeInfo(schema, initial_type=parent)
    literals = _IdLiterals(type_info)
    edited = visit(node, TypeInfoVisitor(type_info, literals))
    return Part(edited, literals.provinces, literals.variables, literals.spreads)


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_variable(self, node: VariableNode, *_: Any) -> None:
        self.names.add(node.name.value)


def variables_in(node: Any) -> set[str]:
    found = _Variables()
    visit(node, found)
    return found.names


def closure(spreads: Iterable[str], fragments: dict[str, Part]) -> set[str]:
    """The fragments spread, and those they spread, transitively."""
    seen: set[str] = set()
    todo = list(spreads)
    while todo:
        name = todo.pop()
        if name in seen or name not in fragments:
            continue
        seen.add(name)
        todo.extend(fragments[name].spreads)
    return seen


def with_argument(node: FieldNode, name: str, value: str | None) -> FieldNode:
    """The field with argument `name` set to a string literal (or null)."""
    literal = NullValueNode() if value is None else StringValueNode(value=value)
    arguments = [a for a in node.arguments or () if a.name.value != name]
    arguments.append(ArgumentNode(name=NameNode(value=name), value=literal))
    return replace(node, arguments=tuple(arguments))


def with_selections(node: FieldNode, extra: Iterable[Any]) -> FieldNode:
    selections = tuple(node.selection_set.selections) if node.selection_set else ()
    return replace(node, selection_set=SelectionSetNode(selections=selections + tuple(extra)))


def fields_of(text: str) -> tuple[Any, ...]:
    """The root selections of a small query written here (internal fields)."""
    operation = parse(text).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return tuple(operation.selection_set.selections)


def literal(value: Any) -> str:
    """A GraphQL literal of a JSON-like value (strings escaped as JSON escapes them)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    return json.dumps(str(value), ensure_ascii=False)


def province_document(operation: OperationDefinitionNode, selections: list[Any],
                      variables: set[str], fragments: dict[str, Part],
                      spreads: set[str]) -> str:
    """The document a province receives: these root selections, the variables they use and
    the fragments they spread."""
    definitions = [d for d in operation.variable_definitions or ()
                   if d.variable.name.value in variables]
    if ORG_VARIABLE in variables:
        definitions.append(VariableDefinitionNode(
            variable=VariableNode(name=NameNode(value=ORG_VARIABLE)),
            type=NonNullTypeNode(type=NamedTypeNode(name=NameNode(value="ID")))))
    op = replace(operation, selection_set=SelectionSetNode(selections=tuple(selections)),
                 variable_definitions=tuple(definitions))
    used = closure(spreads, fragments)
    definitions = [op, *(fragments[name].node for name in sorted(used))]
    return print_ast(DocumentNode(definitions=tuple(definitions)))
