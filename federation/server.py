"""The federation's HTTP face: POST /graphql (a GET carrying ?query= too), /metrics, /healthz
(each province's health, the federation up while any province is)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Histogram, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .access import AccessRefused
from .gateway import Federation

FEDERATION_DURATION = Histogram("partyorg_federation_request_duration_seconds",
                                "A GraphQL request answered by the federation")


def _json(payload: Any, status: int = 200) -> Response:
    # UTF-8 as is: Vietnamese names stay readable in curl output
    return Response(json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                    status_code=status, media_type="application/json")


def create_app(federation: Federation) -> Starlette:
    if federation.verifier is None:  # served to clients, every token is checked before use
        raise ValueError("the federation needs a token verifier (partyorg.federated composes "
                         "it with TrustedIssuers)")
    async def graphql(request: Request) -> Response:
        with FEDERATION_DURATION.time():
            try:
                # a key set may be fetched over HTTP (sync, cached): off the event loop
                creds = await asyncio.to_thread(federation.credentials,
                                                request.headers.get("authorization"))
            except AccessRefused as exc:
                extensions = {"code": "UNAUTHENTICATED"}
                if exc.reason:
                    extensions["reason"] = exc.reason
                return _json({"errors": [{"message": str(exc), "extensions": extensions}]}, 401)
            if request.method == "GET":
                params = request.query_params
                body: Any = {"query": params.get("query"),
                             "operationName": params.get("operationName"),
                             "variables": json.loads(params.get("variables") or "null")}
            else:
                try:
                    body = await request.json()
                except ValueError:
                    return _json({"errors": [{"message": "the body is not JSON"}]}, 400)
            if not isinstance(body, dict):
                return _json({"errors": [{"message": "send one operation as a JSON object"}]},
                             400)
            return _json(await federation.execute(body, creds))

    async def healthz(request: Request) -> Response:
        checks = await asyncio.gather(*(_health(federation, code)
                                        for code in federation.order))
        up = any(c["status"] == "ok" for c in checks)
        return JSONResponse({"status": "ok" if up else "unavailable", "provinces": checks},
                            status_code=200 if up else 503)

    def metrics(request: Request) -> Response:
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await federation.close()

    return Starlette(routes=[Route("/graphql", graphql, methods=["GET", "POST"]),
                             Route("/healthz", healthz), Route("/metrics", metrics)],
                     lifespan=lifespan)


async def _health(federation: Federation, code: str) -> dict[str, Any]:
    province = federation.provinces[code]
    try:
        health = await province.health()
    except Exception as exc:  # noqa: BLE001 - reported per province, never raised
        return {"province": code, "status": "unavailable", "reason": type(exc).__name__}
    return {"province": code, "status": health.get("status", "unavailable"),
            "breaker": province.breaker.state}
