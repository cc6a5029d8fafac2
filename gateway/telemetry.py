"""Request metrics, error hygiene and correlation ids for the GraphQL endpoint."""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections.abc import Iterator

from graphql import GraphQLError
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from kit import metrics
from kit.logs import correlation_id

log = logging.getLogger("partyorg.gateway")
CORRELATION_HEADER = "x-correlation-id"
GENERIC_MESSAGE = "Internal server error; the correlation id identifies it in the logs."
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")
MAX_OPERATION_LABELS = 500  # clients pick operation names: bound the label set Prometheus keeps
_labels: set[str] = set()
_labels_lock = threading.Lock()


def operation_label(name: str | None) -> str:
    if not name:
        return "anonymous"
    if not _NAME.match(name):
        return "invalid"
    with _labels_lock:
        if name in _labels or len(_labels) < MAX_OPERATION_LABELS:
            _labels.add(name)
            return name
    return "other"


def is_expected(error: GraphQLError) -> bool:
    """Errors we raised on purpose (or graphql-core's own) keep their message; others are masked."""
    original = error.original_error
    return original is None or isinstance(original, GraphQLError)


def error_kind(error: GraphQLError) -> str:
    code = (error.extensions or {}).get("code")
    if code:
        return str(code).lower()
    if not is_expected(error):
        return "internal"
    return "validation" if error.path is None else "execution"


class RequestMetrics(SchemaExtension):
    """Times each operation and counts its errors by kind."""

    def on_operation(self) -> Iterator[None]:
        start = time.perf_counter()
        yield
        context = self.execution_context
        label = operation_label(context.operation_name)
        metrics.GRAPHQL_DURATION.labels(label).observe(time.perf_counter() - start)
        result = context.result
        errors = (result.errors if result is not None else None) or context.pre_execution_errors
        if not errors:
            return
        for error in errors:
            metrics.GRAPHQL_ERRORS.labels(label, error_kind(error)).inc()


def masked(error: GraphQLError) -> GraphQLError:
    """An unexpected error as the client sees it: no message, type or trace from inside."""
    if is_expected(error):
        return error
    return GraphQLError(GENERIC_MESSAGE, nodes=error.nodes, path=error.path,
                        extensions={"code": "INTERNAL_SERVER_ERROR",
                                    "correlationId": correlation_id.get()})


def log_unexpected(errors: list[GraphQLError]) -> None:
    for error in errors:
        if not is_expected(error):
            log.error("unexpected error in a resolver", exc_info=error.original_error,
                      extra={"path": error.path})


class CorrelationId:
    """ASGI middleware: take X-Correlation-Id (or make one), expose it to logs and commands,
    and send it back on the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(CORRELATION_HEADER.encode(), b"").decode("latin-1")
        cid = incoming if _SAFE_ID.match(incoming) else str(uuid.uuid4())
        scope.setdefault("state", {})["correlation_id"] = cid
        token = correlation_id.set(cid)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[CORRELATION_HEADER] = cid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            correlation_id.reset(token)
