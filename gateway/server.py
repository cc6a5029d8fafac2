"""The HTTP face of the gateway: GraphQL (with GraphiQL), Prometheus metrics and a health check.

    platform = build_platform("var/data")           # partyorg.embedded
    app = create_app(platform.services, load_or_create_keys("var/keys/signing.key"))
    serve(app)  # http://127.0.0.1:8000/graphql, /metrics, /healthz, /.well-known/jwks.json

`services`: by name, each an embedded service or an RPC client (the distributed gateway,
partyorg.processes.gateway, passes RpcClients). A service not passed answers SERVICE_UNAVAILABLE
on its fields and a typed ServiceUnavailable on its mutations. /healthz reports each service; one
that does not answer shows there as unavailable without taking the gateway out of service, except
the scope service (membership), which every request needs.

Every GraphQL request needs `Authorization: Bearer <token>` (see auth.py); only the GraphiQL page
itself (and its assets under /graphiql/static, served from the package: no internet needed),
/metrics, /healthz and the public keys tokens are verified with (/.well-known/jwks.json) are
open. In GraphiQL, put {"Authorization": "Bearer <token>"} in the Headers tab; the docs load once
it is there. Send X-Correlation-Id to tie a request to its logs
and events; one is made otherwise, and every response carries it.

Resolvers are sync and may block (SQLite, or an RPC to a service in another process): an operation
that may wait runs in a worker thread, so the event loop keeps serving other requests meanwhile.
A query over read models in this process with no write left to wait for is CPU work only: it runs
on the event loop, one per turn of the loop (loop_turns.py).
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import hashlib
import logging
import os
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import uvicorn
from cross_web import HTTPException  # what strawberry's views raise for a 400
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from kit import json_text, logs
from kit.client import ServiceClient
from kit.collections_paced import keep_startup_for_good
from kit.metrics import GRAPHQL_EXECUTED
from kit.projections.catchup import settled_reads

from .answers import AnswerCache, QueryNames, Versions, query_operation, read_model_versions
from .auth import AuthError, KeySet, bearer_token
from .body_limit import MAX_BODY_BYTES, BodyLimit
from .central_tokens import ProvinceTokens, central_keys_from_env
from .context import SCOPE_SERVICE, GatewayContext
from .keys import jwks_endpoint
from .limits import DEFAULT_MAX_COST, DEFAULT_MAX_DEPTH
from .loop_turns import LoopTurns
from .post_queries import QueryRouting
from .query_processes import QueryProcesses, QuerySide
from .schema import build_schema
from .telemetry import CorrelationId, masked

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

log = logging.getLogger("partyorg.gateway")
DEFAULT_WORKERS = 16
GRAPHIQL = Path(__file__).parent / "static" / "graphiql"  # the page; vendor/: its assets


class AuthenticatedGraphQL(QueryRouting, GraphQL):
    """Strawberry's ASGI view, refusing any operation without a valid bearer token."""

    def __init__(self, schema: Any, services: Mapping[str, ServiceClient[Any]], key: KeySet,
                 executor: ThreadPoolExecutor, answers: AnswerCache | None = None,
                 central: Any = None, query_executor: ThreadPoolExecutor | None = None,
                 in_process: Versions | None = None,
                 processes: QueryProcesses | None = None) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True)
        self.services = services
        self.key = key
        # its own tokens, and the central commission's for statistics if it trusts them
        self.tokens = ProvinceTokens(key, services[SCOPE_SERVICE].province, central)
        self.executor = executor
        # queries over read models in this process that must wait for their catch-up: one at
        # a time (see create_app); those with nothing to wait for run on the event loop
        self.query_executor = query_executor or executor
        # their versions: a query with no write left to wait for runs on the event loop itself
        self.in_process = in_process
        self.turns = LoopTurns()
        self.answers = answers
        self.query_names = QueryNames()
        # such a query goes to a query process of its own when one is up (query_processes.py)
        self.processes = processes
        self.running = 0  # such queries being executed, here or there

    @property
    def graphql_ide_html(self) -> str:
        # strawberry's own page loads its scripts from a public CDN; ours, from the gateway
        return graphiql_page()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # no subscriptions: nothing to stream yet
            await send({"type": "websocket.close", "code": 1008})
            return
        request = Request(scope, receive)
        if self.should_render_graphql_ide(request):  # type: ignore[arg-type]
            await HTMLResponse(self.graphql_ide_html)(scope, receive, send)
            return
        try:
            token = bearer_token(request.headers.get("authorization"))
            claims = self.tokens.verify(token)
        except AuthError as error:
            response = JSONResponse(
                {"errors": [{"message": str(error), "extensions": {
                    "code": "UNAUTHENTICATED", "reason": error.reason}}]},
                status_code=401, headers={"WWW-Authenticate": 'Bearer realm="partyorg"'})
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["claims"] = claims
        if scope["method"] == "POST" and (self.answers is not None or self.processes is not None):
            await self._query(scope, receive, send, request, claims)
            return
        await super().__call__(scope, receive, send)

    def encode_json(self, data: object) -> bytes:
        # UTF-8 as is: Vietnamese names stay readable in curl output and logs; orjson (what it
        # refuses goes through the standard library), 5x faster on a member's history
        return json_text.dumps_bytes(data)

    def decode_json(self, data: str | bytes) -> object:
        # the request body: what orjson refuses is read by the standard library, which raises
        # the error strawberry answers 400 for
        return json_text.loads(data)

    async def process_result(self, request: Any, result: Any) -> Any:
        # every path ends here, including failures strawberry catches outside the extensions
        if result.errors:
            result.errors = [masked(e) for e in result.errors]
        request.scope["state"]["answered_without_errors"] = not result.errors
        return await super().process_result(request, result)

    async def execute_single(self, request: Any, request_adapter: Any, sub_response: Any,
                             context: Any, root_value: Any, request_data: Any) -> Any:
        """Strawberry's execute_single, with the operation off the event loop (sync resolvers
        would stall every request) unless it is a query over read models in this process that
        has no write left to wait for: that one runs on the loop, where a thread handoff and
        the interpreter lock traded between two threads cost a third of its rate or more."""
        allowed = OperationType.from_http(request_adapter.method)
        if not self.allow_queries_via_get and request_adapter.method == "GET":
            allowed = allowed - {OperationType.QUERY}
        execute = functools.partial(
            self.schema.execute_sync, request_data.query,
            variable_values=request_data.variables, context_value=context,
            root_value=root_value, operation_name=request_data.operation_name,
            allowed_operation_types=allowed, operation_extensions=request_data.extensions)
        executor = self.executor
        try:
            if self.in_process is not None and isinstance(request_data.query, str) and \
                    query_operation(request_data.query, request_data.operation_name) is not None:
                if self.in_process(False) is not None:  # every earlier write applied
                    GRAPHQL_EXECUTED.labels("serving_process").inc()
                    self.running += 1
                    try:
                        return await self.turns.run(functools.partial(_settled, execute))
                    finally:
                        self.running -= 1
                executor = self.query_executor  # it waits for them: off the loop
            # run_in_executor does not copy contextvars: carry the correlation id across
            run = contextvars.copy_context().run
            return await asyncio.get_running_loop().run_in_executor(
                executor, lambda: run(execute))
        except CannotGetOperationTypeError as e:
            raise HTTPException(400, e.as_http_error_reason()) from e
        except InvalidOperationTypeError as e:
            raise HTTPException(400, e.as_http_error_reason(request_adapter.method)) from e
        except MissingQueryError as e:
            raise HTTPException(400, "No GraphQL query found in the request") from e

    async def get_context(self, request: Any, response: Any) -> GatewayContext:
        state = request.scope.get("state", {})
        return GatewayContext(self.services, state["claims"], state.get("correlation_id", ""))


@functools.cache
def graphiql_page() -> str:
    return (GRAPHIQL / "index.html").read_text(encoding="utf-8")


def _settled(execute: Callable[[], Any]) -> Any:
    with settled_reads():
        return execute()


def create_app(services: Mapping[str, ServiceClient[Any]], signing_key: KeySet, *,
               introspection: bool = True, max_depth: int = DEFAULT_MAX_DEPTH,
               max_cost: int = DEFAULT_MAX_COST, workers: int = DEFAULT_WORKERS,
               answer_cache: bool = True, max_body: int = MAX_BODY_BYTES,
               declarations: Sequence[Any] | None = None, trusted: Any = None,
               query_side: QuerySide | None = None) -> Starlette:
    """`services`: by name, embedded services (partyorg.embedded) or RpcClients; the scope
    service (membership) is required; `signing_key`: the province's key set (gateway/keys.py),
    whose tokens it accepts and whose public keys it publishes;
    `declarations`: the services whose GraphQL parts make the schema (default: every service
    of partyorg.services, served here or not);
    `workers`: operations that may run (and block on their backend) at the same time;
    `answer_cache`: answer a repeated query from its kept answer while the read models have not
    moved (answers.py; embedded services only);
    `max_body`: the largest request body in bytes; a larger one is answered 413 (body_limit.py);
    `trusted`: the central organisation commission's public keys (a KeySet, a JWKS document, file
    or URL; default PARTYORG_CENTRAL_JWKS, else none): its tokens then read statistics here
    (central_tokens.py);
    `query_side`: queries over the embedded read models executed in that many processes of
    their own, built as it says (query_processes.py), so that more than one core answers."""
    schema = build_schema(introspection=introspection, max_depth=max_depth, max_cost=max_cost,
                          declarations=declarations)
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="graphql")
    # Queries over read models in this process (the embedded services) are CPU work under one
    # interpreter lock: several threads running them side by side made each slower and all of
    # them together slower than one (a branch's member page, 10 clients: 134 req/s on 16
    # threads, 202 on one; 1 client: 169). They take turns on the event loop (loop_turns.py:
    # 10 clients, ~280 -> ~360 req/s), or on one thread when they must first wait for writes
    # to be applied; mutations (waiting on the store's fsync, where group commit wants them
    # side by side) and everything behind RPC (waiting on the network) keep the pool.
    in_process = read_model_versions(*services.values())  # None behind RPC
    queries = (ThreadPoolExecutor(max_workers=1, thread_name_prefix="graphql-query")
               if in_process is not None else None)
    # the federation (federation/) checks that every province serves the schema it merges
    schema_version = hashlib.sha256(schema.as_str().encode()).hexdigest()[:16]
    if SCOPE_SERVICE not in services:
        raise ValueError(f"the gateway needs the {SCOPE_SERVICE} service: it scopes every request")
    versions = in_process if answer_cache else None
    central = trusted if trusted is not None else central_keys_from_env()
    processes = None
    if query_side is not None and query_side.processes > 0 and in_process is not None:
        processes = QueryProcesses(query_side, {"introspection": introspection,
                                                "max_depth": max_depth, "max_cost": max_cost})
    graphql = AuthenticatedGraphQL(schema, services, signing_key, executor,
                                   AnswerCache(versions) if versions is not None else None,
                                   central, queries, in_process, processes)

    def metrics(request: Request) -> Response:
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    def healthz(request: Request) -> Response:  # sync: Starlette runs it on a worker thread
        province = services[SCOPE_SERVICE].province
        try:
            health = services[SCOPE_SERVICE].health()
        except Exception as exc:  # the detail goes to the log, not to an open endpoint
            log.warning("health check failed", extra={"error": repr(exc)})
            return JSONResponse({"status": "unavailable", "province": province}, status_code=503)
        for name, service in services.items():
            if name == SCOPE_SERVICE:
                continue
            try:
                health[name] = service.health()
            except Exception as exc:  # the scope service still answers: say so, stay in service
                log.warning(f"{name} health check failed", extra={"error": repr(exc)})
                health[name] = {"status": "unavailable"}
        if processes is not None:  # how many are up to take queries, of how many
            health["queryProcesses"] = {"up": processes.ready,
                                        "configured": processes.side.processes}
        return JSONResponse({"status": "ok", "province": province, **health,
                             "schemaVersion": schema_version})

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if processes is not None:
            await processes.start()
        yield
        if processes is not None:
            await processes.close()
        for pool in (executor, queries):
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)

    app = Starlette(
        routes=[
            Route("/graphql", graphql),
            Mount("/graphiql/static", StaticFiles(directory=GRAPHIQL / "vendor"), name="graphiql"),
            Route("/metrics", metrics),
            Route("/healthz", healthz),
            Route("/.well-known/jwks.json", jwks_endpoint(signing_key)),
            Route("/", lambda request: RedirectResponse("/graphql")),
        ],
        middleware=[Middleware(CorrelationId), Middleware(BodyLimit, limit=max_body)],
        lifespan=lifespan,
    )
    app.state.schema = schema
    app.state.query_processes = processes
    return app


def serve(app: Starlette, host: str = "127.0.0.1", port: int = 8000) -> None:
    if not logging.getLogger().handlers:  # the level as the distributed processes take it
        logs.configure(os.environ.get("PARTYORG_LOG_LEVEL", "INFO"))
    # What is built by now (the schema, the services, imported modules) lives as long as the
    # process: out of the collector's sight, a full collection no longer walks it (executed
    # queries at 50 clients: time in full collections 448 -> 125 ms over ~24 s; side by side,
    # twice each, p99 member history 133/149 -> 59/83 ms, member page 199/207 -> 169/141 ms).
    keep_startup_for_good()
    # log_config=None: uvicorn's loggers go through the root's JSON handler too
    uvicorn.run(app, host=host, port=port, log_config=None)
