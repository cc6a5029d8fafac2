"""The HTTP face of the gateway: GraphQL (with GraphiQL), Prometheus metrics and a health check.

    app = create_app(build_embedded("var/data"), load_or_create_key("var/signing.key"))
    serve(app)  # http://127.0.0.1:8000/graphql, /metrics, /healthz

Every GraphQL request needs `Authorization: Bearer <token>` (see auth.py); only the GraphiQL page
itself, /metrics and /healthz are open. In GraphiQL, put {"Authorization": "Bearer <token>"} in
the Headers tab. Send X-Correlation-Id to tie a request to its logs and events; one is made
otherwise, and every response carries it.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from partyorg.kit import logs

from .auth import AuthError, bearer_token, verify_token
from .context import GatewayContext
from .limits import DEFAULT_MAX_COST, DEFAULT_MAX_DEPTH
from .schema import build_schema
from .telemetry import CorrelationId, masked

if TYPE_CHECKING:
    from partyorg.membership.bootstrap import EmbeddedMembership

log = logging.getLogger("partyorg.gateway")


class AuthenticatedGraphQL(GraphQL):
    """Strawberry's ASGI view, refusing any operation without a valid bearer token."""

    def __init__(self, schema: Any, membership: EmbeddedMembership, key: bytes) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True)
        self.membership = membership
        self.key = key

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
            claims = verify_token(self.key, token, self.membership.province)
        except AuthError as error:
            response = JSONResponse(
                {"errors": [{"message": str(error), "extensions": {"code": "UNAUTHENTICATED"}}]},
                status_code=401, headers={"WWW-Authenticate": 'Bearer realm="partyorg"'})
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["claims"] = claims
        await super().__call__(scope, receive, send)

    def encode_json(self, data: object) -> bytes:
        # UTF-8 as is: Vietnamese names stay readable in curl output and logs
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()

    async def process_result(self, request: Any, result: Any) -> Any:
        # every path ends here, including failures strawberry catches outside the extensions
        if result.errors:
            result.errors = [masked(e) for e in result.errors]
        return await super().process_result(request, result)

    async def get_context(self, request: Any, response: Any) -> GatewayContext:
        state = request.scope.get("state", {})
        return GatewayContext(self.membership, state["claims"], state.get("correlation_id", ""))


def create_app(membership: EmbeddedMembership, signing_key: bytes, *, introspection: bool = True,
               max_depth: int = DEFAULT_MAX_DEPTH, max_cost: int = DEFAULT_MAX_COST) -> Starlette:
    schema = build_schema(introspection=introspection, max_depth=max_depth, max_cost=max_cost)
    graphql = AuthenticatedGraphQL(schema, membership, signing_key)

    def metrics(request: Request) -> Response:
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    def healthz(request: Request) -> Response:
        head = membership.store.head_position()
        checkpoints = membership.runner.checkpoints()
        behind = {name: head - pos for name, pos in checkpoints.items() if pos < head}
        return JSONResponse({"status": "ok", "province": membership.province,
                             "storeHead": head, "projectionsBehind": behind})

    app = Starlette(
        routes=[
            Route("/graphql", graphql),
            Route("/metrics", metrics),
            Route("/healthz", healthz),
            Route("/", lambda request: RedirectResponse("/graphql")),
        ],
        middleware=[Middleware(CorrelationId)],
    )
    app.state.schema = schema
    return app


def serve(app: Starlette, host: str = "127.0.0.1", port: int = 8000) -> None:
    if not logging.getLogger().handlers:
        logs.configure()
    # log_config=None: uvicorn's loggers go through the root's JSON handler too
    uvicorn.run(app, host=host, port=port, log_config=None)
