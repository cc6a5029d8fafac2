"""A query process: executes the queries the serving process sends it (query_processes.py).

    python -m gateway.query_process <fd>   # started by the serving process, never by hand

It reads one frame at a time from the socket it was handed: first how to build its services
and its schema (QuerySide), then queries (a POST's JSON body, the caller's verified claims and
the correlation id), each answered with the response's bytes, whether it held errors and the
metric samples it recorded (replayed by the serving process, whose
/metrics is the one scraped). It ends when the serving process closes the socket.
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import socket
import sys
from typing import Any

from strawberry.http import process_result
from strawberry.types.graphql import OperationType

from kit import json_text, logs, metrics
from kit.collections_paced import keep_startup_for_good
from kit.logs import correlation_id

from .context import GatewayContext
from .query_processes import _LENGTH, REPLAYED, WriterOnly, frame
from .schema import build_schema
from .telemetry import masked

SERVING = ("serving process",)
POST = OperationType.from_http("POST")


class _Recorded:
    """Stands in for a metric of kit.metrics here: what it is asked to record is kept for the
    serving process."""

    def __init__(self, name: str, kept: list[tuple[str, tuple[str, ...], str, float]]) -> None:
        self.name = name
        self.kept = kept

    def labels(self, *labels: str) -> _Labelled:
        return _Labelled(self, tuple(labels))


class _Labelled:
    def __init__(self, metric: _Recorded, labels: tuple[str, ...]) -> None:
        self.metric = metric
        self.labels = labels

    def observe(self, value: float) -> None:
        self.metric.kept.append((self.metric.name, self.labels, "observe", value))

    def inc(self, value: float = 1.0) -> None:
        self.metric.kept.append((self.metric.name, self.labels, "inc", value))


def _receive(sock: socket.socket) -> Any:
    head = _exactly(sock, _LENGTH.size)
    if head is None:
        return None
    (length,) = _LENGTH.unpack(head)
    body = _exactly(sock, length)
    return None if body is None else pickle.loads(body)


def _exactly(sock: socket.socket, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _send(sock: socket.socket, message: Any) -> None:
    sock.sendall(frame(message))


class Executor:
    """The schema and the services of this process, executing one query at a time."""

    def __init__(self, spec: dict[str, Any]) -> None:
        module, _, name = spec["factory"].partition(":")
        self.services, declarations = getattr(importlib.import_module(module), name)(
            **spec["kwargs"])
        self.schema = build_schema(declarations=declarations, **spec["schema"])
        self.recorded: list[tuple[str, tuple[str, ...], str, float]] = []
        for metric in REPLAYED:
            setattr(metrics, metric, _Recorded(metric, self.recorded))

    def execute(self, request: tuple[Any, ...]) -> tuple[Any, ...]:
        """("answer", body, without errors, metric samples), or ("serving process",)."""
        body, claims, cid = request
        operation = _operation(body)
        if operation is None:  # the server's view answers it, 400s included
            return SERVING
        query, variables, operation_name, extensions = operation
        self.recorded.clear()
        token = correlation_id.set(cid)
        try:
            result = self.schema.execute_sync(
                query, variable_values=variables, operation_name=operation_name,
                context_value=GatewayContext(self.services, claims, cid),
                allowed_operation_types=POST, operation_extensions=extensions)
            errors = result.errors or []
            if any(isinstance(e.original_error, WriterOnly) for e in errors):
                return SERVING
            result.errors = [masked(e) for e in errors] or None
            # formatted as strawberry's view formats it in the server (data, errors, extensions)
            return ("answer", json_text.dumps_bytes(process_result(result)), not result.errors,
                    list(self.recorded))
        except Exception:  # what the engine refuses outright is answered as the server does
            return SERVING
        finally:
            correlation_id.reset(token)


def _operation(body: bytes) -> tuple[str, Any, Any, Any] | None:
    """(query, variables, operation name, extensions) as strawberry's view reads them from a
    JSON body; None for what it would refuse or read otherwise."""
    try:
        data = json_text.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    query, variables = data.get("query"), data.get("variables")
    name, extensions = data.get("operationName"), data.get("extensions")
    if not isinstance(query, str) or not isinstance(variables, (dict, type(None))) \
            or not isinstance(extensions, (dict, type(None))):
        return None
    return query, variables, name, extensions


def main(fd: int) -> int:
    # Ctrl-C in a terminal reaches the whole process group: the serving process ends this one
    # by closing the socket, after the requests it is answering
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logs.configure(os.environ.get("PARTYORG_LOG_LEVEL", "INFO"))
    sock = socket.socket(fileno=fd)
    spec = _receive(sock)
    if spec is None:
        return 0
    executor = Executor(spec)
    keep_startup_for_good()  # what startup built lives as long as the process
    _send(sock, "ready")
    while (request := _receive(sock)) is not None:
        _send(sock, executor.execute(request))
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))
