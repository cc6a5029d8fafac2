"""Planning one request across provinces: each root field routed by the provinces its ids name
(NB:<id>; ids of two provinces in one field are refused) or, with none, to every province the
caller has a token for; a connection asked of several provinces written per province from its
position in the federated cursor; the federation's own fields turned into aliased fields of
the same per-province documents."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_argument_values,
    get_named_type,
    type_from_ast,
)

from . import native
from .access import Credentials
from .documents import (
    Part,
    checked_document,
    closure,
    fields_of,
    localised,
    response_key,
    variables_in,
    with_argument,
    with_selections,
)
from .ids import EVERYWHERE, Shape, holds_id, localise_input, read_cursor, shape_of
from .merge import CONNECTION_EXTRA, is_connection
from .schema import FEDERATION_FIELDS, STATISTICS

INTROSPECTION = frozenset({"__schema", "__type", "__typename"})


def error(message: str, path: Sequence[Any], code: str, province: str | None = None) -> dict:
    extensions: dict[str, Any] = {"code": code}
    if province is not None:
        extensions["province"] = province
    return {"message": message, "path": list(path), "extensions": extensions}


@dataclass
class Plan:
    """One province's part of a request."""

    selections: list[Any] = field(default_factory=list)
    variables: set[str] = field(default_factory=set)
    spreads: set[str] = field(default_factory=set)
    keys: list[str] = field(default_factory=list)  # the client's root keys it answers
    reusable: bool = True  # the same text for the same query (no per-request rewriting)
    central: bool = False  # sent with the central token (statistics only: no province token)


class Planned:
    """One request's plan: which root fields each province is sent, and how."""

    def __init__(self, federation: Any, query: str, document: Any,
                 operation: OperationDefinitionNode,
                 raw_variables: dict[str, Any], coerced: dict[str, Any],
                 creds: Credentials) -> None:
        self.f, self.schema = federation, federation.schema
        self.document, self.operation = document, operation
        self.raw_variables, self.coerced, self.creds = raw_variables, coerced, creds
        self.root_type = (self.schema.mutation_type if operation.operation == OperationType.MUTATION
                          else self.schema.query_type)
        originals = {d.name.value: d for d in document.definitions
                     if d.__class__.__name__ == "FragmentDefinitionNode"}
        self.originals = originals
        self.query = query
        self.fragments = localised_fragments(self.schema, query)
        self.fragment_nodes = {name: p.node for name, p in self.fragments.items()}
        # each variable's value per its declared type, ids local; the provinces its ids name
        self.variable_provinces: dict[str, set[str]] = {}
        self.variables: dict[str, Any] = {}
        self.everywhere_types: dict[str, Any] = {}  # variables holding EVERYWHERE: their types
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if name not in raw_variables:
                continue
            named: set[str] = set()
            type_ = type_from_ast(self.schema, definition.type)
            self.variables[name] = (localise_input(raw_variables[name], type_, named)
                                    if holds_id(type_) else raw_variables[name])
            self.variable_provinces[name] = named
            if EVERYWHERE in named:
                self.everywhere_types[name] = type_
        self.plans = {code: Plan() for code in federation.order}
        self.errors: list[dict[str, Any]] = []
        self.shapes: dict[str, Shape] = {}  # the client's root key -> its shape
        self.fanned: dict[str, list[str]] = {}  # root key -> the provinces asked
        self.connections: dict[str, tuple[int, set[str]]] = {}  # key -> (first, done)
        self.native_nodes: list[FieldNode] = []
        self.aliases: dict[str, str] = {}  # native root key -> internal alias

    # -- planning --------------------------------------------------------------------------

    def _used(self, part: Part) -> tuple[set[str], set[str]]:
        spreads = closure(part.spreads, self.fragments)
        variables = set(part.variables)
        for name in spreads:
            variables |= self.fragments[name].variables
        return variables, spreads

    def _route(self, node: FieldNode) -> None:
        key = response_key(node)
        name = node.name.value
        if name in INTROSPECTION or (name in FEDERATION_FIELDS
                                     and self.operation.operation == OperationType.QUERY):
            self.native_nodes.append(node)
            return
        part = localised_field(self.schema, self.query, self.root_type.name, node)
        variables, spreads = self._used(part)
        named = set(part.provinces)
        for name_ in spreads:
            named |= self.fragments[name_].provinces
        for variable in variables:
            named |= self.variable_provinces.get(variable, set())
        field_def = self.root_type.fields[name]
        self.shapes[key] = Shape(name, field_def.type, shape_of(
            part.node.selection_set, get_named_type(field_def.type), self.schema, self.fragment_nodes)
            if part.node.selection_set else None)
        if self.operation.operation == OperationType.MUTATION and not named:
            named = set(self.creds.by_province) if len(self.creds.by_province) == 1 else named
            if not named:
                self.errors.append(error("a mutation changes one province: name it with the "
                                         "province's ids, or send that province's token only",
                                         [key], "INVALID_INPUT"))
                return
        if EVERYWHERE in named:
            if len(named) > 1:
                self.errors.append(error(f"{EVERYWHERE} (every province) beside ids of one "
                                         "province in one field", [key], "INVALID_INPUT"))
                return
            named = set()
        if len(named) > 1:
            self.errors.append(error(f"ids of several provinces ({', '.join(sorted(named))}) "
                                     "in one field: ask each province's in a field of its own",
                                     [key], "INVALID_INPUT"))
            return
        unknown = named - set(self.f.order)
        if unknown:
            self.errors.append(error(f"no province {unknown.pop()} in this federation", [key],
                                     "NOT_FOUND"))
            return
        targets = sorted(named) if named else list(self.f.order)
        node_for = {code: part.node for code in targets}
        if len(targets) > 1:
            self.fanned[key] = targets
            if is_connection(field_def.type):
                node_for = self._paged(node, part.node, field_def, key, targets)
                variables = variables_in(node_for[targets[0]])  # `after` is written per province
                for name_ in spreads:
                    variables |= self.fragments[name_].variables
        paged = key in self.connections
        if not self.creds.by_province and self.creds.central:
            self.errors.append(error("a central token reads statistics across provinces "
                                     f"({', '.join(sorted(STATISTICS))}), not a province's "
                                     "records", [key], "FORBIDDEN"))
            return
        for code in targets:
            if self.creds.token_for(code) is None:
                self.errors.append(self._no_token(code, key))
                continue
            plan = self.plans[code]
            plan.selections.append(node_for[code])
            plan.variables |= variables
            plan.spreads |= spreads
            plan.keys.append(key)
            plan.reusable = plan.reusable and not paged

    def _no_token(self, code: str, key: str) -> dict[str, Any]:
        refused = self.creds.refused.get(code)
        if refused is None:
            return error(f"no token for province {code}: its part is not included", [key],
                         "UNAUTHENTICATED", code)
        message, reason = refused
        if reason == "ISSUER_UNREACHABLE":  # its keys could not be had: it is down
            return error(f"province {code}: {message}", [key], "PROVINCE_UNAVAILABLE", code)
        out = error(f"province {code} refused: {message}", [key], "UNAUTHENTICATED", code)
        out["extensions"]["reason"] = reason
        return out

    def _paged(self, client: FieldNode, node: FieldNode, field_def: Any, key: str,
               targets: list[str]) -> dict[str, FieldNode]:
        """A connection asked of several provinces: each from its own position."""
        args = get_argument_values(field_def, client, self.coerced)
        first = args.get("first", 50)
        done: set[str] = set()
        positions: dict[str, str | None] = {}
        if args.get("after"):
            province, local = read_cursor(args["after"])
            if province not in targets:
                raise GraphQLError("after: a cursor of a province not asked here",
                                   extensions={"code": "INVALID_INPUT"})
            at = targets.index(province)
            done = set(targets[:at])
            positions[province] = local
        self.connections[key] = (first, done)
        extra = fields_of(f"{{ {CONNECTION_EXTRA} }}")
        return {code: with_selections(with_argument(node, "after", positions.get(code)), extra)
                for code in targets}

    def _plan_native(self) -> None:
        member = self.schema.get_type("Member")
        for i, node in enumerate(self.native_nodes):
            name = node.name.value
            if name in INTROSPECTION or name == "provinces":
                continue
            key = response_key(node)
            alias = f"_fed_{i}"
            self.aliases[key] = alias
            args = get_argument_values(self.root_type.fields[name], node, self.coerced)
            for code in self.f.order:
                plan = self.plans[code]
                # a province's own token where given; else, for statistics, the central one
                central = (self.creds.token_for(code) is None and name in STATISTICS
                           and self.creds.central is not None and code not in self.creds.refused
                           and (plan.central or not plan.selections))
                if self.creds.token_for(code) is None and not central:
                    self.errors.append(
                        error(f"province {code}: a central token reads statistics only "
                              f"({', '.join(sorted(STATISTICS))}), not a province's records",
                              [key], "FORBIDDEN", code)
                        if self.creds.central is not None and code not in self.creds.refused
                        and name not in STATISTICS else self._no_token(code, key))
                    continue
                plan.central = central
                if name in ("citizenIdSearch", "citizenIdSearches") and \
                        native.VIEWER not in plan.keys:
                    plan.selections.extend(fields_of(f"{{ {native.VIEWER_FIELD} }}"))
                    plan.keys.append(native.VIEWER)
                    plan.reusable = False
                org = self.creds.claims.get(code, {}).get("org")
                text = native.internal_field(self.schema, name, alias, args,
                                             org if isinstance(org, str) else None, central)
                if text is None:
                    if name == "transferReconciliation":  # its side cannot be asked for
                        self.errors.append(error(f"the token for province {code} names no "
                                                 "organisation", [key], "INVALID_INPUT", code))
                    continue
                internal, *beside = fields_of(f"{{ {text} }}")
                if name == "citizenIdSearch":
                    chosen = native.member_selections(node) or list(
                        internal.selection_set.selections)
                    selection = SelectionSetNode(selections=tuple(chosen))
                    part = localised(selection, self.schema, member)
                    variables, spreads = self._used(part)
                    internal = replace(internal, selection_set=part.node)
                    plan.variables |= variables
                    plan.spreads |= spreads
                plan.selections.extend((internal, *beside))
                plan.keys.append(alias)
                plan.reusable = False


@functools.lru_cache(maxsize=1024)
def localised_fragments(schema: Any, query: str) -> dict[str, Part]:
    """The document's fragments with their ID literals made local, once per query text."""
    document, _ = checked_document(schema, query)
    assert document is not None
    return {d.name.value: localised(d, schema, schema.get_type(d.type_condition.name.value))
            for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


_FIELDS: dict[tuple[str, str, int], Part] = {}


def localised_field(schema: Any, query: str, root: str, node: FieldNode) -> Part:
    """A root field with its ID literals made local, once per query text (the node is one of
    the cached document's)."""
    key = (query, root, id(node))
    part = _FIELDS.get(key)
    if part is None:
        if len(_FIELDS) >= 4096:
            _FIELDS.clear()
        part = _FIELDS[key] = localised(node, schema, schema.get_type(root))
    return part
