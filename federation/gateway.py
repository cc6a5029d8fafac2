"""One GraphQL request across the provinces: parse and validate once against the federation's
schema, write each province the document of the root fields meant for it, send them all at
once (each with its timeout and breaker), and merge the answers at the JSON level; the
federation's own fields are then executed over those answers. A province that fails costs only
its part: its fields carry an error naming it (`extensions.province`) and the rest is answered.

Routing of a root field: the provinces its ids name (NB:<id>; ids of two provinces in one
field are refused); with no id, every province the caller has a token for (merge.py).
"""

from __future__ import annotations

import asyncio
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
    execute,
    get_argument_values,
    get_named_type,
    get_operation_ast,
    type_from_ast,
)
from graphql.execution.values import get_variable_values

from . import native
from .access import Credentials, TokenVerifier, credentials
from .audit import CitizenIdAudit
from .breaker import CircuitBreaker
from .documents import (
    ORG_VARIABLE,
    Part,
    checked_document,
    closure,
    fields_of,
    localised,
    province_document,
    response_key,
    root_fields,
    variables_in,
    with_argument,
    with_selections,
)
from .ids import EVERYWHERE, Shape, globalise, holds_id, localise_input, read_cursor, shape_of
from .merge import CONNECTION_EXTRA, is_connection, merge_connection, merge_values
from .provinces import DEFAULT_TIMEOUT, Province, ProvinceDeployment, ProvinceUnavailable
from .schema import FEDERATION_FIELDS, federation_schema, province_sdl, schema_version

INTROSPECTION = frozenset({"__schema", "__type", "__typename"})


def error(message: str, path: Sequence[Any], code: str, province: str | None = None) -> dict:
    extensions: dict[str, Any] = {"code": code}
    if province is not None:
        extensions["province"] = province
    return {"message": message, "path": list(path), "extensions": extensions}


@dataclass
class _Plan:
    """One province's part of a request."""

    selections: list[Any] = field(default_factory=list)
    variables: set[str] = field(default_factory=set)
    spreads: set[str] = field(default_factory=set)
    keys: list[str] = field(default_factory=list)  # the client's root keys it answers
    reusable: bool = True  # the same text for the same query (no per-request rewriting)


class Federation:
    def __init__(self, deployments: Sequence[ProvinceDeployment], *,
                 timeout: float = DEFAULT_TIMEOUT, audit: CitizenIdAudit | None = None,
                 verifier: TokenVerifier | None = None, breaker_threshold: int = 3,
                 breaker_cooldown: float = 10.0) -> None:
        self.schema = federation_schema()
        self.schema_version = schema_version(province_sdl())
        self.order = [d.code for d in deployments]
        if len(set(self.order)) != len(self.order):
            raise ValueError("two provinces with one code")
        self.provinces = {d.code: Province(d, timeout=timeout, breaker=CircuitBreaker(
            d.code, threshold=breaker_threshold, cooldown=breaker_cooldown))
            for d in deployments}
        self.audit = audit or CitizenIdAudit()
        self.verifier = verifier  # gateway.trusted_issuers.TrustedIssuers (access.py)
        self.texts: dict[Any, str] = {}  # the document each province is sent, by query

    async def close(self) -> None:
        for province in self.provinces.values():
            await province.close()

    def credentials(self, authorization: str | None) -> Credentials:
        return credentials(authorization, self.verifier)  # AccessRefused: 401

    async def execute(self, body: dict[str, Any], creds: Credentials) -> dict[str, Any]:
        query = body.get("query")
        if not isinstance(query, str):
            return {"errors": [{"message": "no GraphQL query in the request"}]}
        document, problems = checked_document(self.schema, query)
        if problems or document is None:
            return {"errors": [e.formatted for e in problems]}
        operation = get_operation_ast(document, body.get("operationName"))
        if operation is None:
            return {"errors": [{"message": "name the operation to run (operationName)"}]}
        raw_variables = body.get("variables") or {}
        coerced = get_variable_values(self.schema, operation.variable_definitions or (),
                                      raw_variables)
        if isinstance(coerced, list):
            return {"errors": [e.formatted for e in coerced]}
        try:
            return await _Request(self, query, document, operation, raw_variables,
                                  coerced, creds).run()
        except GraphQLError as exc:  # an id or cursor of no province: the request is refused
            return {"errors": [exc.formatted]}


class _Request:
    def __init__(self, federation: Federation, query: str, document: Any,
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
        self.fragments = _localised_fragments(self.schema, query)
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
        self.plans = {code: _Plan() for code in federation.order}
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
        part = _localised_field(self.schema, self.query, self.root_type.name, node)
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
                                     "(federatedCounts, federatedAttendance), not a province's "
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
                if self.creds.token_for(code) is None:
                    self.errors.append(self._no_token(code, key))
                    continue
                plan = self.plans[code]
                if name in ("citizenIdSearch", "citizenIdSearches") and \
                        native.VIEWER not in plan.keys:
                    plan.selections.extend(fields_of(f"{{ {native.VIEWER_FIELD} }}"))
                    plan.keys.append(native.VIEWER)
                    plan.reusable = False
                org = self.creds.claims.get(code, {}).get("org")
                text = native.internal_field(self.schema, name, alias, args,
                                             org if isinstance(org, str) else None)
                if text is None:
                    continue
                (internal,) = fields_of(f"{{ {text} }}")
                if name == "citizenIdSearch":
                    chosen = native.member_selections(node) or list(
                        internal.selection_set.selections)
                    selection = SelectionSetNode(selections=tuple(chosen))
                    part = localised(selection, self.schema, member)
                    variables, spreads = self._used(part)
                    internal = replace(internal, selection_set=part.node)
                    plan.variables |= variables
                    plan.spreads |= spreads
                plan.selections.append(internal)
                plan.keys.append(alias)
                plan.reusable = False

    # -- running ---------------------------------------------------------------------------

    async def run(self) -> dict[str, Any]:
        roots = root_fields(self.operation.selection_set, self.originals)
        for node in roots:
            self._route(node)
        self._plan_native()
        wants_health = any(n.name.value == "provinces" for n in self.native_nodes)
        asked = [code for code, plan in self.plans.items() if plan.selections]
        calls = [self._ask(code) for code in asked]
        health = [self._health(code) for code in self.f.order] if wants_health else []
        results = await asyncio.gather(*calls, *health)
        answers = dict(zip(asked, results[:len(asked)], strict=True))
        provinces = list(results[len(asked):])
        data: dict[str, Any] = {}
        for node in roots:
            key = response_key(node)
            if key in self.shapes and key not in data:
                data[key] = self._merged(key, answers)
        if self.native_nodes:
            data.update(self._native(answers, provinces))
        out: dict[str, Any] = {"data": {response_key(n): data.get(response_key(n))
                                        for n in roots}}
        if self.errors:
            out["errors"] = self.errors
        return out

    async def _ask(self, code: str) -> dict[str, Any] | None:
        plan = self.plans[code]
        reuse = (self.query, self.operation.name and self.operation.name.value,
                 tuple(plan.keys)) if plan.reusable else None
        text = self.f.texts.get(reuse) if reuse else None
        if text is None:
            text = province_document(self.operation, plan.selections, plan.variables,
                                     self.fragments, plan.spreads)
            if reuse:
                if len(self.f.texts) >= 1024:
                    self.f.texts.clear()
                self.f.texts[reuse] = text
        variables = {k: v for k, v in self.variables.items() if k in plan.variables}
        org = self.creds.claims.get(code, {}).get("org")
        for name, type_ in self.everywhere_types.items():
            if name in variables:
                variables[name] = localise_input(self.raw_variables[name], type_, set(), org)
        if ORG_VARIABLE in plan.variables:
            variables[ORG_VARIABLE] = org
        body = {"query": text, "variables": variables}
        token = self.creds.token_for(code)
        assert token is not None
        try:
            answer = await self.f.provinces[code].graphql(body, token)
        except ProvinceUnavailable as exc:
            for key in plan.keys:
                if key == native.VIEWER:
                    continue
                path = [self._client_key(key)]
                self.errors.append(error(str(exc), path, exc.code, code))
            return None
        for e in answer.get("errors") or ():
            extensions = dict(e.get("extensions") or {})
            extensions["province"] = code
            path = list(e.get("path") or [])
            if path:
                path[0] = self._client_key(path[0])
            self.errors.append({"message": e.get("message"), "path": path,
                                "extensions": extensions})
        data = answer.get("data") or {}
        shapes = shape_of(SelectionSetNode(selections=tuple(plan.selections)), self.root_type,
                          self.schema, self.fragment_nodes)
        for key, value in data.items():
            shape = shapes.get(key)
            if shape is not None and value is not None:
                data[key] = globalise(value, shape, code)
        return data

    def _client_key(self, key: Any) -> Any:
        for client, alias in self.aliases.items():
            if alias == key:
                return client
        return key

    def _merged(self, key: str, answers: dict[str, dict[str, Any] | None]) -> Any:
        targets = self.fanned.get(key)
        shape = self.shapes[key]
        found = [(code, answers[code].get(key)) for code in (targets or self.f.order)
                 if answers.get(code) is not None and key in answers[code]]  # type: ignore[operator]
        if key in self.connections:
            first, done = self.connections[key]
            return merge_connection(found, shape, first, done)
        return merge_values(found, shape)

    async def _health(self, code: str) -> dict[str, Any]:
        province = self.f.provinces[code]
        out = {"code": code, "name": province.name, "breaker": province.breaker.state,
               "schemaVersion": None, "schemaMatches": False, "readModelLag": None}
        if province.breaker.state == "open":
            return {**out, "health": "DOWN"}
        try:
            health = await province.health()
        except ProvinceUnavailable:
            return {**out, "health": "DOWN"}
        version = health.get("schemaVersion")
        matches = version == self.f.schema_version
        up = health.get("httpStatus") == 200 and health.get("status") == "ok"
        return {**out, "schemaVersion": version, "schemaMatches": matches,
                "readModelLag": _lag(health), "health": "UP" if up and matches else "DEGRADED"}

    def _native(self, answers: dict[str, dict[str, Any] | None],
                provinces: list[dict[str, Any]]) -> dict[str, Any]:
        operation = OperationDefinitionNode(
            operation=self.operation.operation, name=self.operation.name,
            variable_definitions=self.operation.variable_definitions,
            directives=self.operation.directives,
            selection_set=SelectionSetNode(selections=tuple(self.native_nodes)))
        document = type(self.document)(definitions=(operation, *self.originals.values()))
        root = native.NativeRoot({c: a for c, a in answers.items() if a is not None},
                                 self.aliases, provinces, self.f.audit, self.f.order)
        result = execute(self.schema, document, root_value=root,
                         variable_values=self.raw_variables, field_resolver=native.field_resolver)
        assert not asyncio.iscoroutine(result)
        for e in result.errors or ():  # type: ignore[union-attr]
            self.errors.append({"message": e.message, "path": e.path,
                                "extensions": e.extensions or {}})
        return result.data or {}  # type: ignore[union-attr]


def _lag(health: dict[str, Any]) -> int:
    """The most lagging read model's events behind, over the province's services."""
    worst = 0
    stack: list[Any] = [health]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            behind = value.get("projectionsBehind")
            if isinstance(behind, dict):
                worst = max([worst, *(v for v in behind.values() if isinstance(v, int))])
            stack.extend(v for k, v in value.items() if k != "projectionsBehind")
    return worst


@functools.lru_cache(maxsize=1024)
def _localised_fragments(schema: Any, query: str) -> dict[str, Part]:
    """The document's fragments with their ID literals made local, once per query text."""
    document, _ = checked_document(schema, query)
    assert document is not None
    return {d.name.value: localised(d, schema, schema.get_type(d.type_condition.name.value))
            for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


_FIELDS: dict[tuple[str, str, int], Part] = {}


def _localised_field(schema: Any, query: str, root: str, node: FieldNode) -> Part:
    """A root field with its ID literals made local, once per query text (the node is one of
    the cached document's)."""
    key = (query, root, id(node))
    part = _FIELDS.get(key)
    if part is None:
        if len(_FIELDS) >= 4096:
            _FIELDS.clear()
        part = _FIELDS[key] = localised(node, schema, schema.get_type(root))
    return part
