"""One GraphQL request across the provinces: parse and validate once against the federation's
schema, write each province the document of the root fields meant for it (planning.py), send
them all at once (each with its timeout and breaker), and merge the answers at the JSON level
(merge.py); the federation's own fields are then executed over those answers (native.py). A
province that fails costs only its part: its fields carry an error naming it
(`extensions.province`) and the rest is answered.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from graphql import (
    GraphQLError,
    OperationDefinitionNode,
    SelectionSetNode,
    execute,
    get_operation_ast,
)
from graphql.execution.values import get_variable_values

from kit.clock import Clock, SystemClock

from . import native
from .access import Credentials, TokenVerifier, credentials
from .audit import CitizenIdAudit
from .breaker import CircuitBreaker
from .documents import ORG_VARIABLE, checked_document, province_document, response_key, root_fields
from .health import province_health
from .ids import globalise, localise_input, shape_of
from .merge import merge_connection, merge_values
from .planning import Planned, error
from .provinces import DEFAULT_TIMEOUT, Province, ProvinceDeployment, ProvinceUnavailable
from .schema import federation_schema, province_sdl, schema_version


class Federation:
    def __init__(self, deployments: Sequence[ProvinceDeployment], *,
                 timeout: float = DEFAULT_TIMEOUT, audit: CitizenIdAudit | None = None,
                 verifier: TokenVerifier | None = None, breaker_threshold: int = 3,
                 breaker_cooldown: float = 10.0, clock: Clock | None = None) -> None:
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
        self.clock = clock or SystemClock()  # the day transferReconciliation's grace counts to
        self.texts: dict[Any, str] = {}  # the document each province is sent, by query
        self.shapes: dict[Any, Any] = {}  # and the shape of its answer (which keys are ids)

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


class _Request(Planned):
    # -- running ---------------------------------------------------------------------------

    async def run(self) -> dict[str, Any]:
        roots = root_fields(self.operation.selection_set, self.originals)
        for node in roots:
            self._route(node)
        self._plan_native()
        wants_health = any(n.name.value == "provinces" for n in self.native_nodes)
        asked = [code for code, plan in self.plans.items() if plan.selections]
        calls = [self._ask(code) for code in asked]
        health = [province_health(self.f.provinces[c], self.f.schema_version)
                  for c in self.f.order] if wants_health else []
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
                    self.f.shapes.clear()
                self.f.texts[reuse] = text
        variables = {k: v for k, v in self.variables.items() if k in plan.variables}
        org = self.creds.claims.get(code, {}).get("org")
        for name, type_ in self.everywhere_types.items():
            if name in variables:
                variables[name] = localise_input(self.raw_variables[name], type_, set(), org)
        if ORG_VARIABLE in plan.variables:
            variables[ORG_VARIABLE] = org
        body = {"query": text, "variables": variables}
        token = self.creds.central if plan.central else self.creds.token_for(code)
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
        shapes = self.f.shapes.get(reuse) if reuse else None
        if shapes is None:
            shapes = shape_of(SelectionSetNode(selections=tuple(plan.selections)),
                              self.root_type, self.schema, self.fragment_nodes)
            if reuse:
                self.f.shapes[reuse] = shapes
        for key, value in data.items():
            shape = shapes.get(key)
            if shape is not None and value is not None:
                data[key] = globalise(value, shape, code)
        return data

    def _client_key(self, key: Any) -> Any:
        for client, alias in self.aliases.items():
            if alias == key or (isinstance(key, str) and key.startswith(f"{alias}_")):
                return client  # an internal field beside the alias too (native.SCOPE)
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

    def _native(self, answers: dict[str, dict[str, Any] | None],
                provinces: list[dict[str, Any]]) -> dict[str, Any]:
        operation = OperationDefinitionNode(
            operation=self.operation.operation, name=self.operation.name,
            variable_definitions=self.operation.variable_definitions,
            directives=self.operation.directives,
            selection_set=SelectionSetNode(selections=tuple(self.native_nodes)))
        document = type(self.document)(definitions=(operation, *self.originals.values()))
        root = native.NativeRoot({c: a for c, a in answers.items() if a is not None},
                                 self.aliases, provinces, self.f.audit, self.f.order,
                                 self.errors, self.f.clock.today)
        result = execute(self.schema, document, root_value=root,
                         variable_values=self.raw_variables, field_resolver=native.field_resolver)
        assert not asyncio.iscoroutine(result)
        for e in result.errors or ():  # type: ignore[union-attr]
            self.errors.append({"message": e.message, "path": e.path,
                                "extensions": e.extensions or {}})
        return result.data or {}  # type: ignore[union-attr]
